namespace MdgExchange.Domain.Catalog;

/// <summary>
/// The lowest geographic level at which an operation gives representative estimates. The value is the depth of
/// such an area under its country in the country's area codelist: the country is 0, its first-level regions 1,
/// their subdivisions 2, municipalities (and anything deeper) 3.
/// </summary>
public enum GeographicLevel
{
    National = 0,
    Region = 1,
    SecondLevel = 2,
    Municipality = 3,
}

/// <summary>An indicator (and optionally one of its series) that an operation can produce, with the breakdowns it supports.</summary>
/// <param name="Indicator">The official SDG notation, <c>3.2.1</c>.</param>
/// <param name="Series">An SDG series code (<c>SH_DYN_MORT</c>), or null when the row names the indicator only.</param>
/// <param name="Disaggregations">Codes of <see cref="CatalogVocabulary.Disaggregations"/>, in that order.</param>
public sealed record OperationIndicator(string Indicator, string? Series, IReadOnlyList<string> Disaggregations);

/// <summary>A statistical operation of the catalogue (its "ficha técnica"): a census, survey, register or estimate of one country.</summary>
public sealed record StatisticalOperation
{
    /// <summary>An SDMX id, unique in the catalogue.</summary>
    public required string Id { get; init; }
    public required string NameEn { get; init; }
    public required string NameEs { get; init; }

    /// <summary>The M49 code of <c>IAEG-SDGs:CL_AREA(1.0)</c>, without leading zeros.</summary>
    public required string Country { get; init; }
    public required string Producer { get; init; }

    /// <summary>A code of <see cref="CatalogVocabulary.OperationTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary>A code of <see cref="CatalogVocabulary.Periodicities"/>.</summary>
    public required string Periodicity { get; init; }

    /// <summary>Reference years of past rounds, ascending.</summary>
    public IReadOnlyList<int> ReferenceYears { get; init; } = [];
    public int? NextRound { get; init; }
    public string? Universe { get; init; }
    public string? Coverage { get; init; }
    public long? SampleSize { get; init; }
    public required GeographicLevel Level { get; init; }
    public string? MethodologyUrl { get; init; }

    /// <summary>The country's area codelist, <c>AGENCY:ID(VERSION)</c>, whose codes hang below the country's code.</summary>
    public string? AreaCodelist { get; init; }

    /// <summary>The areas covered; empty: the whole country.</summary>
    public IReadOnlyList<string> Areas { get; init; } = [];
    public IReadOnlyList<OperationIndicator> Indicators { get; init; } = [];
    public DateTimeOffset UpdatedAt { get; init; }
    public string? UpdatedBy { get; init; }
    public Guid TransferId { get; init; }

    /// <summary>The name in <paramref name="lang"/> (es or en), else the other one.</summary>
    public string NameIn(string lang) => lang == "es" ? (NameEs.Length > 0 ? NameEs : NameEn) : (NameEn.Length > 0 ? NameEn : NameEs);

    /// <summary>Whether the operation produces the indicator (official notation) or the series code.</summary>
    public bool Produces(string indicatorOrSeries) =>
        Indicators.Any(i => i.Indicator == indicatorOrSeries || i.Series == indicatorOrSeries);
}
