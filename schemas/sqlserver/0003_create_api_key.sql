-- API keys (the embedded default's credentials; production may use OIDC tokens instead). Forward-only: never
-- edit this file once it has landed. Kept column for column in step with schemas/sqlite/0003_create_api_key.sql.
--
-- A key is shown once, when it is created: "mdgx_<key_id>_<secret>". Only the SHA-256 of the secret is kept
-- (the secret is 256 random bits, so a fast hash is enough); key_id is public and names the key in lists and
-- in the transfer log. A revoked or expired key authenticates no one; rows are never deleted (audit).

CREATE TABLE api_key (
    key_id        nvarchar(16)      COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_api_key PRIMARY KEY,
    secret_sha256 nvarchar(64)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    organisation  nvarchar(256)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    role          nvarchar(16)      COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT ck_api_key_role CHECK (role IN (N'provider', N'agency', N'coordinator', N'admin')),
    name          nvarchar(256)     NULL,
    created_at    datetimeoffset(7) NOT NULL,
    created_by    nvarchar(256)     NULL,
    expires_at    datetimeoffset(7) NULL,
    revoked_at    datetimeoffset(7) NULL,
    CONSTRAINT ck_api_key_key_id CHECK (len(key_id) = 16),
    CONSTRAINT ck_api_key_secret CHECK (len(secret_sha256) = 64)
);
GO

CREATE INDEX ix_api_key_organisation ON api_key (organisation);
GO
