namespace MdgExchange.Domain.Catalog;

/// <summary>A value as the caller wrote it, with where it came from (<c>row[3].level</c>, <c>operations[0].country</c>).</summary>
public sealed record DraftValue(string Text, string Path)
{
    public string Value => Text.Trim();

    public bool IsEmpty => Value.Length == 0;

    /// <summary>The parts of a multi-value cell, separated by <see cref="CatalogCsv.ListSeparator"/>.</summary>
    public IReadOnlyList<string> Parts => Value.Split(CatalogCsv.ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A problem with one value of an import; <see cref="Path"/> names the row (or message) and the column.</summary>
public sealed record CatalogViolation(string Path, string Description);

/// <summary>An operation as submitted, before validation: every field raw, with its location.</summary>
public sealed class OperationDraft
{
    public required DraftValue Id { get; init; }
    public required DraftValue NameEn { get; init; }
    public required DraftValue NameEs { get; init; }
    public required DraftValue Country { get; init; }
    public required DraftValue Producer { get; init; }
    public required DraftValue Type { get; init; }
    public required DraftValue Periodicity { get; init; }
    public required DraftValue ReferenceYears { get; init; }
    public required DraftValue NextRound { get; init; }
    public required DraftValue Universe { get; init; }
    public required DraftValue Coverage { get; init; }
    public required DraftValue SampleSize { get; init; }
    public required DraftValue Level { get; init; }
    public required DraftValue MethodologyUrl { get; init; }
    public required DraftValue AreaCodelist { get; init; }
    public required DraftValue Areas { get; init; }
    public List<IndicatorDraft> Indicators { get; } = [];
}

/// <summary>One indicator row of an operation as submitted.</summary>
public sealed record IndicatorDraft(DraftValue Indicator, DraftValue Series, DraftValue Disaggregations);
