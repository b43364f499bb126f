-- The structure registry and the transfer log (DESIGN §4, §6). Forward-only: never edit this file once it
-- has landed; add a new NNNN_verb_object.sql instead (the migrator refuses a changed checksum).
--
-- Kept column for column in step with schemas/sqlserver/0001_create_registry.sql (a test compares them).
-- Storage choices, made so that both dialects round-trip the same values:
--   timestamps   TEXT, ISO-8601 UTC with seven fractional digits and a 'Z' (2024-05-01T12:00:00.0000000Z).
--                Fixed width, so text order is time order and range filters use the column as stored.
--                SQL Server stores datetimeoffset(7) in UTC: the same instant to the same 100 ns tick.
--   transfer_id  TEXT holding the 36-character lower-case GUID ('D' format); nvarchar(36) in SQL Server.
--   booleans     INTEGER 0/1; bit in SQL Server.
--   JSON         TEXT: the canonical artefact body and the names, descriptions and annotations of codes.
-- The length checks mirror the nvarchar lengths of SQL Server, so that an artefact accepted here is also
-- accepted there. Identifiers compare case-sensitively (SQLite's BINARY, BIN2 collations in SQL Server):
-- SDMX ids are case-sensitive.
-- Tables are STRICT so that a value of the wrong type fails here as it would in SQL Server.

-- AUTOINCREMENT keeps keys from being reused after a delete, as an IDENTITY column does.
CREATE TABLE artefact (
    artefact_pk   INTEGER PRIMARY KEY AUTOINCREMENT,
    artefact_type TEXT    NOT NULL CHECK (length(artefact_type) <= 32),
    agency_id     TEXT    NOT NULL CHECK (length(agency_id) <= 128),
    artefact_id   TEXT    NOT NULL CHECK (length(artefact_id) <= 128),
    version       TEXT    NOT NULL CHECK (length(version) <= 32),
    is_final      INTEGER NOT NULL CHECK (is_final IN (0, 1)),
    name          TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    body_sha256   TEXT    NOT NULL CHECK (length(body_sha256) = 64),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    CONSTRAINT uq_artefact UNIQUE (artefact_type, agency_id, artefact_id, version)
) STRICT;

CREATE TABLE artefact_reference (
    artefact_pk     INTEGER NOT NULL REFERENCES artefact (artefact_pk) ON DELETE CASCADE,
    ref_type        TEXT    NOT NULL CHECK (length(ref_type) <= 32),
    ref_agency_id   TEXT    NOT NULL CHECK (length(ref_agency_id) <= 128),
    ref_artefact_id TEXT    NOT NULL CHECK (length(ref_artefact_id) <= 128),
    ref_version     TEXT    NOT NULL CHECK (length(ref_version) <= 32),
    CONSTRAINT pk_artefact_reference PRIMARY KEY (artefact_pk, ref_type, ref_agency_id, ref_artefact_id, ref_version)
) STRICT;

-- "Which artefacts refer to X" is asked before every delete.
CREATE INDEX ix_artefact_reference_ref ON artefact_reference (ref_type, ref_agency_id, ref_artefact_id, ref_version);

-- One row per code, so that a code or a codelist's codes can be read without parsing the whole body.
-- uri is kept so that the codes read back equal the codes of the stored body.
CREATE TABLE code (
    artefact_pk    INTEGER NOT NULL REFERENCES artefact (artefact_pk) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    code_id        TEXT    NOT NULL CHECK (length(code_id) <= 128),
    parent_code_id TEXT    NULL CHECK (length(parent_code_id) <= 128),
    uri            TEXT    NULL CHECK (length(uri) <= 2048),
    names          TEXT    NOT NULL,
    descriptions   TEXT    NOT NULL,
    annotations    TEXT    NOT NULL,
    CONSTRAINT pk_code PRIMARY KEY (artefact_pk, code_id)
) STRICT;

-- Append-only: one row per exchange, written when it finishes.
CREATE TABLE transfer (
    transfer_id           TEXT    NOT NULL PRIMARY KEY CHECK (length(transfer_id) = 36),
    idempotency_key       TEXT    NULL CHECK (length(idempotency_key) <= 200),
    kind                  TEXT    NOT NULL CHECK (length(kind) <= 64),
    channel               TEXT    NOT NULL CHECK (length(channel) <= 32),
    format                TEXT    NULL CHECK (length(format) <= 128),
    sender_organisation   TEXT    NULL CHECK (length(sender_organisation) <= 256),
    receiver_organisation TEXT    NULL CHECK (length(receiver_organisation) <= 256),
    principal             TEXT    NULL CHECK (length(principal) <= 256),
    dataflow              TEXT    NULL CHECK (length(dataflow) <= 512),
    series_codes          TEXT    NULL,
    ref_areas             TEXT    NULL,
    period_start          TEXT    NULL CHECK (length(period_start) <= 64),
    period_end            TEXT    NULL CHECK (length(period_end) <= 64),
    series_count          INTEGER NOT NULL,
    observation_count     INTEGER NOT NULL,
    annotation_count      INTEGER NOT NULL,
    artefact_count        INTEGER NOT NULL,
    bytes                 INTEGER NOT NULL,
    payload_sha256        TEXT    NULL CHECK (length(payload_sha256) <= 64),
    started_at            TEXT    NOT NULL,
    finished_at           TEXT    NOT NULL,
    outcome               TEXT    NOT NULL CHECK (length(outcome) <= 32),
    error_summary         TEXT    NULL
) STRICT;

CREATE INDEX ix_transfer_started_at ON transfer (started_at);

CREATE INDEX ix_transfer_idempotency_key ON transfer (idempotency_key);
