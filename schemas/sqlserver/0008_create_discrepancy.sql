-- Discrepancy pairs (a national and an international value of one series, area, period and breakdown), their
-- typology codes and the history of their reconciliation. Forward-only: never edit this file once it has landed.
-- Kept column for column in step with schemas/sqlite/0008_create_discrepancy.sql.
--
-- pair_id is a lower-case GUID text like transfer ids; datetimeoffset(7) in UTC; identifiers in a binary collation
-- (case-sensitive, ordered like SQLite's text). breakdown is canonical (AGE=Y0T4;SEX=F, sorted, _T omitted) and
-- empty for the total. dataflow is AGENCY:ID(VERSION).
-- Key lengths: uq_discrepancy_pair is dataflow nvarchar(200) + series nvarchar(128) + area nvarchar(128) + period
-- nvarchar(32) + breakdown nvarchar(300) = 1,576 bytes, under the 1,700-byte limit of a nonclustered index key.

CREATE TABLE discrepancy_pair (
    pair_id                    nvarchar(36)      COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_discrepancy_pair PRIMARY KEY,
    dataflow                   nvarchar(200)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    series                     nvarchar(128)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    area                       nvarchar(128)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    period                     nvarchar(32)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    breakdown                  nvarchar(300)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    national_organisation      nvarchar(256)     COLLATE Latin1_General_100_BIN2 NULL,
    national_value             float             NULL,
    national_nature            nvarchar(32)      COLLATE Latin1_General_100_BIN2 NULL,
    international_organisation nvarchar(256)     COLLATE Latin1_General_100_BIN2 NULL,
    international_value        float             NULL,
    international_nature       nvarchar(32)      COLLATE Latin1_General_100_BIN2 NULL,
    difference                 float             NULL,
    state                      nvarchar(32)      COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT ck_discrepancy_pair_state CHECK (state IN (
            N'raised', N'in-consultation', N'reconciled', N'documented-side-by-side', N'national-accepted', N'agency-retained')),
    first_found_at             datetimeoffset(7) NOT NULL,
    analysed_at                datetimeoffset(7) NOT NULL,
    CONSTRAINT uq_discrepancy_pair UNIQUE (dataflow, series, area, period, breakdown),
    CONSTRAINT ck_discrepancy_pair_pair_id CHECK (len(pair_id) = 36),
    CONSTRAINT ck_discrepancy_pair_dataflow CHECK (len(dataflow) >= 1),
    CONSTRAINT ck_discrepancy_pair_series CHECK (len(series) >= 1),
    CONSTRAINT ck_discrepancy_pair_area CHECK (len(area) >= 1),
    CONSTRAINT ck_discrepancy_pair_period CHECK (len(period) >= 1)
);
GO

-- Listing goes by series, by area, or by state, in series, area, period, breakdown order.
CREATE INDEX ix_discrepancy_pair_series ON discrepancy_pair (series, area, period, breakdown);
GO

CREATE INDEX ix_discrepancy_pair_area ON discrepancy_pair (area, series);
GO

CREATE INDEX ix_discrepancy_pair_state ON discrepancy_pair (state);
GO

-- A pair's typology codes: one row per code and origin (the analysis may propose a code a person also added).
-- facts is the evidence as a JSON array of strings; decided_by, reason and status_at say who set the status, why, when.
CREATE TABLE discrepancy_code (
    pair_id    nvarchar(36)      COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_discrepancy_code_pair REFERENCES discrepancy_pair (pair_id),
    code       nvarchar(64)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    origin     nvarchar(16)      COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT ck_discrepancy_code_origin CHECK (origin IN (N'automatic', N'manual')),
    status     nvarchar(16)      COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT ck_discrepancy_code_status CHECK (status IN (N'proposed', N'confirmed', N'removed')),
    rule_name  nvarchar(1024)    NOT NULL,
    facts      nvarchar(max)     NOT NULL CONSTRAINT ck_discrepancy_code_facts CHECK (ISJSON(facts) = 1),
    decided_by nvarchar(256)     COLLATE Latin1_General_100_BIN2 NULL,
    reason     nvarchar(4000)    NULL,
    status_at  datetimeoffset(7) NOT NULL,
    CONSTRAINT pk_discrepancy_code PRIMARY KEY (pair_id, code, origin),
    CONSTRAINT ck_discrepancy_code_code CHECK (len(code) >= 1)
);
GO

-- Listing by an active code.
CREATE INDEX ix_discrepancy_code_code ON discrepancy_code (code, status);
GO

-- A pair's history, ordinal from 1 in the order recorded. kind is a state move or a code confirmed, removed or added.
CREATE TABLE discrepancy_event (
    pair_id      nvarchar(36)      COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_discrepancy_event_pair REFERENCES discrepancy_pair (pair_id),
    ordinal      int               NOT NULL,
    event_at     datetimeoffset(7) NOT NULL,
    organisation nvarchar(256)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    principal    nvarchar(256)     COLLATE Latin1_General_100_BIN2 NULL,
    kind         nvarchar(16)      COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT ck_discrepancy_event_kind CHECK (kind IN (N'state', N'code-confirmed', N'code-removed', N'code-added')),
    from_state   nvarchar(32)      COLLATE Latin1_General_100_BIN2 NULL,
    to_state     nvarchar(32)      COLLATE Latin1_General_100_BIN2 NULL,
    code         nvarchar(64)      COLLATE Latin1_General_100_BIN2 NULL,
    comment      nvarchar(4000)    NOT NULL,
    CONSTRAINT pk_discrepancy_event PRIMARY KEY (pair_id, ordinal),
    CONSTRAINT ck_discrepancy_event_ordinal CHECK (ordinal >= 1),
    CONSTRAINT ck_discrepancy_event_organisation CHECK (len(organisation) >= 1)
);
GO
