namespace MdgExchange.Storage;

/// <summary>
/// A row of the <c>transfer</c> table (columns aliased to these names); the timestamp type is the dialect's
/// (ISO text in SQLite, datetimeoffset in SQL Server); <typeparamref name="TOptionalTimestamp"/> is its nullable form.
/// </summary>
internal sealed class TransferRow<TTimestamp, TOptionalTimestamp>
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
    public string? Action { get; set; }
    public TOptionalTimestamp EmbargoUntil { get; set; } = default!;
    public long ObservationsInserted { get; set; }
    public long ObservationsRevised { get; set; }
    public long ObservationsUnchanged { get; set; }
    public long ObservationsDeleted { get; set; }
    public string? Warnings { get; set; }
    public string? SharedWith { get; set; }

    public static TransferRow<TTimestamp, TOptionalTimestamp> From(
        Transfer transfer, Func<DateTimeOffset, TTimestamp> timestamp, Func<DateTimeOffset?, TOptionalTimestamp> optionalTimestamp) => new()
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
        Action = transfer.Action,
        EmbargoUntil = optionalTimestamp(transfer.EmbargoUntil),
        ObservationsInserted = transfer.ObservationsInserted,
        ObservationsRevised = transfer.ObservationsRevised,
        ObservationsUnchanged = transfer.ObservationsUnchanged,
        ObservationsDeleted = transfer.ObservationsDeleted,
        Warnings = transfer.Warnings,
        SharedWith = transfer.SharedWith,
    };

    public Transfer ToTransfer(Func<TTimestamp, DateTimeOffset> timestamp, Func<TOptionalTimestamp, DateTimeOffset?> optionalTimestamp) => new()
    {
        TransferId = TransferIds.Parse(TransferId),
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
        Action = Action,
        EmbargoUntil = optionalTimestamp(EmbargoUntil),
        ObservationsInserted = ObservationsInserted,
        ObservationsRevised = ObservationsRevised,
        ObservationsUnchanged = ObservationsUnchanged,
        ObservationsDeleted = ObservationsDeleted,
        Warnings = Warnings,
        SharedWith = SharedWith,
    };
}

/// <summary>Transfer ids are stored as 36-character lower-case text in both dialects.</summary>
internal static class TransferIds
{
    /// <summary>The error summary of a transfer found unfinished at start-up.</summary>
    public const string InterruptedSummary = "the server stopped before the transfer finished";

    public static string ToText(Guid id) => id.ToString("D");

    public static Guid Parse(string text) => Guid.ParseExact(text, "D");

    public static void CheckLimit(int limit)
    {
        if (limit <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "the limit must be positive");
        }
    }

    /// <summary>What <see cref="ITransferStore.RecoverInterruptedAsync"/> records for a start note left behind.</summary>
    public static Transfer Interrupted(TransferStart start, DateTimeOffset now) => new()
    {
        TransferId = start.TransferId,
        IdempotencyKey = start.IdempotencyKey,
        Kind = start.Kind,
        Channel = start.Channel,
        Format = start.Format,
        SenderOrganisation = start.SenderOrganisation,
        Principal = start.Principal,
        Dataflow = start.Dataflow,
        StartedAt = start.StartedAt,
        FinishedAt = now,
        Outcome = "failed",
        ErrorSummary = InterruptedSummary,
    };
}

/// <summary>A row of the <c>transfer_start</c> table (columns aliased to these names).</summary>
internal sealed class TransferStartRow<TTimestamp>
    where TTimestamp : notnull
{
    public string TransferId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Channel { get; set; } = "";
    public string? Format { get; set; }
    public string? SenderOrganisation { get; set; }
    public string? Principal { get; set; }
    public string? Dataflow { get; set; }
    public string? IdempotencyKey { get; set; }
    public TTimestamp StartedAt { get; set; } = default!;

    public static TransferStartRow<TTimestamp> From(TransferStart start, Func<DateTimeOffset, TTimestamp> timestamp) => new()
    {
        TransferId = TransferIds.ToText(start.TransferId),
        Kind = start.Kind,
        Channel = start.Channel,
        Format = start.Format,
        SenderOrganisation = start.SenderOrganisation,
        Principal = start.Principal,
        Dataflow = start.Dataflow,
        IdempotencyKey = start.IdempotencyKey,
        StartedAt = timestamp(start.StartedAt),
    };

    public TransferStart ToStart(Func<TTimestamp, DateTimeOffset> timestamp) =>
        new(TransferIds.Parse(TransferId), Kind, Channel, Format, SenderOrganisation, Principal, Dataflow, IdempotencyKey, timestamp(StartedAt));
}
