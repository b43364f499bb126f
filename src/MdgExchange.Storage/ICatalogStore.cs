using MdgExchange.Domain.Catalog;

namespace MdgExchange.Storage;

/// <summary>The catalogue of statistical operations.</summary>
public interface ICatalogStore
{
    /// <summary>
    /// Adds or replaces each operation (by id, indicators included) and appends <paramref name="transfer"/>, all in
    /// one transaction. Returns the ids of the operations that existed before (replaced).
    /// </summary>
    Task<IReadOnlyList<string>> SaveAsync(IReadOnlyList<StatisticalOperation> operations, Transfer transfer, CancellationToken cancellationToken);

    /// <summary>Every operation (of one country when given), by country then id, indicators in notation order.</summary>
    Task<IReadOnlyList<StatisticalOperation>> ListAsync(string? country, CancellationToken cancellationToken);

    Task<StatisticalOperation?> GetAsync(string operationId, CancellationToken cancellationToken);

    /// <summary>Deletes the operation and appends <paramref name="transfer"/> in one transaction; false (and nothing written) when there is no such operation.</summary>
    Task<bool> DeleteAsync(string operationId, Transfer transfer, CancellationToken cancellationToken);
}

/// <summary>A row of <c>catalog_operation</c> (columns aliased to these names); the timestamp type is the dialect's.</summary>
internal sealed class CatalogOperationRow<TTimestamp>
    where TTimestamp : notnull
{
    public string OperationId { get; set; } = "";
    public string Country { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string NameEs { get; set; } = "";
    public string Producer { get; set; } = "";
    public string OperationType { get; set; } = "";
    public string Periodicity { get; set; } = "";
    public string? ReferenceYears { get; set; }
    public long? NextRound { get; set; }
    public string? Universe { get; set; }
    public string? Coverage { get; set; }
    public long? SampleSize { get; set; }
    public string LowestLevel { get; set; } = "";
    public string? MethodologyUrl { get; set; }
    public string? AreaCodelist { get; set; }
    public string? Areas { get; set; }
    public TTimestamp UpdatedAt { get; set; } = default!;
    public string? UpdatedBy { get; set; }
    public string TransferId { get; set; } = "";

    public static CatalogOperationRow<TTimestamp> From(StatisticalOperation o, Func<DateTimeOffset, TTimestamp> timestamp) => new()
    {
        OperationId = o.Id,
        Country = o.Country,
        NameEn = o.NameEn,
        NameEs = o.NameEs,
        Producer = o.Producer,
        OperationType = o.Type,
        Periodicity = o.Periodicity,
        ReferenceYears = CatalogRows.Join(o.ReferenceYears.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        NextRound = o.NextRound,
        Universe = o.Universe,
        Coverage = o.Coverage,
        SampleSize = o.SampleSize,
        LowestLevel = o.Level.Code(),
        MethodologyUrl = o.MethodologyUrl,
        AreaCodelist = o.AreaCodelist,
        Areas = CatalogRows.Join(o.Areas),
        UpdatedAt = timestamp(o.UpdatedAt),
        UpdatedBy = o.UpdatedBy,
        TransferId = TransferIds.ToText(o.TransferId),
    };

    public StatisticalOperation ToOperation(Func<TTimestamp, DateTimeOffset> timestamp, IReadOnlyList<OperationIndicator> indicators) => new()
    {
        Id = OperationId,
        Country = Country,
        NameEn = NameEn,
        NameEs = NameEs,
        Producer = Producer,
        Type = OperationType,
        Periodicity = Periodicity,
        ReferenceYears = CatalogRows.Split(ReferenceYears).Select(y => int.Parse(y, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        NextRound = NextRound is { } n ? (int)n : null,
        Universe = Universe,
        Coverage = Coverage,
        SampleSize = SampleSize,
        Level = CatalogVocabulary.TryParseLevel(LowestLevel, out var level) ? level : GeographicLevel.National,
        MethodologyUrl = MethodologyUrl,
        AreaCodelist = AreaCodelist,
        Areas = CatalogRows.Split(Areas),
        Indicators = indicators,
        UpdatedAt = timestamp(UpdatedAt),
        UpdatedBy = UpdatedBy,
        TransferId = TransferIds.Parse(TransferId),
    };
}

/// <summary>A row of <c>catalog_indicator</c> (columns aliased to these names).</summary>
internal sealed class CatalogIndicatorRow
{
    public string OperationId { get; set; } = "";
    public string Indicator { get; set; } = "";
    public string SeriesCode { get; set; } = "";
    public string? Disaggregations { get; set; }
}

internal static class CatalogRows
{
    public static string? Join(IEnumerable<string> values) => string.Join(' ', values) is { Length: > 0 } text ? text : null;

    public static IReadOnlyList<string> Split(string? text) => (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static IEnumerable<CatalogIndicatorRow> IndicatorRows(StatisticalOperation operation) =>
        operation.Indicators.Select(i => new CatalogIndicatorRow { OperationId = operation.Id, Indicator = i.Indicator, SeriesCode = i.Series ?? "", Disaggregations = Join(i.Disaggregations) });

    /// <summary>Operations with their indicators, in notation order (3.2.1 before 10.1.1).</summary>
    public static IReadOnlyList<StatisticalOperation> Assemble<TTimestamp>(IEnumerable<CatalogOperationRow<TTimestamp>> operations, IEnumerable<CatalogIndicatorRow> indicators, Func<TTimestamp, DateTimeOffset> timestamp)
        where TTimestamp : notnull
    {
        var byOperation = indicators.ToLookup(i => i.OperationId, StringComparer.Ordinal);
        return operations.Select(o => o.ToOperation(timestamp, byOperation[o.OperationId]
            .Select(i => new OperationIndicator(i.Indicator, i.SeriesCode.Length == 0 ? null : i.SeriesCode, Split(i.Disaggregations)))
            .OrderBy(i => i.Indicator, IndicatorNotation.Comparer).ThenBy(i => i.Series, StringComparer.Ordinal)
            .ToList())).ToList();
    }
}
