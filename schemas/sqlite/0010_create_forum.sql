-- The group's forum: discussion threads on an indicator (an SDG series code or indicator), on a country or area
-- (a REF_AREA code), or general, and their posts. Forward-only: never edit this file once it has landed. Kept column
-- for column in step with schemas/sqlserver/0010_create_forum.sql.
--
-- Threads on a discrepancy pair are not here: they are the consultation annotations on the pair's series (0002).
-- thread_id and transfer_id are lower-case GUID text like transfer ids; timestamps are fixed-width ISO-8601 UTC text,
-- as in 0001. subject_kind is checked by the application (indicator, area, general; later kinds need no migration);
-- subject_code is empty for a general thread. post_count and last_post_at are kept with each post, in the post's
-- transaction, so that listing by latest activity reads one table. Posts are numbered from 1 without gaps, never
-- edited nor deleted (the forum is part of the record of the group's work); texts are plain, never markup.

CREATE TABLE forum_thread (
    thread_id    TEXT NOT NULL PRIMARY KEY CHECK (length(thread_id) = 36),
    subject_kind TEXT NOT NULL CHECK (length(subject_kind) BETWEEN 1 AND 32),
    subject_code TEXT NOT NULL CHECK (length(subject_code) <= 128),
    title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    organisation TEXT NOT NULL CHECK (length(organisation) BETWEEN 1 AND 256),
    principal    TEXT NOT NULL CHECK (length(principal) BETWEEN 1 AND 256),
    created_at   TEXT NOT NULL,
    post_count   INTEGER NOT NULL DEFAULT 0,
    last_post_at TEXT NOT NULL
) STRICT;

CREATE INDEX ix_forum_thread_subject ON forum_thread (subject_kind, subject_code, last_post_at);

CREATE INDEX ix_forum_thread_activity ON forum_thread (last_post_at);

CREATE TABLE forum_post (
    thread_id    TEXT NOT NULL REFERENCES forum_thread (thread_id),
    ordinal      INTEGER NOT NULL CHECK (ordinal >= 1),
    organisation TEXT NOT NULL CHECK (length(organisation) BETWEEN 1 AND 256),
    principal    TEXT NOT NULL CHECK (length(principal) BETWEEN 1 AND 256),
    author_name  TEXT NOT NULL CHECK (length(author_name) BETWEEN 1 AND 256),
    created_at   TEXT NOT NULL,
    text         TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 8000),
    language     TEXT NOT NULL CHECK (length(language) BETWEEN 2 AND 16),
    transfer_id  TEXT NOT NULL CHECK (length(transfer_id) = 36),
    PRIMARY KEY (thread_id, ordinal)
) STRICT;
