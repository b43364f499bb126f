-- The information-flow inventory's index of the transfer log (DESIGN §4; issue: the information-flow inventory).
-- A transfer is cut into its flow parts — one per series (or indicator) code, area, sender and receiver it touched —
-- written in the same transaction as the transfer. transfer_flow holds each distinct flow key once;
-- transfer_flow_event one row per transfer and flow, clustered by flow and time so that the inventory is one ordered
-- scan. Key lengths keep the unique key under SQL Server's 1,700 bytes. Forward-only. Kept in step with schemas/sqlite/0007_create_transfer_flow.sql.

CREATE TABLE transfer_flow (
    flow_pk        bigint IDENTITY(1, 1) NOT NULL CONSTRAINT pk_transfer_flow PRIMARY KEY,
    kind           nvarchar(32)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    channel        nvarchar(16)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    format         nvarchar(48)   COLLATE Latin1_General_100_BIN2 NOT NULL,
    sender         nvarchar(128)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    receiver       nvarchar(128)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    code           nvarchar(128)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    ref_area       nvarchar(128)  COLLATE Latin1_General_100_BIN2 NOT NULL,
    sender_role    nvarchar(32)   NULL,
    receiver_role  nvarchar(32)   NULL,
    last_error     nvarchar(4000) NULL,
    last_error_at  bigint         NULL,
    CONSTRAINT uq_transfer_flow UNIQUE (kind, channel, format, sender, receiver, code, ref_area)
);
GO

CREATE TABLE transfer_flow_event (
    flow_pk       bigint           NOT NULL CONSTRAINT fk_transfer_flow_event_flow REFERENCES transfer_flow (flow_pk),
    at_ms         bigint           NOT NULL,
    transfer_id   nvarchar(36)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    rejected      bit              NOT NULL,
    revised       bit              NOT NULL,
    series        bigint           NOT NULL CONSTRAINT ck_transfer_flow_event_series CHECK (series >= 0),
    observations  bigint           NOT NULL CONSTRAINT ck_transfer_flow_event_observations CHECK (observations >= 0),
    CONSTRAINT pk_transfer_flow_event PRIMARY KEY CLUSTERED (flow_pk, at_ms, transfer_id)
);
GO

CREATE INDEX ix_transfer_flow_event_at ON transfer_flow_event (at_ms);
GO
