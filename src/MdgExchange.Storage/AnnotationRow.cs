using System.Text.Json;

namespace MdgExchange.Storage;

/// <summary>A row of the <c>annotation</c> table (columns aliased to these names); timestamps in the dialect's type.</summary>
internal sealed class AnnotationRow<TTimestamp>
    where TTimestamp : notnull
{
    public string AnnotationId { get; set; } = "";
    public string Dataflow { get; set; } = "";
    public string SeriesKey { get; set; } = "";
    public string? TimePeriod { get; set; }
    public string Type { get; set; } = "";
    public string Organisation { get; set; } = "";
    public string? Principal { get; set; }
    public string Texts { get; set; } = "{}";
    public double? ProposedValue { get; set; }
    public string? ReplyTo { get; set; }
    public string TransferId { get; set; } = "";
    public TTimestamp CreatedAt { get; set; } = default!;

    public static AnnotationRow<TTimestamp> From(SeriesAnnotation annotation, Func<DateTimeOffset, TTimestamp> timestamp) => new()
    {
        AnnotationId = TransferIds.ToText(annotation.AnnotationId),
        Dataflow = annotation.Dataflow,
        SeriesKey = annotation.SeriesKey,
        TimePeriod = annotation.TimePeriod,
        Type = annotation.Type,
        Organisation = annotation.Organisation,
        Principal = annotation.Principal,
        Texts = JsonSerializer.Serialize(annotation.Texts),
        ProposedValue = annotation.ProposedValue,
        ReplyTo = annotation.ReplyTo is { } reply ? TransferIds.ToText(reply) : null,
        TransferId = TransferIds.ToText(annotation.TransferId),
        CreatedAt = timestamp(annotation.CreatedAt),
    };

    public SeriesAnnotation ToAnnotation(Func<TTimestamp, DateTimeOffset> timestamp) => new()
    {
        AnnotationId = TransferIds.Parse(AnnotationId),
        Dataflow = Dataflow,
        SeriesKey = SeriesKey,
        TimePeriod = TimePeriod,
        Type = Type,
        Organisation = Organisation,
        Principal = Principal,
        Texts = DataReaderCache.ParseObject(Texts),
        ProposedValue = ProposedValue,
        ReplyTo = ReplyTo is null ? null : TransferIds.Parse(ReplyTo),
        TransferId = TransferIds.Parse(TransferId),
        CreatedAt = timestamp(CreatedAt),
    };

    /// <summary>Series keys as the JSON array the list statements expand with json_each / OPENJSON.</summary>
    public static string KeysJson(IReadOnlyCollection<string> seriesKeys) => JsonSerializer.Serialize(seriesKeys);
}
