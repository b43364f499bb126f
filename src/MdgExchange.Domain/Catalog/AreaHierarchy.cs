namespace MdgExchange.Domain.Catalog;

/// <summary>
/// The areas of an area codelist by their parents: a country's code at the top, its regions below it, their
/// subdivisions and municipalities further down. The geographic level of an area is its depth under the country.
/// </summary>
public sealed class AreaHierarchy
{
    private readonly Dictionary<string, string?> _parents;

    public AreaHierarchy(string codelist, IEnumerable<(string Code, string? Parent)> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Codelist = codelist;
        _parents = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (code, parent) in codes)
        {
            _parents.TryAdd(code, parent);
        }
    }

    /// <summary>The codelist, <c>AGENCY:ID(VERSION)</c>.</summary>
    public string Codelist { get; }

    public bool Contains(string code) => _parents.ContainsKey(code);

    public IEnumerable<string> Codes => _parents.Keys;

    /// <summary>The area and its ancestors, nearest first (the walk stops at a cycle).</summary>
    public IEnumerable<string> SelfAndAncestors(string code)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (string? current = code; current is not null && seen.Add(current); current = _parents.GetValueOrDefault(current))
        {
            yield return current;
        }
    }

    /// <summary>How many steps below <paramref name="country"/> the area lies (0 for the country itself); null when it is not under it.</summary>
    public int? Depth(string area, string country)
    {
        var depth = 0;
        foreach (var code in SelfAndAncestors(area))
        {
            if (code == country)
            {
                return depth;
            }

            depth++;
        }

        return null;
    }

    /// <summary>The deepest level any area of the country reaches in this codelist.</summary>
    public GeographicLevel DeepestLevel(string country) =>
        CatalogVocabulary.LevelAtDepth(_parents.Keys.Select(c => Depth(c, country) ?? 0).DefaultIfEmpty(0).Max());
}

/// <summary>A name in English and, when known, in Spanish.</summary>
public sealed record BilingualName(string En, string? Es)
{
    public string In(string lang) => lang == "es" && !string.IsNullOrEmpty(Es) ? Es : En;
}

/// <summary>
/// What catalogue entries are checked against, read from the registry: the countries of the SDG area codelist,
/// the indicators of the SDG framework (by official notation), the SDG series with the indicators they measure,
/// and the area codelists the entries name.
/// </summary>
public sealed record CatalogReferences(
    IReadOnlyDictionary<string, BilingualName> Countries,
    IReadOnlyDictionary<string, BilingualName> Indicators,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Series,
    IReadOnlyDictionary<string, AreaHierarchy> AreaCodelists);
