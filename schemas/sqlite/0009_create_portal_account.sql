-- People who work in the portal (the collaborative site), and their invitations. Forward-only: never edit this file
-- once it has landed. Kept column for column in step with schemas/sqlserver/0009_create_portal_account.sql.
--
-- A person acts for one organisation in one role, exactly like an API key. Accounts are created only from an
-- invitation: the one-time sign-up token is shown once and only its SHA-256 is kept. The password is kept as an
-- ASP.NET Core Identity PasswordHasher hash (PBKDF2, salted). Repeated failed sign-ins lock the account for a while.
-- Rows are never deleted (audit); a disabled account signs in no one.

CREATE TABLE portal_account (
    account_id      TEXT NOT NULL PRIMARY KEY CHECK (length(account_id) = 32),
    email           TEXT NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 256),
    display_name    TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 256),
    organisation    TEXT NOT NULL CHECK (length(organisation) BETWEEN 1 AND 256),
    role            TEXT NOT NULL CHECK (role IN ('provider', 'agency', 'coordinator', 'admin')),
    password_hash   TEXT NOT NULL CHECK (length(password_hash) <= 512),
    language        TEXT NULL CHECK (language IN ('en', 'es')),
    created_at      TEXT NOT NULL,
    invited_by      TEXT NULL CHECK (length(invited_by) <= 256),
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT NULL,
    disabled_at     TEXT NULL
) STRICT;

CREATE INDEX ix_portal_account_organisation ON portal_account (organisation);

CREATE TABLE portal_invitation (
    token_sha256  TEXT NOT NULL PRIMARY KEY CHECK (length(token_sha256) = 64),
    email         TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 256),
    organisation  TEXT NOT NULL CHECK (length(organisation) BETWEEN 1 AND 256),
    role          TEXT NOT NULL CHECK (role IN ('provider', 'agency', 'coordinator', 'admin')),
    created_at    TEXT NOT NULL,
    created_by    TEXT NULL CHECK (length(created_by) <= 256),
    expires_at    TEXT NOT NULL,
    used_at       TEXT NULL
) STRICT;

CREATE INDEX ix_portal_invitation_email ON portal_invitation (email);
