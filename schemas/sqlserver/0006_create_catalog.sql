-- The catalogue of statistical operations (DESIGN §1.4; issue 5): per country, the censuses, surveys, registers
-- and estimates that can produce each SDG indicator, down to the lowest geographic level with representative
-- estimates. Forward-only: never edit this file once it has landed. Kept column for column in step with
-- schemas/sqlite/0006_create_catalog.sql.
--
-- Lists of ids (reference years, areas, disaggregations) are space-separated: SDMX ids hold no spaces. An import
-- replaces each operation it names (its row and its indicators) in one transaction with its transfer record.

CREATE TABLE catalog_operation (
    operation_id    nvarchar(64)      COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_catalog_operation PRIMARY KEY,
    country         nvarchar(16)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    name_en         nvarchar(500)     NOT NULL,
    name_es         nvarchar(500)     NOT NULL,
    producer        nvarchar(256)     NOT NULL,
    operation_type  nvarchar(64)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    periodicity     nvarchar(32)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    reference_years nvarchar(1000)    NULL,
    next_round      int               NULL,
    universe        nvarchar(2000)    NULL,
    coverage        nvarchar(2000)    NULL,
    sample_size     bigint            NULL,
    lowest_level    nvarchar(16)      COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT ck_catalog_operation_level CHECK (lowest_level IN (N'national', N'region', N'second-level', N'municipality')),
    methodology_url nvarchar(2000)    NULL,
    area_codelist   nvarchar(300)     COLLATE Latin1_General_100_BIN2 NULL,
    areas           nvarchar(max)     COLLATE Latin1_General_100_BIN2 NULL,
    updated_at      datetimeoffset(7) NOT NULL,
    updated_by      nvarchar(256)     NULL,
    transfer_id     nvarchar(36)      COLLATE Latin1_General_100_BIN2 NOT NULL
);
GO

CREATE INDEX ix_catalog_operation_country ON catalog_operation (country);
GO

-- The indicators (and optionally the series) an operation can produce, with the disaggregations it supports.
-- series_code is '' when the row names the indicator only.
CREATE TABLE catalog_indicator (
    operation_id     nvarchar(64)   COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_catalog_indicator_operation REFERENCES catalog_operation (operation_id),
    indicator        nvarchar(32)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    series_code      nvarchar(128)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    disaggregations  nvarchar(1000) COLLATE Latin1_General_100_BIN2 NULL,
    CONSTRAINT pk_catalog_indicator PRIMARY KEY (operation_id, indicator, series_code)
);
GO

CREATE INDEX ix_catalog_indicator_indicator ON catalog_indicator (indicator);
GO
