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
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO transfer (
                    transfer_id, idempotency_key, kind, channel, format, sender_organisation, receiver_organisation,
                    principal, dataflow, series_codes, ref_areas, period_start, period_end, series_count,
                    observation_count, annotation_count, artefact_count, bytes, payload_sha256, started_at,
                    finished_at, outcome, error_summary)
                VALUES (
                    @TransferId, @IdempotencyKey, @Kind, @Channel, @Format, @SenderOrganisation, @ReceiverOrganisation,
                    @Principal, @Dataflow, @SeriesCodes, @RefAreas, @PeriodStart, @PeriodEnd, @SeriesCount,
                    @ObservationCount, @AnnotationCount, @ArtefactCount, @Bytes, @PayloadSha256, @StartedAt,
                    @FinishedAt, @Outcome, @ErrorSummary)
                """,
                TransferRow<DateTimeOffset>.From(transfer, t => t.ToUniversalTime()),
                cancellationToken: cancellationToken));
        }
        catch (SqlException e) when (e.Number == PrimaryKeyViolation)
        {
            throw new InvalidOperationException($"transfer {transfer.TransferId} is already recorded; transfers are append-only", e);
        }
    }

    public async Task<Transfer?> GetAsync(Guid transferId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TransferRow<DateTimeOffset>>(new CommandDefinition(
            """
            SELECT transfer_id AS TransferId, idempotency_key AS IdempotencyKey, kind AS Kind, channel AS Channel,
                   format AS Format, sender_organisation AS SenderOrganisation, receiver_organisation AS ReceiverOrganisation,
                   principal AS Principal, dataflow AS Dataflow, series_codes AS SeriesCodes, ref_areas AS RefAreas,
                   period_start AS PeriodStart, period_end AS PeriodEnd, series_count AS SeriesCount,
                   observation_count AS ObservationCount, annotation_count AS AnnotationCount,
                   artefact_count AS ArtefactCount, bytes AS Bytes, payload_sha256 AS PayloadSha256,
                   started_at AS StartedAt, finished_at AS FinishedAt, outcome AS Outcome, error_summary AS ErrorSummary
            FROM transfer
            WHERE transfer_id = @TransferId
            """,
            new { TransferId = TransferIds.ToText(transferId) },
            cancellationToken: cancellationToken));
        return row?.ToTransfer(t => t);
    }

    public async Task<IReadOnlyList<Transfer>> ListAsync(DateTimeOffset? from, DateTimeOffset? to, string? kind, int limit, CancellationToken cancellationToken)
    {
        TransferIds.CheckLimit(limit);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TransferRow<DateTimeOffset>>(new CommandDefinition(
            """
            SELECT TOP (@Limit)
                   transfer_id AS TransferId, idempotency_key AS IdempotencyKey, kind AS Kind, channel AS Channel,
                   format AS Format, sender_organisation AS SenderOrganisation, receiver_organisation AS ReceiverOrganisation,
                   principal AS Principal, dataflow AS Dataflow, series_codes AS SeriesCodes, ref_areas AS RefAreas,
                   period_start AS PeriodStart, period_end AS PeriodEnd, series_count AS SeriesCount,
                   observation_count AS ObservationCount, annotation_count AS AnnotationCount,
                   artefact_count AS ArtefactCount, bytes AS Bytes, payload_sha256 AS PayloadSha256,
                   started_at AS StartedAt, finished_at AS FinishedAt, outcome AS Outcome, error_summary AS ErrorSummary
            FROM transfer
            WHERE (@From IS NULL OR started_at >= @From)
              AND (@To IS NULL OR started_at < @To)
              AND (@Kind IS NULL OR kind = @Kind)
            ORDER BY started_at DESC, transfer_id DESC
            """,
            new { From = from?.ToUniversalTime(), To = to?.ToUniversalTime(), Kind = kind, Limit = limit },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToTransfer(t => t)).ToList();
    }
}
