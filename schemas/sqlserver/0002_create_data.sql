-- Data exchange (DESIGN §4): series, their attribute versions, observation versions with lineage, annotations,
-- the notes of transfers in progress, and the transfer columns of a push. Forward-only: never edit this file
-- once it has landed. Kept column for column in step with schemas/sqlite/0002_create_data.sql.
--
-- Storage choices (as in 0001): datetimeoffset(7) in UTC; transfer ids nvarchar(36); JSON nvarchar(max);
-- identifiers and periods in a binary collation (case-sensitive, and ordered like SQLite's text).
-- Versions: a row is valid from valid_from (inclusive) to valid_to (exclusive); valid_to NULL = current.
-- Everything one transfer writes has valid_from = the instant the transfer began.
-- Key lengths: uq_series is dataflow nvarchar(300) + series_key nvarchar(500) = 1,600 bytes, under the
-- 1,700-byte limit of a nonclustered index key.

ALTER TABLE transfer ADD
    action                 nvarchar(1)       NULL,
    embargo_until          datetimeoffset(7) NULL,
    observations_inserted  bigint            NOT NULL CONSTRAINT df_transfer_observations_inserted DEFAULT 0,
    observations_revised   bigint            NOT NULL CONSTRAINT df_transfer_observations_revised DEFAULT 0,
    observations_unchanged bigint            NOT NULL CONSTRAINT df_transfer_observations_unchanged DEFAULT 0,
    observations_deleted   bigint            NOT NULL CONSTRAINT df_transfer_observations_deleted DEFAULT 0,
    warnings               nvarchar(max)     NULL;
GO

-- Transfers are written once, when they finish; this note says that one has started, so that a transfer cut
-- short by a crash is found (and recorded as failed) at the next start.
CREATE TABLE transfer_start (
    transfer_id         nvarchar(36)      COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_transfer_start PRIMARY KEY,
    kind                nvarchar(64)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    channel             nvarchar(32)      NOT NULL,
    format              nvarchar(128)     NULL,
    sender_organisation nvarchar(256)     NULL,
    principal           nvarchar(256)     NULL,
    dataflow            nvarchar(512)     NULL,
    idempotency_key     nvarchar(200)     COLLATE Latin1_General_100_BIN2 NULL,
    started_at          datetimeoffset(7) NOT NULL
);
GO

-- One row per series key of a dataflow. series_key is the positional key (A.N.SH_DYN_MORT.032._T...),
-- key_values the same as a JSON object dimension id → code in dimension order; series_code and ref_area are
-- the SERIES and REF_AREA codes when the structure has them, for filters.
CREATE TABLE series (
    series_pk   bigint IDENTITY(1, 1) NOT NULL CONSTRAINT pk_series PRIMARY KEY,
    dataflow    nvarchar(300)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    series_key  nvarchar(500)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    key_values  nvarchar(max)     NOT NULL,
    series_code nvarchar(128)     COLLATE Latin1_General_100_BIN2 NULL,
    ref_area    nvarchar(128)     COLLATE Latin1_General_100_BIN2 NULL,
    created_at  datetimeoffset(7) NOT NULL,
    CONSTRAINT uq_series UNIQUE (dataflow, series_key)
);
GO

CREATE INDEX ix_series_code_area ON series (dataflow, series_code, ref_area);
GO

-- Versions of a series' attributes (a JSON object attribute id → value, '{}' when a version has none).
CREATE TABLE series_attributes (
    series_pk   bigint            NOT NULL CONSTRAINT fk_series_attributes_series REFERENCES series (series_pk),
    attributes  nvarchar(max)     NOT NULL,
    transfer_id nvarchar(36)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    valid_from  datetimeoffset(7) NOT NULL,
    valid_to    datetimeoffset(7) NULL,
    CONSTRAINT pk_series_attributes PRIMARY KEY (series_pk, valid_from)
);
GO

-- Versions of observations, clustered by (series, period, valid_from): the rows of a series lie together in
-- period order, so both "the current observations of a series" (valid_to IS NULL) and "the versions of a series
-- valid at T" are one range of the primary key. SQL Server takes concurrent writers, so the filtered unique index
-- also guarantees one current version per period. float cannot hold NaN either, so obs_is_nan tells an explicit
-- NaN (obs_value NULL, obs_is_nan 1) from a missing value (obs_value NULL, obs_is_nan 0). attributes is a JSON
-- object with the keys in ordinal order, NULL when the observation has none.
CREATE TABLE observation (
    series_pk     bigint            NOT NULL CONSTRAINT fk_observation_series REFERENCES series (series_pk),
    time_period   nvarchar(64)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    valid_from    datetimeoffset(7) NOT NULL,
    valid_to      datetimeoffset(7) NULL,
    obs_value     float             NULL,
    obs_is_nan    bit               NOT NULL,
    attributes    nvarchar(max)     NULL,
    transfer_id   nvarchar(36)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    embargo_until datetimeoffset(7) NULL,
    CONSTRAINT pk_observation PRIMARY KEY CLUSTERED (series_pk, time_period, valid_from)
);
GO

CREATE UNIQUE INDEX ix_observation_current ON observation (series_pk, time_period) WHERE valid_to IS NULL;
GO

-- Typed notes on a series (time_period NULL) or on one observation; threaded by reply_to; never edited.
CREATE TABLE annotation (
    annotation_id   nvarchar(36)      COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_annotation PRIMARY KEY,
    dataflow        nvarchar(300)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    series_key      nvarchar(500)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    time_period     nvarchar(64)      COLLATE Latin1_General_100_BIN2 NULL,
    annotation_type nvarchar(64)      NOT NULL,
    organisation    nvarchar(256)     NOT NULL,
    principal       nvarchar(256)     NULL,
    texts           nvarchar(max)     NOT NULL,
    proposed_value  float             NULL,
    reply_to        nvarchar(36)      COLLATE Latin1_General_100_BIN2 NULL,
    transfer_id     nvarchar(36)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    created_at      datetimeoffset(7) NOT NULL
);
GO

CREATE INDEX ix_annotation_series ON annotation (dataflow, series_key);
GO
