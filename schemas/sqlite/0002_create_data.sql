-- Data exchange (DESIGN §4): series, their attribute versions, observation versions with lineage, annotations,
-- the notes of transfers in progress, and the transfer columns of a push. Forward-only: never edit this file
-- once it has landed. Kept column for column in step with schemas/sqlserver/0002_create_data.sql.
--
-- Storage choices (as in 0001): timestamps are fixed-width ISO-8601 UTC text, so text order is time order and
-- "valid at T" compares the text as stored; transfer ids are 36-character lower-case GUID text; JSON is TEXT.
-- Versions: a row is valid from valid_from (inclusive) to valid_to (exclusive); valid_to NULL = current.
-- Everything one transfer writes has valid_from = the instant the transfer began.

ALTER TABLE transfer ADD COLUMN action TEXT NULL CHECK (length(action) <= 1);
ALTER TABLE transfer ADD COLUMN embargo_until TEXT NULL;
ALTER TABLE transfer ADD COLUMN observations_inserted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE transfer ADD COLUMN observations_revised INTEGER NOT NULL DEFAULT 0;
ALTER TABLE transfer ADD COLUMN observations_unchanged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE transfer ADD COLUMN observations_deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE transfer ADD COLUMN warnings TEXT NULL;

-- Transfers are written once, when they finish; this note says that one has started, so that a transfer cut
-- short by a crash is found (and recorded as failed) at the next start.
CREATE TABLE transfer_start (
    transfer_id         TEXT NOT NULL PRIMARY KEY CHECK (length(transfer_id) = 36),
    kind                TEXT NOT NULL CHECK (length(kind) <= 64),
    channel             TEXT NOT NULL CHECK (length(channel) <= 32),
    format              TEXT NULL CHECK (length(format) <= 128),
    sender_organisation TEXT NULL CHECK (length(sender_organisation) <= 256),
    principal           TEXT NULL CHECK (length(principal) <= 256),
    dataflow            TEXT NULL CHECK (length(dataflow) <= 512),
    idempotency_key     TEXT NULL CHECK (length(idempotency_key) <= 200),
    started_at          TEXT NOT NULL
) STRICT;

-- One row per series key of a dataflow. series_key is the positional key (A.N.SH_DYN_MORT.032._T...),
-- key_values the same as a JSON object dimension id → code in dimension order; series_code and ref_area are
-- the SERIES and REF_AREA codes when the structure has them, for filters.
CREATE TABLE series (
    series_pk   INTEGER PRIMARY KEY AUTOINCREMENT,
    dataflow    TEXT    NOT NULL CHECK (length(dataflow) <= 300),
    series_key  TEXT    NOT NULL CHECK (length(series_key) <= 500),
    key_values  TEXT    NOT NULL,
    series_code TEXT    NULL CHECK (length(series_code) <= 128),
    ref_area    TEXT    NULL CHECK (length(ref_area) <= 128),
    created_at  TEXT    NOT NULL,
    CONSTRAINT uq_series UNIQUE (dataflow, series_key)
) STRICT;

CREATE INDEX ix_series_code_area ON series (dataflow, series_code, ref_area);

-- Versions of a series' attributes (a JSON object attribute id → value, '{}' when a version has none).
CREATE TABLE series_attributes (
    series_pk   INTEGER NOT NULL REFERENCES series (series_pk),
    attributes  TEXT    NOT NULL,
    transfer_id TEXT    NOT NULL CHECK (length(transfer_id) = 36),
    valid_from  TEXT    NOT NULL,
    valid_to    TEXT    NULL,
    CONSTRAINT pk_series_attributes PRIMARY KEY (series_pk, valid_from)
) STRICT;

-- Versions of observations, clustered by (series, period, valid_from): the rows of a series lie together in
-- period order, so both "the current observations of a series" (valid_to IS NULL) and "the versions of a series
-- valid at T" are one range of the primary key, read in the order a pull returns them. A separate index on the
-- current rows was measured: it made every insert a quarter slower and the reads no faster (each hit then needs
-- a second seek into the table). One current version per period is kept by the write session; a version that
-- would end at the instant it began (same transfer instant) is removed instead, so the key stays unique.
-- SQLite cannot store NaN (it reads back as NULL), so obs_is_nan tells an explicit NaN (obs_value NULL,
-- obs_is_nan 1) from a missing value (obs_value NULL, obs_is_nan 0). attributes is a JSON object with the keys
-- in ordinal order, NULL when the observation has none.
CREATE TABLE observation (
    series_pk     INTEGER NOT NULL REFERENCES series (series_pk),
    time_period   TEXT    NOT NULL CHECK (length(time_period) <= 64),
    valid_from    TEXT    NOT NULL,
    valid_to      TEXT    NULL,
    obs_value     REAL    NULL,
    obs_is_nan    INTEGER NOT NULL CHECK (obs_is_nan IN (0, 1)),
    attributes    TEXT    NULL,
    transfer_id   TEXT    NOT NULL CHECK (length(transfer_id) = 36),
    embargo_until TEXT    NULL,
    CONSTRAINT pk_observation PRIMARY KEY (series_pk, time_period, valid_from)
) STRICT, WITHOUT ROWID;

-- Typed notes on a series (time_period NULL) or on one observation; threaded by reply_to; never edited.
CREATE TABLE annotation (
    annotation_id   TEXT NOT NULL PRIMARY KEY CHECK (length(annotation_id) = 36),
    dataflow        TEXT NOT NULL CHECK (length(dataflow) <= 300),
    series_key      TEXT NOT NULL CHECK (length(series_key) <= 500),
    time_period     TEXT NULL CHECK (length(time_period) <= 64),
    annotation_type TEXT NOT NULL CHECK (length(annotation_type) <= 64),
    organisation    TEXT NOT NULL CHECK (length(organisation) <= 256),
    principal       TEXT NULL CHECK (length(principal) <= 256),
    texts           TEXT NOT NULL,
    proposed_value  REAL NULL,
    reply_to        TEXT NULL CHECK (length(reply_to) = 36),
    transfer_id     TEXT NOT NULL CHECK (length(transfer_id) = 36),
    created_at      TEXT NOT NULL
) STRICT;

CREATE INDEX ix_annotation_series ON annotation (dataflow, series_key);
