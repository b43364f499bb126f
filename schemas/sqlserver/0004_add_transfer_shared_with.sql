-- The organisations a push's embargoed data are shared with before their release (DESIGN §4; issue: embargoes).
-- Space-separated SDMX organisation ids; NULL when shared with no one. Forward-only. Kept in step with
-- schemas/sqlite/0004_add_transfer_shared_with.sql.

ALTER TABLE transfer ADD shared_with nvarchar(4000) NULL;
GO
