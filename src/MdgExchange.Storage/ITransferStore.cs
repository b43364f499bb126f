namespace MdgExchange.Storage;

/// <summary>
/// One exchange through the service, successful or not (DESIGN §4). Append-only: a transfer is written once
/// when it finishes.
/// </summary>
public sealed record Transfer
{
    public required Guid TransferId { get; init; }
    public string? IdempotencyKey { get; init; }

    /// <summary>push, pull, annotate, metadata-submit, structure-submit, structure-delete, file-import, report-export, ...</summary>
    public required string Kind { get; init; }

    /// <summary>grpc, sdmx-rest, file, http.</summary>
    public required string Channel { get; init; }

    /// <summary>The payload format, e.g. sdmx-ml-2.1-structure, sdmx-csv-2.0.</summary>
    public string? Format { get; init; }
    public string? SenderOrganisation { get; init; }
    public string? ReceiverOrganisation { get; init; }
    public string? Principal { get; init; }
    public string? Dataflow { get; init; }

    /// <summary>Series codes touched, space-separated.</summary>
    public string? SeriesCodes { get; init; }

    /// <summary>Reference areas touched, space-separated.</summary>
    public string? RefAreas { get; init; }
    public string? PeriodStart { get; init; }
    public string? PeriodEnd { get; init; }
    public long SeriesCount { get; init; }
    public long ObservationCount { get; init; }
    public long AnnotationCount { get; init; }
    public long ArtefactCount { get; init; }
    public long Bytes { get; init; }
    public string? PayloadSha256 { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>completed, rejected, failed, cancelled.</summary>
    public required string Outcome { get; init; }
    public string? ErrorSummary { get; init; }

    /// <summary>The dataset action of a push (I, A, M, R, D).</summary>
    public string? Action { get; init; }

    /// <summary>A push's embargo: its data are not public before this instant.</summary>
    public DateTimeOffset? EmbargoUntil { get; init; }
    public long ObservationsInserted { get; init; }
    public long ObservationsRevised { get; init; }
    public long ObservationsUnchanged { get; init; }
    public long ObservationsDeleted { get; init; }

    /// <summary>Warnings given to the caller, one per line.</summary>
    public string? Warnings { get; init; }

    /// <summary>A push's embargoed data are visible before release to these organisations too (space-separated ids).</summary>
    public string? SharedWith { get; init; }

    /// <summary>What the transfer moved, per code, area, sender and receiver: indexed for the flow inventory.</summary>
    public IReadOnlyList<TransferFlowPart> FlowParts { get; init; } = [];
}

/// <summary>
/// One part of a transfer for the flow inventory: a series code (or an indicator, for metadata), an area, who sent
/// and who received (<c>*</c>: no one in particular), their roles when known, and the volumes.
/// </summary>
public sealed record TransferFlowPart(string Code, string RefArea, string Sender, string Receiver, string? SenderRole, string? ReceiverRole, long Series, long Observations);

/// <summary>A distinct flow key of the transfer log, with the last error of its rejected transfers.</summary>
public sealed record StoredFlow(
    long FlowPk,
    string Kind,
    string Channel,
    string Format,
    string Sender,
    string Receiver,
    string Code,
    string RefArea,
    string? SenderRole,
    string? ReceiverRole,
    string? LastError,
    DateTimeOffset? LastErrorAt);

/// <summary>One transfer of one flow: when it finished (Unix milliseconds), whether it was rejected or revised values, its volumes.</summary>
public readonly record struct FlowEvent(long FlowPk, long AtMs, bool Rejected, bool Revised, long Series, long Observations);

/// <summary>The flow index of the transfer log, which the inventory reads.</summary>
public interface IFlowIndex
{
    /// <summary>Every distinct flow key.</summary>
    Task<IReadOnlyList<StoredFlow>> ListFlowsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The events of transfers finished in [from, to) — of the flows listed, or of every flow when null — ordered by
    /// flow and time.
    /// </summary>
    IAsyncEnumerable<FlowEvent> FlowEventsAsync(DateTimeOffset? from, DateTimeOffset? to, IReadOnlyCollection<long>? flows, CancellationToken cancellationToken);

    /// <summary>
    /// How many distinct transfers finished in [from, to) feed at least one of the flows listed, and how many of them
    /// were rejected. A transfer that feeds several flows (several countries or indicators) counts once.
    /// </summary>
    Task<(long Transfers, long Rejected)> CountTransfersAsync(DateTimeOffset? from, DateTimeOffset? to, IReadOnlyCollection<long> flows, CancellationToken cancellationToken);
}

/// <summary>How flow parts are written: values cut to the columns' sizes, the event's flags.</summary>
internal static class FlowParts
{
    public static string Cut(string? text, int length) => string.IsNullOrEmpty(text) ? "" : text.Length <= length ? text : text[..length];

    public static object FlowRow(Transfer transfer, TransferFlowPart part, long atMs) => new
    {
        Kind = Cut(transfer.Kind, 32),
        Channel = Cut(transfer.Channel, 16),
        Format = Cut(transfer.Format, 48),
        Sender = Cut(part.Sender, 128),
        Receiver = Cut(part.Receiver, 128),
        Code = Cut(part.Code, 128),
        RefArea = Cut(part.RefArea, 128),
        SenderRole = part.SenderRole is null ? null : Cut(part.SenderRole, 32),
        ReceiverRole = part.ReceiverRole is null ? null : Cut(part.ReceiverRole, 32),
        Rejected = IsRejected(transfer),
        Error = transfer.ErrorSummary is null ? null : Cut(transfer.ErrorSummary, 4000),
        AtMs = atMs,
    };

    public static bool IsRejected(Transfer transfer) => transfer.Outcome == "rejected";

    /// <summary>Every flow key: the same SQL in both dialects.</summary>
    public static async Task<IReadOnlyList<StoredFlow>> ListFlowsAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        var rows = await Dapper.SqlMapper.QueryAsync<(long, string, string, string, string, string, string, string, string?, string?, string?, long?)>(connection, new Dapper.CommandDefinition(
            """
            SELECT flow_pk, kind, channel, format, sender, receiver, code, ref_area, sender_role, receiver_role, last_error, last_error_at
            FROM transfer_flow ORDER BY flow_pk
            """,
            cancellationToken: cancellationToken));
        return rows.Select(r => new StoredFlow(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5, r.Item6, r.Item7, r.Item8, r.Item9, r.Item10, r.Item11,
            r.Item12 is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null)).ToList();
    }

    public static bool IsRevision(Transfer transfer) => transfer.ObservationsRevised > 0 || transfer.ObservationsDeleted > 0;
}

/// <summary>A transfer that has started and not yet finished; left behind only by a crash.</summary>
public sealed record TransferStart(Guid TransferId, string Kind, string Channel, string? Format, string? SenderOrganisation, string? Principal, string? Dataflow, string? IdempotencyKey, DateTimeOffset StartedAt);

/// <summary>Filters of a transfer listing; null means any. Series code and area match the space-separated lists.</summary>
public sealed record TransferFilter
{
    public string? Organisation { get; init; }
    public string? Kind { get; init; }
    public string? Dataflow { get; init; }
    public string? SeriesCode { get; init; }
    public string? RefArea { get; init; }
    public string? Outcome { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public int Limit { get; init; } = 100;
}

/// <summary>The append-only log of transfers, and its flow index.</summary>
public interface ITransferStore : IFlowIndex
{
    Task AppendAsync(Transfer transfer, CancellationToken cancellationToken);

    /// <summary>Appends several transfers in one transaction (imports of a transfer history, benchmarks): all or none.</summary>
    Task AppendAsync(IReadOnlyList<Transfer> transfers, CancellationToken cancellationToken);

    Task<Transfer?> GetAsync(Guid transferId, CancellationToken cancellationToken);

    /// <summary>Transfers started in [from, to), newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Transfer>> ListAsync(DateTimeOffset? from, DateTimeOffset? to, string? kind, int limit, CancellationToken cancellationToken);

    /// <summary>Transfers matching every filter given (organisation = sender or receiver), newest first.</summary>
    Task<IReadOnlyList<Transfer>> QueryAsync(TransferFilter filter, CancellationToken cancellationToken);

    /// <summary>The completed transfer of that sender with that idempotency key, if any.</summary>
    Task<Transfer?> FindByIdempotencyKeyAsync(string? senderOrganisation, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Notes that a transfer started (its own small transaction), so that a crash before it finishes is detected at the next start.</summary>
    Task BeginAsync(TransferStart start, CancellationToken cancellationToken);

    /// <summary>Drops the start note of a transfer that finished (the data session's commit does this itself).</summary>
    Task EndAsync(Guid transferId, CancellationToken cancellationToken);

    /// <summary>
    /// Turns every start note left behind (the server died mid-transfer) into a transfer with outcome
    /// <c>failed</c> finished at <paramref name="now"/>, and returns them.
    /// </summary>
    Task<IReadOnlyList<Transfer>> RecoverInterruptedAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
