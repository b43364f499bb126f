using Dapper;
using Microsoft.Data.SqlClient;

namespace MdgExchange.Storage.SqlServer;

/// <summary>The transfer log in SQL Server.</summary>
public sealed class SqlServerTransferStore(SqlServerConnectionFactory connections) : ITransferStore
{
    // Violation of a PRIMARY KEY or UNIQUE constraint.
    private const int PrimaryKeyViolation = 2627;

    public async Task AppendAsync(Transfer transfer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        await using var connection = await connections.OpenAsync(cancellationToken);

        // The transfer and its flow parts together.
        await using var transaction = connection.BeginTransaction();
        await InsertAsync(connection, transaction, transfer, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task AppendAsync(IReadOnlyList<Transfer> transfers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transfers);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        foreach (var transfer in transfers)
        {
            await InsertAsync(connection, transaction, transfer, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Appends a transfer inside the caller's transaction (data sessions and annotations).</summary>
    internal static async Task InsertAsync(SqlConnection connection, SqlTransaction? transaction, Transfer transfer, CancellationToken cancellationToken)
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
                TransferRow<DateTimeOffset, DateTimeOffset?>.From(transfer, t => t.ToUniversalTime(), t => t?.ToUniversalTime()),
                transaction,
                cancellationToken: cancellationToken));
            await InsertFlowPartsAsync(connection, transaction, transfer, cancellationToken);
        }
        catch (SqlException e) when (e.Number == PrimaryKeyViolation)
        {
            throw new InvalidOperationException($"transfer {transfer.TransferId} is already recorded; transfers are append-only", e);
        }
    }

    private static async Task InsertFlowPartsAsync(SqlConnection connection, SqlTransaction? transaction, Transfer transfer, CancellationToken cancellationToken)
    {
        var atMs = transfer.FinishedAt.ToUnixTimeMilliseconds();
        foreach (var part in transfer.FlowParts)
        {
            // HOLDLOCK: two transfers of a new flow at once must not both insert it.
            var flowPk = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                MERGE transfer_flow WITH (HOLDLOCK) AS t
                USING (SELECT @Kind AS kind, @Channel AS channel, @Format AS format, @Sender AS sender, @Receiver AS receiver, @Code AS code, @RefArea AS ref_area) AS s
                ON t.kind = s.kind AND t.channel = s.channel AND t.format = s.format AND t.sender = s.sender
                   AND t.receiver = s.receiver AND t.code = s.code AND t.ref_area = s.ref_area
                WHEN MATCHED THEN UPDATE SET
                    sender_role = COALESCE(@SenderRole, t.sender_role),
                    receiver_role = COALESCE(@ReceiverRole, t.receiver_role),
                    last_error = CASE WHEN @Rejected = 1 THEN @Error ELSE t.last_error END,
                    last_error_at = CASE WHEN @Rejected = 1 THEN @AtMs ELSE t.last_error_at END
                WHEN NOT MATCHED THEN INSERT (kind, channel, format, sender, receiver, code, ref_area, sender_role, receiver_role, last_error, last_error_at)
                    VALUES (@Kind, @Channel, @Format, @Sender, @Receiver, @Code, @RefArea, @SenderRole, @ReceiverRole,
                            CASE WHEN @Rejected = 1 THEN @Error END, CASE WHEN @Rejected = 1 THEN @AtMs END)
                OUTPUT inserted.flow_pk;
                """,
                FlowParts.FlowRow(transfer, part, atMs),
                transaction,
                cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO transfer_flow_event (flow_pk, at_ms, transfer_id, rejected, revised, series, observations)
                VALUES (@FlowPk, @AtMs, @TransferId, @Rejected, @Revised, @Series, @Observations)
                """,
                new
                {
                    FlowPk = flowPk,
                    AtMs = atMs,
                    TransferId = transfer.TransferId.ToString(),
                    Rejected = FlowParts.IsRejected(transfer),
                    Revised = FlowParts.IsRevision(transfer),
                    part.Series,
                    part.Observations,
                },
                transaction,
                cancellationToken: cancellationToken));
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
        // The clustered key is (flow_pk, at_ms, transfer_id): one ordered range scan, or a seek per listed flow.
        command.CommandText = flows is null
            ? """
              SELECT flow_pk, at_ms, rejected, revised, series, observations
              FROM transfer_flow_event
              WHERE at_ms >= @from AND at_ms < @to
              ORDER BY flow_pk, at_ms
              """
            : """
              SELECT flow_pk, at_ms, rejected, revised, series, observations
              FROM transfer_flow_event
              WHERE flow_pk IN (SELECT CAST(value AS bigint) FROM OPENJSON(@flows)) AND at_ms >= @from AND at_ms < @to
              ORDER BY flow_pk, at_ms
              """;
        command.Parameters.Add(new SqlParameter("@from", System.Data.SqlDbType.BigInt) { Value = from?.ToUnixTimeMilliseconds() ?? long.MinValue });
        command.Parameters.Add(new SqlParameter("@to", System.Data.SqlDbType.BigInt) { Value = to?.ToUnixTimeMilliseconds() ?? long.MaxValue });
        if (flows is not null)
        {
            command.Parameters.Add(new SqlParameter("@flows", System.Data.SqlDbType.NVarChar, -1) { Value = System.Text.Json.JsonSerializer.Serialize(flows) });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new FlowEvent(reader.GetInt64(0), reader.GetInt64(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetInt64(4), reader.GetInt64(5));
        }
    }

    public async Task<(long Transfers, long Rejected)> CountTransfersAsync(DateTimeOffset? from, DateTimeOffset? to, IReadOnlyCollection<long> flows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flows);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            """
            SELECT CAST(count(DISTINCT transfer_id) AS bigint), CAST(count(DISTINCT CASE WHEN rejected = 1 THEN transfer_id END) AS bigint)
            FROM transfer_flow_event
            WHERE flow_pk IN (SELECT CAST(value AS bigint) FROM OPENJSON(@flows)) AND at_ms >= @from AND at_ms < @to
            """,
            new { flows = System.Text.Json.JsonSerializer.Serialize(flows), from = from?.ToUnixTimeMilliseconds() ?? long.MinValue, to = to?.ToUnixTimeMilliseconds() ?? long.MaxValue },
            cancellationToken: cancellationToken));
        return counts;
    }

    public async Task<Transfer?> GetAsync(Guid transferId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TransferRow<DateTimeOffset, DateTimeOffset?>>(new CommandDefinition(
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

        // Codes and areas are matched as whole space-separated tokens with CHARINDEX, not LIKE, whose '_' would
        // match any character; the binary collation makes the match case-sensitive as in SQLite.
        var rows = await connection.QueryAsync<TransferRow<DateTimeOffset, DateTimeOffset?>>(new CommandDefinition(
            """
            SELECT TOP (@Limit)
                   transfer_id AS TransferId, idempotency_key AS IdempotencyKey, kind AS Kind, channel AS Channel,
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
              AND (@SeriesCode IS NULL
                   OR CHARINDEX((N' ' + @SeriesCode + N' ') COLLATE Latin1_General_100_BIN2, N' ' + series_codes + N' ') > 0)
              AND (@RefArea IS NULL
                   OR CHARINDEX((N' ' + @RefArea + N' ') COLLATE Latin1_General_100_BIN2, N' ' + ref_areas + N' ') > 0)
            ORDER BY started_at DESC, transfer_id DESC
            """,
            new
            {
                From = filter.From?.ToUniversalTime(),
                To = filter.To?.ToUniversalTime(),
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

        var row = await connection.QueryFirstOrDefaultAsync<TransferRow<DateTimeOffset, DateTimeOffset?>>(new CommandDefinition(
            """
            SELECT TOP (1)
                   transfer_id AS TransferId, idempotency_key AS IdempotencyKey, kind AS Kind, channel AS Channel,
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
            WHERE idempotency_key = @IdempotencyKey
              AND (sender_organisation = @SenderOrganisation OR (@SenderOrganisation IS NULL AND sender_organisation IS NULL))
              AND outcome = N'completed'
            ORDER BY started_at DESC, transfer_id DESC
            """,
            new { IdempotencyKey = idempotencyKey, SenderOrganisation = senderOrganisation },
            cancellationToken: cancellationToken));
        return row is null ? null : ToTransfer(row);
    }

    public async Task BeginAsync(TransferStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
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
                TransferStartRow<DateTimeOffset>.From(start, t => t.ToUniversalTime()),
                cancellationToken: cancellationToken));
        }
        catch (SqlException e) when (e.Number == PrimaryKeyViolation)
        {
            throw new InvalidOperationException($"transfer {start.TransferId} has already started", e);
        }
    }

    public async Task EndAsync(Guid transferId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await DeleteStartAsync(connection, null, transferId, cancellationToken);
    }

    internal static Task DeleteStartAsync(SqlConnection connection, SqlTransaction? transaction, Guid transferId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM transfer_start WHERE transfer_id = @TransferId
            """,
            new { TransferId = TransferIds.ToText(transferId) },
            transaction,
            cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<Transfer>> RecoverInterruptedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(cancellationToken);

        // UPDLOCK and HOLDLOCK keep two starting servers from recovering the same notes twice.
        var starts = await connection.QueryAsync<TransferStartRow<DateTimeOffset>>(new CommandDefinition(
            """
            SELECT s.transfer_id AS TransferId, s.kind AS Kind, s.channel AS Channel, s.format AS Format,
                   s.sender_organisation AS SenderOrganisation, s.principal AS Principal, s.dataflow AS Dataflow,
                   s.idempotency_key AS IdempotencyKey, s.started_at AS StartedAt
            FROM transfer_start s WITH (UPDLOCK, HOLDLOCK)
            WHERE NOT EXISTS (SELECT 1 FROM transfer t WHERE t.transfer_id = s.transfer_id)
            ORDER BY s.started_at, s.transfer_id
            """,
            transaction: transaction,
            cancellationToken: cancellationToken));

        // A note whose transfer was recorded (the process stopped between the two writes) is only dropped.
        var recovered = starts.Select(s => TransferIds.Interrupted(s.ToStart(t => t), now)).ToList();
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

    private static Transfer ToTransfer(TransferRow<DateTimeOffset, DateTimeOffset?> row) =>
        row.ToTransfer(t => t, t => t);
}
