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
}

/// <summary>The append-only log of transfers.</summary>
public interface ITransferStore
{
    Task AppendAsync(Transfer transfer, CancellationToken cancellationToken);

    Task<Transfer?> GetAsync(Guid transferId, CancellationToken cancellationToken);

    /// <summary>Transfers started in [from, to), newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Transfer>> ListAsync(DateTimeOffset? from, DateTimeOffset? to, string? kind, int limit, CancellationToken cancellationToken);
}
