-- Reference-metadata reports (SDMX metadatasets) with their version history. Forward-only: never edit this file
-- once it has landed. Kept column for column in step with schemas/sqlserver/0005_create_metadata.sql.
--
-- A set is (organisation, set_id); each submission of it adds the next version (1, 2, ...) and closes the
-- current one. As in 0002, a version is valid from valid_from (inclusive) to valid_to (exclusive); valid_to NULL =
-- current; timestamps are fixed-width ISO-8601 UTC text, so "valid at T" compares the text as stored.
-- metadataflow is the reference as text, AGENCY:ID(VERSION).

CREATE TABLE metadata_report (
    report_pk      INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation   TEXT    NOT NULL CHECK (length(organisation) BETWEEN 1 AND 256),
    set_id         TEXT    NOT NULL CHECK (length(set_id) BETWEEN 1 AND 128),
    version        INTEGER NOT NULL CHECK (version >= 1),
    metadataflow   TEXT    NOT NULL CHECK (length(metadataflow) <= 300),
    reporting_type TEXT    NOT NULL CHECK (length(reporting_type) <= 16),
    target_kind    TEXT    NOT NULL CHECK (target_kind IN ('indicator', 'series')),
    target_code    TEXT    NOT NULL CHECK (length(target_code) <= 128),
    ref_area       TEXT    NULL CHECK (length(ref_area) <= 128),
    name           TEXT    NULL CHECK (length(name) <= 1024),
    valid_from     TEXT    NOT NULL,
    valid_to       TEXT    NULL,
    transfer_id    TEXT    NOT NULL CHECK (length(transfer_id) = 36),
    CONSTRAINT uq_metadata_report UNIQUE (organisation, set_id, version),
    -- A version never ends before it began: a submission stamped earlier than the current version fails.
    CONSTRAINT ck_metadata_report_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
) STRICT;

-- Reads go by indicator or series code, often with an area.
CREATE INDEX ix_metadata_report_target ON metadata_report (target_code, ref_area);

-- A set's versions by validity (closing the current version, reading a set as of a moment).
CREATE INDEX ix_metadata_report_set_valid_to ON metadata_report (organisation, set_id, valid_to);

-- The values of a report in the order submitted (ordinal from 0). concept is the MSD attribute's dotted path;
-- text is plain text or XHTML and has no length limit.
CREATE TABLE metadata_value (
    report_pk INTEGER NOT NULL REFERENCES metadata_report (report_pk),
    ordinal   INTEGER NOT NULL CHECK (ordinal >= 0),
    concept   TEXT    NOT NULL CHECK (length(concept) BETWEEN 1 AND 512),
    lang      TEXT    NOT NULL CHECK (length(lang) <= 35),
    text      TEXT    NOT NULL,
    CONSTRAINT pk_metadata_value PRIMARY KEY (report_pk, ordinal)
) STRICT;
