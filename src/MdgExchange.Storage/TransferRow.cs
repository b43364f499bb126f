namespace MdgExchange.Storage;

/// <summary>
/// A row of the <c>transfer</c> table (columns aliased to these names); the timestamp type is the dialect's
/// (ISO text in SQLite, datetimeoffset in SQL Server).
/// </summary>
internal sealed class TransferRow<TTimestamp>
    where TTimestamp : notnull
{
    public string TransferId { get; set; } = "";
    public string? IdempotencyKey { get; set; }
    public string Kind { get; set; } = "";
    public string Channel { get; set; } = "";
    public string? Format { get; set; }
    public string? SenderOrganisation { get; set; }
    public string? ReceiverOrganisation { get; set; }
    public string? Principal { get; set; }
    public string? Dataflow { get; set; }
    public string? SeriesCodes { get; set; }
    public string? RefAreas { get; set; }
    public string? PeriodStart { get; set; }
    public string? PeriodEnd { get; set; }
    public long SeriesCount { get; set; }
    public long ObservationCount { get; set; }
    public long AnnotationCount { get; set; }
    public long ArtefactCount { get; set; }
    public long Bytes { get; set; }
    public string? PayloadSha256 { get; set; }
    public TTimestamp StartedAt { get; set; } = default!;
    public TTimestamp FinishedAt { get; set; } = default!;
    public string Outcome { get; set; } = "";
    public string? ErrorSummary { get; set; }

    public static TransferRow<TTimestamp> From(Transfer transfer, Func<DateTimeOffset, TTimestamp> timestamp) => new()
    {
        TransferId = TransferIds.ToText(transfer.TransferId),
        IdempotencyKey = transfer.IdempotencyKey,
        Kind = transfer.Kind,
        Channel = transfer.Channel,
        Format = transfer.Format,
        SenderOrganisation = transfer.SenderOrganisation,
        ReceiverOrganisation = transfer.ReceiverOrganisation,
        Principal = transfer.Principal,
        Dataflow = transfer.Dataflow,
        SeriesCodes = transfer.SeriesCodes,
        RefAreas = transfer.RefAreas,
        PeriodStart = transfer.PeriodStart,
        PeriodEnd = transfer.PeriodEnd,
        SeriesCount = transfer.SeriesCount,
        ObservationCount = transfer.ObservationCount,
        AnnotationCount = transfer.AnnotationCount,
        ArtefactCount = transfer.ArtefactCount,
        Bytes = transfer.Bytes,
        PayloadSha256 = transfer.PayloadSha256,
        StartedAt = timestamp(transfer.StartedAt),
        FinishedAt = timestamp(transfer.FinishedAt),
        Outcome = transfer.Outcome,
        ErrorSummary = transfer.ErrorSummary,
    };

    public Transfer ToTransfer(Func<TTimestamp, DateTimeOffset> timestamp) => new()
    {
        TransferId = Guid.ParseExact(TransferId, "D"),
        IdempotencyKey = IdempotencyKey,
        Kind = Kind,
        Channel = Channel,
        Format = Format,
        SenderOrganisation = SenderOrganisation,
        ReceiverOrganisation = ReceiverOrganisation,
        Principal = Principal,
        Dataflow = Dataflow,
        SeriesCodes = SeriesCodes,
        RefAreas = RefAreas,
        PeriodStart = PeriodStart,
        PeriodEnd = PeriodEnd,
        SeriesCount = SeriesCount,
        ObservationCount = ObservationCount,
        AnnotationCount = AnnotationCount,
        ArtefactCount = ArtefactCount,
        Bytes = Bytes,
        PayloadSha256 = PayloadSha256,
        StartedAt = timestamp(StartedAt),
        FinishedAt = timestamp(FinishedAt),
        Outcome = Outcome,
        ErrorSummary = ErrorSummary,
    };
}

/// <summary>Transfer ids are stored as 36-character lower-case text in both dialects.</summary>
internal static class TransferIds
{
    public static string ToText(Guid id) => id.ToString("D");

    public static void CheckLimit(int limit)
    {
        if (limit <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "the limit must be positive");
        }
    }
}
