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

/// <summary>The append-only log of transfers.</summary>
public interface ITransferStore
{
    Task AppendAsync(Transfer transfer, CancellationToken cancellationToken);

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
