-- API keys (the embedded default's credentials; production may use OIDC tokens instead). Forward-only: never
-- edit this file once it has landed. Kept column for column in step with schemas/sqlserver/0003_create_api_key.sql.
--
-- A key is shown once, when it is created: "mdgx_<key_id>_<secret>". Only the SHA-256 of the secret is kept
-- (the secret is 256 random bits, so a fast hash is enough); key_id is public and names the key in lists and
-- in the transfer log. A revoked or expired key authenticates no one; rows are never deleted (audit).

CREATE TABLE api_key (
    key_id        TEXT NOT NULL PRIMARY KEY CHECK (length(key_id) = 16),
    secret_sha256 TEXT NOT NULL CHECK (length(secret_sha256) = 64),
    organisation  TEXT NOT NULL CHECK (length(organisation) BETWEEN 1 AND 256),
    role          TEXT NOT NULL CHECK (role IN ('provider', 'agency', 'coordinator', 'admin')),
    name          TEXT NULL CHECK (length(name) <= 256),
    created_at    TEXT NOT NULL,
    created_by    TEXT NULL CHECK (length(created_by) <= 256),
    expires_at    TEXT NULL,
    revoked_at    TEXT NULL
) STRICT;

CREATE INDEX ix_api_key_organisation ON api_key (organisation);
