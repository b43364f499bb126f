-- The catalogue of statistical operations (DESIGN §1.4; issue 5): per country, the censuses, surveys, registers
-- and estimates that can produce each SDG indicator, down to the lowest geographic level with representative
-- estimates. Forward-only: never edit this file once it has landed. Kept column for column in step with
-- schemas/sqlserver/0006_create_catalog.sql.
--
-- Lists of ids (reference years, areas, disaggregations) are space-separated: SDMX ids hold no spaces. An import
-- replaces each operation it names (its row and its indicators) in one transaction with its transfer record.

CREATE TABLE catalog_operation (
    operation_id    TEXT    NOT NULL PRIMARY KEY CHECK (length(operation_id) BETWEEN 1 AND 64),
    country         TEXT    NOT NULL CHECK (length(country) BETWEEN 1 AND 16),
    name_en         TEXT    NOT NULL CHECK (length(name_en) <= 500),
    name_es         TEXT    NOT NULL CHECK (length(name_es) <= 500),
    producer        TEXT    NOT NULL CHECK (length(producer) <= 256),
    operation_type  TEXT    NOT NULL CHECK (length(operation_type) <= 64),
    periodicity     TEXT    NOT NULL CHECK (length(periodicity) <= 32),
    reference_years TEXT    NULL CHECK (length(reference_years) <= 1000),
    next_round      INTEGER NULL,
    universe        TEXT    NULL CHECK (length(universe) <= 2000),
    coverage        TEXT    NULL CHECK (length(coverage) <= 2000),
    sample_size     INTEGER NULL,
    lowest_level    TEXT    NOT NULL CHECK (lowest_level IN ('national', 'region', 'second-level', 'municipality')),
    methodology_url TEXT    NULL CHECK (length(methodology_url) <= 2000),
    area_codelist   TEXT    NULL CHECK (length(area_codelist) <= 300),
    areas           TEXT    NULL,
    updated_at      TEXT    NOT NULL,
    updated_by      TEXT    NULL CHECK (length(updated_by) <= 256),
    transfer_id     TEXT    NOT NULL CHECK (length(transfer_id) = 36)
) STRICT;

CREATE INDEX ix_catalog_operation_country ON catalog_operation (country);

-- The indicators (and optionally the series) an operation can produce, with the disaggregations it supports.
-- series_code is '' when the row names the indicator only.
CREATE TABLE catalog_indicator (
    operation_id     TEXT NOT NULL REFERENCES catalog_operation (operation_id),
    indicator        TEXT NOT NULL CHECK (length(indicator) BETWEEN 1 AND 32),
    series_code      TEXT NOT NULL CHECK (length(series_code) <= 128),
    disaggregations  TEXT NULL CHECK (length(disaggregations) <= 1000),
    CONSTRAINT pk_catalog_indicator PRIMARY KEY (operation_id, indicator, series_code)
) STRICT;

CREATE INDEX ix_catalog_indicator_indicator ON catalog_indicator (indicator);
