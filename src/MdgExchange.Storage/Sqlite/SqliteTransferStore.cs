using Dapper;
using Microsoft.Data.Sqlite;

namespace MdgExchange.Storage.Sqlite;

/// <summary>The transfer log in SQLite.</summary>
public sealed class SqliteTransferStore(SqliteConnectionFactory connections) : ITransferStore
{
    // SQLITE_CONSTRAINT_PRIMARYKEY
    private const int PrimaryKeyViolation = 1555;

    public async Task AppendAsync(Transfer transfer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);

        // The transfer and its flow parts together (and one commit, not one per part).
        await using var transaction = connection.BeginTransaction();
        await InsertAsync(connection, transaction, transfer, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task AppendAsync(IReadOnlyList<Transfer> transfers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transfers);
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        foreach (var transfer in transfers)
        {
            await InsertAsync(connection, transaction, transfer, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Appends a transfer inside the caller's transaction (data sessions and annotations).</summary>
    internal static async Task InsertAsync(SqliteConnection connection, SqliteTransaction? transaction, Transfer transfer, CancellationToken cancellationToken)
    {
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO transfer (
                    transfer_id, idempotency_key, kind, channel, format, sender_organisation, receiver_organisation,
                    principal, dataflow, series_codes, ref_areas, period_start, period_end, series_count,
                    observation_count, annotation_count, artefact_count, bytes, payload_sha256, started_at,
                    finished_at, outcome, error_summary, action, embargo_until, observations_inserted,
                    observations_revised, observations_unchanged, observations_deleted, warnings, shared_with)
                VALUES (
                    @TransferId, @IdempotencyKey, @Kind, @Channel, @Format, @SenderOrganisation, @ReceiverOrganisation,
                    @Principal, @Dataflow, @SeriesCodes, @RefAreas, @PeriodStart, @PeriodEnd, @SeriesCount,
                    @ObservationCount, @AnnotationCount, @ArtefactCount, @Bytes, @PayloadSha256, @StartedAt,
                    @FinishedAt, @Outcome, @ErrorSummary, @Action, @EmbargoUntil, @ObservationsInserted,
                    @ObservationsRevised, @ObservationsUnchanged, @ObservationsDeleted, @Warnings, @SharedWith)
                """,
                TransferRow<string, string?>.From(transfer, SqliteText.FromTimestamp, SqliteText.FromTimestamp),
                transaction,
                cancellationToken: cancellationToken));
            await InsertFlowPartsAsync(connection, transaction, transfer, cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == PrimaryKeyViolation)
        {
            throw new InvalidOperationException($"transfer {transfer.TransferId} is already recorded; transfers are append-only", e);
        }
    }

    private static async Task InsertFlowPartsAsync(SqliteConnection connection, SqliteTransaction? transaction, Transfer transfer, CancellationToken cancellationToken)
    {
        if (transfer.FlowParts.Count == 0)
        {
            return;
        }

        // A pull of many series has a part per series and area: two statements each, prepared once and stepped
        // with new values (the bulk-path rule: no per-row Dapper call).
        var atMs = transfer.FinishedAt.ToUnixTimeMilliseconds();
        var rejected = FlowParts.IsRejected(transfer);
        await using var flow = connection.CreateCommand();
        flow.Transaction = transaction;
        flow.CommandText = """
            INSERT INTO transfer_flow (kind, channel, format, sender, receiver, code, ref_area, sender_role, receiver_role, last_error, last_error_at)
            VALUES ($kind, $channel, $format, $sender, $receiver, $code, $area, $senderRole, $receiverRole,
                    CASE WHEN $rejected THEN $error END, CASE WHEN $rejected THEN $at END)
            ON CONFLICT (kind, channel, format, sender, receiver, code, ref_area) DO UPDATE SET
                sender_role = COALESCE(excluded.sender_role, sender_role),
                receiver_role = COALESCE(excluded.receiver_role, receiver_role),
                last_error = CASE WHEN $rejected THEN excluded.last_error ELSE last_error END,
                last_error_at = CASE WHEN $rejected THEN excluded.last_error_at ELSE last_error_at END
            RETURNING flow_pk
            """;
        var fixedValues = new Dictionary<string, object?>
        {
            ["$kind"] = FlowParts.Cut(transfer.Kind, 32),
            ["$channel"] = FlowParts.Cut(transfer.Channel, 16),
            ["$format"] = FlowParts.Cut(transfer.Format, 48),
            ["$rejected"] = rejected,
            ["$error"] = transfer.ErrorSummary is null ? null : FlowParts.Cut(transfer.ErrorSummary, 4000),
            ["$at"] = atMs,
        };
        foreach (var (name, value) in fixedValues)
        {
            flow.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var sender = flow.Parameters.Add("$sender", SqliteType.Text);
        var receiver = flow.Parameters.Add("$receiver", SqliteType.Text);
        var code = flow.Parameters.Add("$code", SqliteType.Text);
        var area = flow.Parameters.Add("$area", SqliteType.Text);
        var senderRole = flow.Parameters.Add("$senderRole", SqliteType.Text);
        var receiverRole = flow.Parameters.Add("$receiverRole", SqliteType.Text);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO transfer_flow_event (flow_pk, at_ms, transfer_id, rejected, revised, series, observations)
            VALUES ($flow, $at, $transfer, $rejected, $revised, $series, $observations)
            """;
        insert.Parameters.AddWithValue("$at", atMs);
        insert.Parameters.AddWithValue("$transfer", transfer.TransferId.ToString());
        insert.Parameters.AddWithValue("$rejected", rejected);
        insert.Parameters.AddWithValue("$revised", FlowParts.IsRevision(transfer));
        var flowPk = insert.Parameters.Add("$flow", SqliteType.Integer);
        var series = insert.Parameters.Add("$series", SqliteType.Integer);
        var observations = insert.Parameters.Add("$observations", SqliteType.Integer);
        foreach (var part in transfer.FlowParts)
        {
            sender.Value = FlowParts.Cut(part.Sender, 128);
            receiver.Value = FlowParts.Cut(part.Receiver, 128);
            code.Value = FlowParts.Cut(part.Code, 128);
            area.Value = FlowParts.Cut(part.RefArea, 128);
            senderRole.Value = part.SenderRole is null ? DBNull.Value : FlowParts.Cut(part.SenderRole, 32);
            receiverRole.Value = part.ReceiverRole is null ? DBNull.Value : FlowParts.Cut(part.ReceiverRole, 32);
            flowPk.Value = (long)(await flow.ExecuteScalarAsync(cancellationToken))!;
            series.Value = part.Series;
            observations.Value = part.Observations;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<StoredFlow>> ListFlowsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await FlowParts.ListFlowsAsync(connection, cancellationToken);
    }

    public async IAsyncEnumerable<FlowEvent> FlowEventsAsync(DateTimeOffset? from, DateTimeOffset? to, IReadOnlyCollection<long>? flows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The primary key is (flow_pk, at_ms, transfer_id) in a WITHOUT ROWID table: the events come in key order
        // from the table itself. The unary + keeps the planner off the at_ms index, which would need a sort of
        // every event; a flow list seeks each flow instead of scanning them all.
        command.CommandText = flows is null
            ? """
              SELECT flow_pk, at_ms, rejected, revised, series, observations
              FROM transfer_flow_event
              WHERE +at_ms >= $from AND +at_ms < $to
              ORDER BY flow_pk, at_ms
              """
            : """
              SELECT flow_pk, at_ms, rejected, revised, series, observations
              FROM transfer_flow_event
              WHERE flow_pk IN (SELECT value FROM json_each($flows)) AND +at_ms >= $from AND +at_ms < $to
              ORDER BY flow_pk, at_ms
              """;
        command.Parameters.AddWithValue("$from", from?.ToUnixTimeMilliseconds() ?? long.MinValue);
        command.Parameters.AddWithValue("$to", to?.ToUnixTimeMilliseconds() ?? long.MaxValue);
        if (flows is not null)
        {
            command.Parameters.AddWithValue("$flows", System.Text.Json.JsonSerializer.Serialize(flows));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (reader.Read())
        {
            yield return new FlowEvent(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2) != 0, reader.GetInt64(3) != 0, reader.GetInt64(4), reader.GetInt64(5));
        }
    }

    public async Task<(long Transfers, long Rejected)> CountTransfersAsync(DateTimeOffset? from, DateTimeOffset? to, IReadOnlyCollection<long> flows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flows);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            """
            SELECT count(DISTINCT transfer_id), count(DISTINCT CASE WHEN rejected = 1 THEN transfer_id END)
            FROM transfer_flow_event
            WHERE flow_pk IN (SELECT value FROM json_each($flows)) AND at_ms >= $from AND at_ms < $to
            """,
            new { flows = System.Text.Json.JsonSerializer.Serialize(flows), from = from?.ToUnixTimeMilliseconds() ?? long.MinValue, to = to?.ToUnixTimeMilliseconds() ?? long.MaxValue },
            cancellationToken: cancellationToken));
        return counts;
    }

    public async Task<Transfer?> GetAsync(Guid transferId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TransferRow<string, string?>>(new CommandDefinition(
            """
            SELECT transfer_id AS TransferId, idempotency_key AS IdempotencyKey, kind AS Kind, channel AS Channel,
                   format AS Format, sender_organisation AS SenderOrganisation, receiver_organisation AS ReceiverOrganisation,
                   principal AS Principal, dataflow AS Dataflow, series_codes AS SeriesCodes, ref_areas AS RefAreas,
                   period_start AS PeriodStart, period_end AS PeriodEnd, series_count AS SeriesCount,
                   observation_count AS ObservationCount, annotation_count AS AnnotationCount,
                   artefact_count AS ArtefactCount, bytes AS Bytes, payload_sha256 AS PayloadSha256,
                   started_at AS StartedAt, finished_at AS FinishedAt, outcome AS Outcome, error_summary AS ErrorSummary,
                   action AS Action, embargo_until AS EmbargoUntil, observations_inserted AS ObservationsInserted,
                   observations_revised AS ObservationsRevised, observations_unchanged AS ObservationsUnchanged,
                   observations_deleted AS ObservationsDeleted, warnings AS Warnings, shared_with AS SharedWith
            FROM transfer
            WHERE transfer_id = @TransferId
            """,
            new { TransferId = TransferIds.ToText(transferId) },
            cancellationToken: cancellationToken));
        return row is null ? null : ToTransfer(row);
    }

    public async Task<IReadOnlyList<Transfer>> ListAsync(DateTimeOffset? from, DateTimeOffset? to, string? kind, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(new TransferFilter { From = from, To = to, Kind = kind, Limit = limit }, cancellationToken);

    public async Task<IReadOnlyList<Transfer>> QueryAsync(TransferFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        TransferIds.CheckLimit(filter.Limit);
        await using var connection = await connections.OpenAsync(cancellationToken);

        // The timestamps are fixed-width UTC text, so the range compares as text. Codes and areas are matched
        // as whole space-separated tokens with instr, not LIKE, whose '_' would match any character.
        var rows = await connection.QueryAsync<TransferRow<string, string?>>(new CommandDefinition(
            """
            SELECT transfer_id AS TransferId, idempotency_key AS IdempotencyKey, kind AS Kind, channel AS Channel,
                   format AS Format, sender_organisation AS SenderOrganisation, receiver_organisation AS ReceiverOrganisation,
                   principal AS Principal, dataflow AS Dataflow, series_codes AS SeriesCodes, ref_areas AS RefAreas,
                   period_start AS PeriodStart, period_end AS PeriodEnd, series_count AS SeriesCount,
                   observation_count AS ObservationCount, annotation_count AS AnnotationCount,
                   artefact_count AS ArtefactCount, bytes AS Bytes, payload_sha256 AS PayloadSha256,
                   started_at AS StartedAt, finished_at AS FinishedAt, outcome AS Outcome, error_summary AS ErrorSummary,
                   action AS Action, embargo_until AS EmbargoUntil, observations_inserted AS ObservationsInserted,
                   observations_revised AS ObservationsRevised, observations_unchanged AS ObservationsUnchanged,
                   observations_deleted AS ObservationsDeleted, warnings AS Warnings, shared_with AS SharedWith
            FROM transfer
            WHERE (@From IS NULL OR started_at >= @From)
              AND (@To IS NULL OR started_at < @To)
              AND (@Kind IS NULL OR kind = @Kind)
              AND (@Organisation IS NULL OR sender_organisation = @Organisation OR receiver_organisation = @Organisation)
              AND (@Dataflow IS NULL OR dataflow = @Dataflow)
              AND (@Outcome IS NULL OR outcome = @Outcome)
              AND (@SeriesCode IS NULL OR instr(' ' || series_codes || ' ', ' ' || @SeriesCode || ' ') > 0)
              AND (@RefArea IS NULL OR instr(' ' || ref_areas || ' ', ' ' || @RefArea || ' ') > 0)
            ORDER BY started_at DESC, transfer_id DESC
            LIMIT @Limit
            """,
            new
            {
                From = SqliteText.FromTimestamp(filter.From),
                To = SqliteText.FromTimestamp(filter.To),
                filter.Kind,
                filter.Organisation,
                filter.Dataflow,
                filter.Outcome,
                filter.SeriesCode,
                filter.RefArea,
                filter.Limit,
            },
            cancellationToken: cancellationToken));
        return rows.Select(ToTransfer).ToList();
    }

    public async Task<Transfer?> FindByIdempotencyKeyAsync(string? senderOrganisation, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        await using var connection = await connections.OpenAsync(cancellationToken);

        // IS compares NULL with NULL as equal: a key without a sender belongs to the anonymous sender.
        var row = await connection.QueryFirstOrDefaultAsync<TransferRow<string, string?>>(new CommandDefinition(
            """
            SELECT transfer_id AS TransferId, idempotency_key AS IdempotencyKey, kind AS Kind, channel AS Channel,
                   format AS Format, sender_organisation AS SenderOrganisation, receiver_organisation AS ReceiverOrganisation,
                   principal AS Principal, dataflow AS Dataflow, series_codes AS SeriesCodes, ref_areas AS RefAreas,
                   period_start AS PeriodStart, period_end AS PeriodEnd, series_count AS SeriesCount,
                   observation_count AS ObservationCount, annotation_count AS AnnotationCount,
                   artefact_count AS ArtefactCount, bytes AS Bytes, payload_sha256 AS PayloadSha256,
                   started_at AS StartedAt, finished_at AS FinishedAt, outcome AS Outcome, error_summary AS ErrorSummary,
                   action AS Action, embargo_until AS EmbargoUntil, observations_inserted AS ObservationsInserted,
                   observations_revised AS ObservationsRevised, observations_unchanged AS ObservationsUnchanged,
                   observations_deleted AS ObservationsDeleted, warnings AS Warnings, shared_with AS SharedWith
            FROM transfer
            WHERE idempotency_key = @IdempotencyKey AND sender_organisation IS @SenderOrganisation AND outcome = 'completed'
            ORDER BY started_at DESC, transfer_id DESC
            LIMIT 1
            """,
            new { IdempotencyKey = idempotencyKey, SenderOrganisation = senderOrganisation },
            cancellationToken: cancellationToken));
        return row is null ? null : ToTransfer(row);
    }

    public async Task BeginAsync(TransferStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO transfer_start (
                    transfer_id, kind, channel, format, sender_organisation, principal, dataflow, idempotency_key, started_at)
                VALUES (
                    @TransferId, @Kind, @Channel, @Format, @SenderOrganisation, @Principal, @Dataflow, @IdempotencyKey, @StartedAt)
                """,
                TransferStartRow<string>.From(start, SqliteText.FromTimestamp),
                cancellationToken: cancellationToken));
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == PrimaryKeyViolation)
        {
            throw new InvalidOperationException($"transfer {start.TransferId} has already started", e);
        }
    }

    public async Task EndAsync(Guid transferId, CancellationToken cancellationToken)
    {
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await DeleteStartAsync(connection, null, transferId, cancellationToken);
    }

    internal static Task DeleteStartAsync(SqliteConnection connection, SqliteTransaction? transaction, Guid transferId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM transfer_start WHERE transfer_id = @TransferId
            """,
            new { TransferId = TransferIds.ToText(transferId) },
            transaction,
            cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<Transfer>> RecoverInterruptedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var starts = await connection.QueryAsync<TransferStartRow<string>>(new CommandDefinition(
            """
            SELECT s.transfer_id AS TransferId, s.kind AS Kind, s.channel AS Channel, s.format AS Format,
                   s.sender_organisation AS SenderOrganisation, s.principal AS Principal, s.dataflow AS Dataflow,
                   s.idempotency_key AS IdempotencyKey, s.started_at AS StartedAt
            FROM transfer_start s
            WHERE NOT EXISTS (SELECT 1 FROM transfer t WHERE t.transfer_id = s.transfer_id)
            ORDER BY s.started_at, s.transfer_id
            """,
            transaction: transaction,
            cancellationToken: cancellationToken));

        // A note whose transfer was recorded (the process stopped between the two writes) is only dropped.
        var recovered = starts.Select(s => TransferIds.Interrupted(s.ToStart(SqliteText.ToTimestamp), now)).ToList();
        foreach (var transfer in recovered)
        {
            await InsertAsync(connection, transaction, transfer, cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM transfer_start
            """,
            transaction: transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return recovered;
    }

    private static Transfer ToTransfer(TransferRow<string, string?> row) =>
        row.ToTransfer(SqliteText.ToTimestamp, t => t is null ? null : SqliteText.ToTimestamp(t));
}
