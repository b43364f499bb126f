using System.Globalization;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Catalog;

/// <summary>
/// Checks submitted operations against the vocabularies and the registry (<see cref="CatalogReferences"/>) and
/// turns them into <see cref="StatisticalOperation"/>s. Every problem is reported with its row and column.
/// </summary>
public static class CatalogValidator
{
    private const int MaxText = 2000;
    private const int MinYear = 1800;
    private const int MaxYear = 2200;

    /// <summary>The area codelists the drafts name, as <c>AGENCY:ID(VERSION)</c>, for the caller to load.</summary>
    public static IReadOnlySet<string> AreaCodelistsNamed(IEnumerable<OperationDraft> drafts) =>
        drafts.Select(d => TryCodelist(d.AreaCodelist.Value, out var r, out _) ? r : null).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>The M49 code as <c>IAEG-SDGs:CL_AREA</c> writes it: digits without leading zeros (<c>032</c> → <c>32</c>).</summary>
    public static string NormaliseCountry(string code)
    {
        var trimmed = (code ?? "").Trim();
        return trimmed.Length > 1 && trimmed.All(char.IsAsciiDigit) ? trimmed.TrimStart('0') is { Length: > 0 } t ? t : "0" : trimmed;
    }

    /// <summary>The official notation of an indicator written with dots or with the framework codelist's dashes.</summary>
    public static string NormaliseIndicator(string text) => (text ?? "").Trim().Replace('-', '.');

    public static IReadOnlyList<StatisticalOperation> Validate(IReadOnlyList<OperationDraft> drafts, CatalogReferences references, List<CatalogViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(violations);
        var operations = new List<StatisticalOperation>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            var before = violations.Count;
            void Fail(DraftValue value, string description) => violations.Add(new(value.Path, description));

            var operation = Check(draft, references, seen, Fail);
            if (violations.Count == before)
            {
                operations.Add(operation);
            }
        }

        return operations;
    }

    /// <summary>One draft's checks; the operation it describes, meaningful only when nothing failed.</summary>
    private static StatisticalOperation Check(OperationDraft draft, CatalogReferences references, Dictionary<string, string> seen, Action<DraftValue, string> fail)
    {
        var id = draft.Id.Value;
        if (!Identifiers.IsValidId(id) || id.Length > 64)
        {
            fail(draft.Id, $"'{id}' is not an operation id: up to 64 letters, digits, _, @, $ or -, starting with a letter or digit");
        }
        else if (!seen.TryAdd(id, draft.Id.Path))
        {
            fail(draft.Id, $"operation {id} is given twice (first at {seen[id]})");
        }

        CheckTexts(draft, fail);
        var country = CheckCountry(draft, references, fail);
        var type = Coded(draft.Type, CatalogVocabulary.OperationTypes, "operation type", fail);
        var periodicity = Coded(draft.Periodicity, CatalogVocabulary.Periodicities, "periodicity", fail);
        if (!CatalogVocabulary.TryParseLevel(draft.Level.Value, out var level))
        {
            fail(draft.Level, $"'{draft.Level.Value}' is not a geographic level; use {Codes(CatalogVocabulary.Levels)}");
        }

        var (years, nextRound, sampleSize) = CheckNumbers(draft, fail);
        if (!draft.MethodologyUrl.IsEmpty && !(Uri.TryCreate(draft.MethodologyUrl.Value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            fail(draft.MethodologyUrl, $"'{draft.MethodologyUrl.Value}' is not an http or https address");
        }

        var areas = CheckAreas(draft, country, references, fail);
        var indicators = CheckIndicators(draft, references, fail);
        return new StatisticalOperation
        {
            Id = id,
            NameEn = draft.NameEn.Value,
            NameEs = draft.NameEs.Value,
            Country = country,
            Producer = draft.Producer.Value,
            Type = type ?? "",
            Periodicity = periodicity ?? "",
            ReferenceYears = years.Distinct().Order().ToList(),
            NextRound = nextRound,
            Universe = Optional(draft.Universe),
            Coverage = Optional(draft.Coverage),
            SampleSize = sampleSize,
            Level = level,
            MethodologyUrl = Optional(draft.MethodologyUrl),
            AreaCodelist = areas.Codelist,
            Areas = areas.Codes,
            Indicators = indicators,
        };
    }

    private static void CheckTexts(OperationDraft draft, Action<DraftValue, string> fail)
    {
        if (draft.NameEn.IsEmpty && draft.NameEs.IsEmpty)
        {
            fail(draft.NameEn, "give the operation's name in English (name_en) or Spanish (name_es)");
        }

        // The limits of the catalog_operation columns (schemas/*/0006_create_catalog.sql).
        foreach (var (text, max) in new[] { (draft.NameEn, 500), (draft.NameEs, 500), (draft.Producer, 256), (draft.Universe, MaxText), (draft.Coverage, MaxText), (draft.MethodologyUrl, MaxText), (draft.ReferenceYears, 1000), (draft.AreaCodelist, 300) })
        {
            if (text.Value.Length > max)
            {
                fail(text, $"too long: {text.Value.Length} characters, at most {max}");
            }
        }

        if (draft.Producer.IsEmpty)
        {
            fail(draft.Producer, "the producing organisation is empty");
        }
    }

    private static string CheckCountry(OperationDraft draft, CatalogReferences references, Action<DraftValue, string> fail)
    {
        var country = NormaliseCountry(draft.Country.Value);
        if (draft.Country.IsEmpty)
        {
            fail(draft.Country, "the country (an M49 code such as 32, 152 or 484) is empty");
        }
        else if (!references.Countries.ContainsKey(country))
        {
            fail(draft.Country, $"'{draft.Country.Value}' is not an area of IAEG-SDGs:CL_AREA(1.0); give the country's M49 code (32 Argentina, 152 Chile, 484 Mexico)");
        }

        return country;
    }

    private static (List<int> Years, int? NextRound, long? SampleSize) CheckNumbers(OperationDraft draft, Action<DraftValue, string> fail)
    {
        var years = new List<int>();
        foreach (var part in draft.ReferenceYears.Parts)
        {
            if (Year(part) is { } year)
            {
                years.Add(year);
            }
            else
            {
                fail(draft.ReferenceYears, $"'{part}' is not a year; separate the years of past rounds with '{CatalogCsv.ListSeparator}' (2010;2022)");
            }
        }

        int? nextRound = null;
        if (!draft.NextRound.IsEmpty && (nextRound = Year(draft.NextRound.Value)) is null)
        {
            fail(draft.NextRound, $"'{draft.NextRound.Value}' is not a year");
        }

        long? sampleSize = null;
        if (!draft.SampleSize.IsEmpty)
        {
            if (long.TryParse(draft.SampleSize.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                sampleSize = size;
            }
            else
            {
                fail(draft.SampleSize, $"'{draft.SampleSize.Value}' is not a whole number of units (digits only)");
            }
        }

        return (years, nextRound, sampleSize);
    }

    private static (string? Codelist, IReadOnlyList<string> Codes) CheckAreas(OperationDraft draft, string country, CatalogReferences references, Action<DraftValue, string> fail)
    {
        string? codelist = null;
        AreaHierarchy? hierarchy = null;
        if (!draft.AreaCodelist.IsEmpty)
        {
            if (!TryCodelist(draft.AreaCodelist.Value, out codelist, out var error))
            {
                fail(draft.AreaCodelist, error!);
            }
            else if (!references.AreaCodelists.TryGetValue(codelist, out hierarchy))
            {
                fail(draft.AreaCodelist, $"the codelist {codelist} is not in the registry; import the country's area codelist first (mdgx structures import)");
            }
            else if (!hierarchy.Contains(country))
            {
                fail(draft.AreaCodelist, $"{codelist} has no code {country}: a country's area codelist holds the country's M49 code with its areas below it");
            }
        }

        var codes = draft.Areas.Parts.Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count > 0 && draft.AreaCodelist.IsEmpty)
        {
            fail(draft.Areas, "areas are given without area_codelist, the codelist they come from");
        }
        else if (hierarchy is not null)
        {
            foreach (var code in codes)
            {
                if (!hierarchy.Contains(code))
                {
                    fail(draft.Areas, $"'{code}' is not a code of {codelist}");
                }
                else if (hierarchy.Depth(code, country) is null)
                {
                    fail(draft.Areas, $"'{code}' does not lie below the country {country} in {codelist}");
                }
            }
        }

        return (codelist, codes);
    }

    private static List<OperationIndicator> CheckIndicators(OperationDraft draft, CatalogReferences references, Action<DraftValue, string> fail)
    {
        var indicators = new List<OperationIndicator>();
        var seen = new HashSet<(string, string?)>();
        foreach (var row in draft.Indicators)
        {
            var series = row.Series.IsEmpty ? null : row.Series.Value;
            IReadOnlyList<string>? measures = null;
            if (series is not null && !references.Series.TryGetValue(series, out measures))
            {
                fail(row.Series, $"'{series}' is not a series of IAEG-SDGs:CL_SERIES(1.0)");
            }

            var indicator = NormaliseIndicator(row.Indicator.Value);
            if (row.Indicator.IsEmpty)
            {
                if (measures is { Count: > 0 })
                {
                    indicator = measures[0];
                }
                else if (series is not null && measures is not null)
                {
                    fail(row.Indicator, $"the series {series} names no SDG indicator; give the indicator");
                }
            }
            else if (!references.Indicators.ContainsKey(indicator))
            {
                fail(row.Indicator, $"'{row.Indicator.Value}' is not an indicator of MDGX:CL_FRAMEWORK_SDG(1.0); give its official notation, such as 3.2.1");
                continue;
            }
            else if (measures is { Count: > 0 } && !measures.Contains(indicator, StringComparer.Ordinal))
            {
                fail(row.Series, $"the series {series} measures {string.Join(", ", measures)}, not {indicator}");
            }

            var disaggregations = new List<string>();
            foreach (var part in row.Disaggregations.Parts)
            {
                if (CatalogVocabulary.Find(CatalogVocabulary.Disaggregations, part) is { } term)
                {
                    disaggregations.Add(term.Code);
                }
                else
                {
                    fail(row.Disaggregations, $"'{part}' is not a disaggregation; use {Codes(CatalogVocabulary.Disaggregations)}, separated by '{CatalogCsv.ListSeparator}'");
                }
            }

            if (indicator.Length > 0 && !seen.Add((indicator, series)))
            {
                fail(row.Series.IsEmpty ? row.Indicator : row.Series, $"indicator {indicator}{(series is null ? "" : $", series {series},")} is given twice for operation {draft.Id.Value}");
            }

            indicators.Add(new OperationIndicator(indicator, series, CatalogVocabulary.Disaggregations.Select(d => d.Code).Where(disaggregations.Contains).ToList()));
        }

        return indicators;
    }

    private static string? Coded(DraftValue value, IReadOnlyList<CatalogTerm> vocabulary, string what, Action<DraftValue, string> fail)
    {
        if (CatalogVocabulary.Find(vocabulary, value.Value) is { } term)
        {
            return term.Code;
        }

        fail(value, value.IsEmpty ? $"the {what} is empty; use {Codes(vocabulary)}" : $"'{value.Value}' is not a known {what}; use {Codes(vocabulary)}");
        return null;
    }

    private static string Codes(IReadOnlyList<CatalogTerm> vocabulary) => string.Join(", ", vocabulary.Select(t => t.Code));

    private static int? Year(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= MinYear and <= MaxYear ? year : null;

    private static string? Optional(DraftValue value) => value.IsEmpty ? null : value.Value;

    private static bool TryCodelist(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? codelist, out string? error)
    {
        codelist = null;
        if (!ArtefactRef.TryParse(text, ArtefactType.Codelist, out var reference, out error) || reference.IsLatest)
        {
            error = $"'{text}' must name an exact version of a codelist, AGENCY:ID(VERSION)";
            return false;
        }

        codelist = reference.ToString();
        return true;
    }
}
