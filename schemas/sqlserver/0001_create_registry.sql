-- The structure registry and the transfer log (DESIGN §4, §6). Forward-only: never edit this file once it
-- has landed; add a new NNNN_verb_object.sql instead (the migrator refuses a changed checksum).
--
-- Kept column for column in step with schemas/sqlite/0001_create_registry.sql (a test compares them).
-- Storage choices, made so that both dialects round-trip the same values:
--   timestamps   datetimeoffset(7), always written in UTC; SQLite keeps ISO-8601 UTC text to the same tick.
--   transfer_id  nvarchar(36) holding the lower-case GUID ('D' format) rather than uniqueidentifier, whose
--                sort order differs from the text order SQLite uses; nvarchar rather than char because the
--                stores send strings as nvarchar, and an nvarchar parameter against a char column converts
--                the column and turns the key seek into a scan.
--   booleans     bit; INTEGER 0/1 in SQLite.
--   JSON         nvarchar(max): the canonical artefact body and the names, descriptions and annotations of codes.
-- Identifier columns use a binary collation: SDMX ids are case-sensitive, as SQLite compares them, while the
-- usual server collation would make CL_AREA and cl_area collide. Key column lengths keep the clustered keys
-- under 900 bytes.

CREATE TABLE artefact (
    artefact_pk   bigint IDENTITY(1, 1) NOT NULL CONSTRAINT pk_artefact PRIMARY KEY,
    artefact_type nvarchar(32)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    agency_id     nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    artefact_id   nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    version       nvarchar(32)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    is_final      bit               NOT NULL,
    name          nvarchar(max)     NOT NULL,
    body          nvarchar(max)     NOT NULL,
    body_sha256   char(64)          NOT NULL,
    created_at    datetimeoffset(7) NOT NULL,
    updated_at    datetimeoffset(7) NOT NULL,
    CONSTRAINT uq_artefact UNIQUE (artefact_type, agency_id, artefact_id, version)
);
GO

CREATE TABLE artefact_reference (
    artefact_pk     bigint NOT NULL
        CONSTRAINT fk_artefact_reference_artefact REFERENCES artefact (artefact_pk) ON DELETE CASCADE,
    ref_type        nvarchar(32)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    ref_agency_id   nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    ref_artefact_id nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    ref_version     nvarchar(32)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT pk_artefact_reference PRIMARY KEY (artefact_pk, ref_type, ref_agency_id, ref_artefact_id, ref_version)
);
GO

-- "Which artefacts refer to X" is asked before every delete.
CREATE INDEX ix_artefact_reference_ref ON artefact_reference (ref_type, ref_agency_id, ref_artefact_id, ref_version);
GO

-- One row per code, so that a code or a codelist's codes can be read without parsing the whole body.
-- uri is kept so that the codes read back equal the codes of the stored body.
CREATE TABLE code (
    artefact_pk    bigint NOT NULL
        CONSTRAINT fk_code_artefact REFERENCES artefact (artefact_pk) ON DELETE CASCADE,
    position       int            NOT NULL,
    code_id        nvarchar(128)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    parent_code_id nvarchar(128)  COLLATE Latin1_General_100_BIN2 NULL,
    uri            nvarchar(2048) NULL,
    names          nvarchar(max)  NOT NULL,
    descriptions   nvarchar(max)  NOT NULL,
    annotations    nvarchar(max)  NOT NULL,
    CONSTRAINT pk_code PRIMARY KEY (artefact_pk, code_id)
);
GO

-- Append-only: one row per exchange, written when it finishes.
CREATE TABLE transfer (
    transfer_id           nvarchar(36)      COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_transfer PRIMARY KEY,
    idempotency_key       nvarchar(200)     COLLATE Latin1_General_100_BIN2 NULL,
    kind                  nvarchar(64)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    channel               nvarchar(32)      NOT NULL,
    format                nvarchar(128)     NULL,
    sender_organisation   nvarchar(256)     NULL,
    receiver_organisation nvarchar(256)     NULL,
    principal             nvarchar(256)     NULL,
    dataflow              nvarchar(512)     NULL,
    series_codes          nvarchar(max)     NULL,
    ref_areas             nvarchar(max)     NULL,
    period_start          nvarchar(64)      NULL,
    period_end            nvarchar(64)      NULL,
    series_count          bigint            NOT NULL,
    observation_count     bigint            NOT NULL,
    annotation_count      bigint            NOT NULL,
    artefact_count        bigint            NOT NULL,
    bytes                 bigint            NOT NULL,
    payload_sha256        varchar(64)       NULL,
    started_at            datetimeoffset(7) NOT NULL,
    finished_at           datetimeoffset(7) NOT NULL,
    outcome               nvarchar(32)      NOT NULL,
    error_summary         nvarchar(max)     NULL
);
GO

CREATE INDEX ix_transfer_started_at ON transfer (started_at);
GO

CREATE INDEX ix_transfer_idempotency_key ON transfer (idempotency_key);
GO
