namespace MdgExchange.Domain.Catalog;

/// <summary>A coded value of the catalogue with its English and Spanish labels.</summary>
public sealed record CatalogTerm(string Code, string En, string Es)
{
    public string In(string lang) => lang == "es" ? Es : En;
}

/// <summary>The closed vocabularies of the catalogue: operation types, periodicities, levels, disaggregations.</summary>
public static class CatalogVocabulary
{
    public static readonly IReadOnlyList<CatalogTerm> OperationTypes =
    [
        new("population-census", "Population census", "Censo de población"),
        new("agricultural-census", "Agricultural census", "Censo agropecuario"),
        new("household-survey", "Household survey", "Encuesta de hogares"),
        new("establishment-survey", "Establishment survey", "Encuesta de establecimientos"),
        new("administrative-register", "Administrative register", "Registro administrativo"),
        new("civil-registration", "Civil registration and vital statistics", "Registro civil y estadísticas vitales"),
        new("estimate", "Estimate", "Estimación"),
        new("other", "Other", "Otra"),
    ];

    public static readonly IReadOnlyList<CatalogTerm> Periodicities =
    [
        new("continuous", "Continuous", "Continua"),
        new("monthly", "Monthly", "Mensual"),
        new("quarterly", "Quarterly", "Trimestral"),
        new("semiannual", "Semiannual", "Semestral"),
        new("annual", "Annual", "Anual"),
        new("biennial", "Every two years", "Bienal"),
        new("triennial", "Every three years", "Trienal"),
        new("quadrennial", "Every four years", "Cuatrienal"),
        new("quinquennial", "Every five years", "Quinquenal"),
        new("decennial", "Every ten years", "Decenal"),
        new("irregular", "Irregular", "Irregular"),
        new("one-off", "One-off", "Única"),
    ];

    /// <summary>In <see cref="GeographicLevel"/> order.</summary>
    public static readonly IReadOnlyList<CatalogTerm> Levels =
    [
        new("national", "National", "Nacional"),
        new("region", "First-level region", "Región (primer nivel)"),
        new("second-level", "Second-level division", "División de segundo nivel"),
        new("municipality", "Municipality", "Municipio"),
    ];

    public static readonly IReadOnlyList<CatalogTerm> Disaggregations =
    [
        new("sex", "Sex", "Sexo"),
        new("age", "Age", "Edad"),
        new("urbanisation", "Urban/rural", "Urbano/rural"),
        new("income-quantile", "Income quantile", "Quintil de ingreso"),
        new("education", "Education level", "Nivel educativo"),
        new("disability", "Disability status", "Discapacidad"),
        new("geography", "Geography", "Geografía"),
    ];

    // Spellings people write for the same level.
    private static readonly Dictionary<string, GeographicLevel> LevelAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["national"] = GeographicLevel.National, ["country"] = GeographicLevel.National,
        ["region"] = GeographicLevel.Region, ["first-level"] = GeographicLevel.Region,
        ["second-level"] = GeographicLevel.SecondLevel, ["province"] = GeographicLevel.SecondLevel,
        ["municipality"] = GeographicLevel.Municipality, ["third-level"] = GeographicLevel.Municipality,
    };

    public static string Code(this GeographicLevel level) => Levels[(int)level].Code;

    public static bool TryParseLevel(string? text, out GeographicLevel level) =>
        LevelAliases.TryGetValue(text?.Trim() ?? "", out level);

    /// <summary>The level of an area at that depth under its country (deeper than municipality counts as municipality).</summary>
    public static GeographicLevel LevelAtDepth(int depth) => (GeographicLevel)Math.Clamp(depth, 0, (int)GeographicLevel.Municipality);

    /// <summary>The term of that code in the vocabulary, or null.</summary>
    public static CatalogTerm? Find(IReadOnlyList<CatalogTerm> vocabulary, string? code)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var trimmed = code?.Trim() ?? "";
        return vocabulary.FirstOrDefault(t => string.Equals(t.Code, trimmed, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The label of the code in <paramref name="lang"/>, or the code itself.</summary>
    public static string Label(IReadOnlyList<CatalogTerm> vocabulary, string code, string lang) => Find(vocabulary, code)?.In(lang) ?? code;

    public static string Label(this GeographicLevel level, string lang) => Levels[(int)level].In(lang);
}
