-- People who work in the portal (the collaborative site), and their invitations. Forward-only: never edit this file
-- once it has landed. Kept column for column in step with schemas/sqlite/0009_create_portal_account.sql.
--
-- A person acts for one organisation in one role, exactly like an API key. Accounts are created only from an
-- invitation: the one-time sign-up token is shown once and only its SHA-256 is kept. The password is kept as an
-- ASP.NET Core Identity PasswordHasher hash (PBKDF2, salted). Repeated failed sign-ins lock the account for a while.
-- Rows are never deleted (audit); a disabled account signs in no one.

CREATE TABLE portal_account (
    account_id      nvarchar(32)      COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_portal_account PRIMARY KEY,
    email           nvarchar(256)     COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT uq_portal_account_email UNIQUE,
    display_name    nvarchar(256)     NOT NULL,
    organisation    nvarchar(256)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    role            nvarchar(16)      COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT ck_portal_account_role CHECK (role IN (N'provider', N'agency', N'coordinator', N'admin')),
    password_hash   nvarchar(512)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    language        nvarchar(2)       NULL CONSTRAINT ck_portal_account_language CHECK (language IN (N'en', N'es')),
    created_at      datetimeoffset(7) NOT NULL,
    invited_by      nvarchar(256)     NULL,
    failed_sign_ins int               NOT NULL CONSTRAINT df_portal_account_failed DEFAULT 0,
    locked_until    datetimeoffset(7) NULL,
    disabled_at     datetimeoffset(7) NULL,
    CONSTRAINT ck_portal_account_id CHECK (len(account_id) = 32)
);
GO

CREATE INDEX ix_portal_account_organisation ON portal_account (organisation);
GO

CREATE TABLE portal_invitation (
    token_sha256  nvarchar(64)      COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_portal_invitation PRIMARY KEY,
    email         nvarchar(256)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    organisation  nvarchar(256)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    role          nvarchar(16)      COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT ck_portal_invitation_role CHECK (role IN (N'provider', N'agency', N'coordinator', N'admin')),
    created_at    datetimeoffset(7) NOT NULL,
    created_by    nvarchar(256)     NULL,
    expires_at    datetimeoffset(7) NOT NULL,
    used_at       datetimeoffset(7) NULL,
    CONSTRAINT ck_portal_invitation_token CHECK (len(token_sha256) = 64)
);
GO

CREATE INDEX ix_portal_invitation_email ON portal_invitation (email);
GO
