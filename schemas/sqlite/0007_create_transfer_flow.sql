-- The information-flow inventory's index of the transfer log (DESIGN §4; issue: the information-flow inventory).
-- A transfer is cut into its flow parts — one per series (or indicator) code, area, sender and receiver it touched —
-- written in the same transaction as the transfer. transfer_flow holds each distinct flow key once;
-- transfer_flow_event one row per transfer and flow, clustered by flow and time so that the inventory is one ordered
-- scan. Key lengths keep the unique key under SQL Server's 1,700 bytes. Forward-only. Kept in step with schemas/sqlserver/0007_create_transfer_flow.sql.

CREATE TABLE transfer_flow (
    flow_pk        INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (length(kind) <= 32),
    channel        TEXT NOT NULL CHECK (length(channel) <= 16),
    format         TEXT NOT NULL CHECK (length(format) <= 48),
    sender         TEXT NOT NULL CHECK (length(sender) <= 128),
    receiver       TEXT NOT NULL CHECK (length(receiver) <= 128),
    code           TEXT NOT NULL CHECK (length(code) <= 128),
    ref_area       TEXT NOT NULL CHECK (length(ref_area) <= 128),
    sender_role    TEXT NULL CHECK (length(sender_role) <= 32),
    receiver_role  TEXT NULL CHECK (length(receiver_role) <= 32),
    last_error     TEXT NULL CHECK (length(last_error) <= 4000),
    last_error_at  INTEGER NULL,
    UNIQUE (kind, channel, format, sender, receiver, code, ref_area)
);

CREATE TABLE transfer_flow_event (
    flow_pk       INTEGER NOT NULL REFERENCES transfer_flow (flow_pk),
    at_ms         INTEGER NOT NULL,
    transfer_id   TEXT    NOT NULL,
    rejected      INTEGER NOT NULL CHECK (rejected IN (0, 1)),
    revised       INTEGER NOT NULL CHECK (revised IN (0, 1)),
    series        INTEGER NOT NULL CHECK (series >= 0),
    observations  INTEGER NOT NULL CHECK (observations >= 0),
    PRIMARY KEY (flow_pk, at_ms, transfer_id)
) WITHOUT ROWID;

CREATE INDEX ix_transfer_flow_event_at ON transfer_flow_event (at_ms);
