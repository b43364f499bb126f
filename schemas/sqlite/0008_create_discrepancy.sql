-- Discrepancy pairs (a national and an international value of one series, area, period and breakdown), their
-- typology codes and the history of their reconciliation. Forward-only: never edit this file once it has landed.
-- Kept column for column in step with schemas/sqlserver/0008_create_discrepancy.sql.
--
-- pair_id is a lower-case GUID text like transfer ids; timestamps are fixed-width ISO-8601 UTC text, as in 0001.
-- breakdown is canonical (AGE=Y0T4;SEX=F, sorted, _T omitted) and empty for the total. dataflow is AGENCY:ID(VERSION).

CREATE TABLE discrepancy_pair (
    pair_id                    TEXT NOT NULL PRIMARY KEY CHECK (length(pair_id) = 36),
    dataflow                   TEXT NOT NULL CHECK (length(dataflow) BETWEEN 1 AND 200),
    series                     TEXT NOT NULL CHECK (length(series) BETWEEN 1 AND 128),
    area                       TEXT NOT NULL CHECK (length(area) BETWEEN 1 AND 128),
    period                     TEXT NOT NULL CHECK (length(period) BETWEEN 1 AND 32),
    breakdown                  TEXT NOT NULL CHECK (length(breakdown) <= 300),
    national_organisation      TEXT NULL CHECK (length(national_organisation) <= 256),
    national_value             REAL NULL,
    national_nature            TEXT NULL CHECK (length(national_nature) <= 32),
    international_organisation TEXT NULL CHECK (length(international_organisation) <= 256),
    international_value        REAL NULL,
    international_nature       TEXT NULL CHECK (length(international_nature) <= 32),
    difference                 REAL NULL,
    state                      TEXT NOT NULL CHECK (state IN (
        'raised', 'in-consultation', 'reconciled', 'documented-side-by-side', 'national-accepted', 'agency-retained')),
    first_found_at             TEXT NOT NULL,
    analysed_at                TEXT NOT NULL,
    CONSTRAINT uq_discrepancy_pair UNIQUE (dataflow, series, area, period, breakdown)
) STRICT;

-- Listing goes by series, by area, or by state, in series, area, period, breakdown order.
CREATE INDEX ix_discrepancy_pair_series ON discrepancy_pair (series, area, period, breakdown);

CREATE INDEX ix_discrepancy_pair_area ON discrepancy_pair (area, series);

CREATE INDEX ix_discrepancy_pair_state ON discrepancy_pair (state);

-- A pair's typology codes: one row per code and origin (the analysis may propose a code a person also added).
-- facts is the evidence as a JSON array of strings; decided_by, reason and status_at say who set the status, why, when.
CREATE TABLE discrepancy_code (
    pair_id    TEXT NOT NULL REFERENCES discrepancy_pair (pair_id),
    code       TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
    origin     TEXT NOT NULL CHECK (origin IN ('automatic', 'manual')),
    status     TEXT NOT NULL CHECK (status IN ('proposed', 'confirmed', 'removed')),
    rule_name  TEXT NOT NULL CHECK (length(rule_name) <= 1024),
    facts      TEXT NOT NULL CHECK (json_valid(facts)),
    decided_by TEXT NULL CHECK (length(decided_by) <= 256),
    reason     TEXT NULL CHECK (length(reason) <= 4000),
    status_at  TEXT NOT NULL,
    CONSTRAINT pk_discrepancy_code PRIMARY KEY (pair_id, code, origin)
) STRICT, WITHOUT ROWID;

-- Listing by an active code.
CREATE INDEX ix_discrepancy_code_code ON discrepancy_code (code, status);

-- A pair's history, ordinal from 1 in the order recorded. kind is a state move or a code confirmed, removed or added.
CREATE TABLE discrepancy_event (
    pair_id      TEXT    NOT NULL REFERENCES discrepancy_pair (pair_id),
    ordinal      INTEGER NOT NULL CHECK (ordinal >= 1),
    event_at     TEXT    NOT NULL,
    organisation TEXT    NOT NULL CHECK (length(organisation) BETWEEN 1 AND 256),
    principal    TEXT    NULL CHECK (length(principal) <= 256),
    kind         TEXT    NOT NULL CHECK (kind IN ('state', 'code-confirmed', 'code-removed', 'code-added')),
    from_state   TEXT    NULL CHECK (length(from_state) <= 32),
    to_state     TEXT    NULL CHECK (length(to_state) <= 32),
    code         TEXT    NULL CHECK (length(code) <= 64),
    comment      TEXT    NOT NULL CHECK (length(comment) <= 4000),
    CONSTRAINT pk_discrepancy_event PRIMARY KEY (pair_id, ordinal)
) STRICT, WITHOUT ROWID;
