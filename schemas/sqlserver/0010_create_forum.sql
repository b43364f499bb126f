-- The group's forum: discussion threads on an indicator (an SDG series code or indicator), on a country or area
-- (a REF_AREA code), or general, and their posts. Forward-only: never edit this file once it has landed. Kept column
-- for column in step with schemas/sqlite/0010_create_forum.sql.
--
-- Threads on a discrepancy pair are not here: they are the consultation annotations on the pair's series (0002).
-- subject_kind is checked by the application (indicator, area, general; later kinds need no migration);
-- subject_code is empty for a general thread. post_count and last_post_at are kept with each post, in the post's
-- transaction, so that listing by latest activity reads one table. Posts are numbered from 1 without gaps, never
-- edited nor deleted (the forum is part of the record of the group's work); texts are plain, never markup.

CREATE TABLE forum_thread (
    thread_id    nvarchar(36)      COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_forum_thread PRIMARY KEY,
    subject_kind nvarchar(32)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    subject_code nvarchar(128)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    title        nvarchar(200)     NOT NULL,
    organisation nvarchar(256)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    principal    nvarchar(256)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    created_at   datetimeoffset(7) NOT NULL,
    post_count   int               NOT NULL CONSTRAINT df_forum_thread_post_count DEFAULT 0,
    last_post_at datetimeoffset(7) NOT NULL,
    CONSTRAINT ck_forum_thread_id CHECK (len(thread_id) = 36),
    CONSTRAINT ck_forum_thread_kind CHECK (len(subject_kind) >= 1),
    CONSTRAINT ck_forum_thread_title CHECK (len(title) >= 1)
);
GO

CREATE INDEX ix_forum_thread_subject ON forum_thread (subject_kind, subject_code, last_post_at);
GO

CREATE INDEX ix_forum_thread_activity ON forum_thread (last_post_at);
GO

CREATE TABLE forum_post (
    thread_id    nvarchar(36)      COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_forum_post_thread REFERENCES forum_thread (thread_id),
    ordinal      int               NOT NULL CONSTRAINT ck_forum_post_ordinal CHECK (ordinal >= 1),
    organisation nvarchar(256)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    principal    nvarchar(256)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    author_name  nvarchar(256)     NOT NULL,
    created_at   datetimeoffset(7) NOT NULL,
    text         nvarchar(max)     NOT NULL,
    language     nvarchar(16)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    transfer_id  nvarchar(36)      COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT pk_forum_post PRIMARY KEY (thread_id, ordinal),
    CONSTRAINT ck_forum_post_text CHECK (len(text) BETWEEN 1 AND 8000)
);
GO
