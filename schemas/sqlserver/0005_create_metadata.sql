-- Reference-metadata reports (SDMX metadatasets) with their version history. Forward-only: never edit this file
-- once it has landed. Kept column for column in step with schemas/sqlite/0005_create_metadata.sql.
--
-- A set is (organisation, set_id); each submission of it adds the next version (1, 2, ...) and closes the
-- current one. As in 0002, a version is valid from valid_from (inclusive) to valid_to (exclusive); valid_to NULL =
-- current; datetimeoffset(7) in UTC; identifiers in a binary collation (case-sensitive, ordered like SQLite's text).
-- metadataflow is the reference as text, AGENCY:ID(VERSION).
-- Key lengths: uq_metadata_report is organisation nvarchar(256) + set_id nvarchar(128) + int = 772 bytes, under
-- the 1,700-byte limit of a nonclustered index key.

CREATE TABLE metadata_report (
    report_pk      bigint IDENTITY(1, 1) NOT NULL CONSTRAINT pk_metadata_report PRIMARY KEY,
    organisation   nvarchar(256)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    set_id         nvarchar(128)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    version        int               NOT NULL,
    metadataflow   nvarchar(300)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    reporting_type nvarchar(16)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    target_kind    nvarchar(16)      COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT ck_metadata_report_target_kind CHECK (target_kind IN (N'indicator', N'series')),
    target_code    nvarchar(128)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    ref_area       nvarchar(128)     COLLATE Latin1_General_100_BIN2 NULL,
    name           nvarchar(1024)    NULL,
    valid_from     datetimeoffset(7) NOT NULL,
    valid_to       datetimeoffset(7) NULL,
    transfer_id    nvarchar(36)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT uq_metadata_report UNIQUE (organisation, set_id, version),
    CONSTRAINT ck_metadata_report_organisation CHECK (len(organisation) >= 1),
    CONSTRAINT ck_metadata_report_set_id CHECK (len(set_id) >= 1),
    CONSTRAINT ck_metadata_report_version CHECK (version >= 1),
    -- A version never ends before it began: a submission stamped earlier than the current version fails.
    CONSTRAINT ck_metadata_report_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
GO

-- Reads go by indicator or series code, often with an area.
CREATE INDEX ix_metadata_report_target ON metadata_report (target_code, ref_area);
GO

-- A set's versions by validity (closing the current version, reading a set as of a moment).
CREATE INDEX ix_metadata_report_set_valid_to ON metadata_report (organisation, set_id, valid_to);
GO

-- The values of a report in the order submitted (ordinal from 0). concept is the MSD attribute's dotted path;
-- text is plain text or XHTML and has no length limit.
CREATE TABLE metadata_value (
    report_pk bigint        NOT NULL CONSTRAINT fk_metadata_value_report REFERENCES metadata_report (report_pk),
    ordinal   int           NOT NULL,
    concept   nvarchar(512) COLLATE Latin1_General_100_BIN2 NOT NULL,
    lang      nvarchar(35)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    text      nvarchar(max) NOT NULL,
    CONSTRAINT pk_metadata_value PRIMARY KEY (report_pk, ordinal),
    CONSTRAINT ck_metadata_value_ordinal CHECK (ordinal >= 0),
    CONSTRAINT ck_metadata_value_concept CHECK (len(concept) >= 1)
);
GO
