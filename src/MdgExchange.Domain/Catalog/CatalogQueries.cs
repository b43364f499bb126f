namespace MdgExchange.Domain.Catalog;

/// <summary>What a catalogue query asks; null means any.</summary>
/// <param name="Country">M49 code.</param>
/// <param name="Indicator">Official notation (3.2.1) or a series code (SH_DYN_MORT).</param>
/// <param name="Level">Operations whose lowest level is at or below this one.</param>
/// <param name="Type">A code of <see cref="CatalogVocabulary.OperationTypes"/>.</param>
/// <param name="Area">An area the operations must cover (the whole country, or the area or one above it listed).</param>
public sealed record CatalogFilter(string? Country = null, string? Indicator = null, GeographicLevel? Level = null, string? Type = null, ResolvedArea? Area = null);

/// <summary>An area code placed in its country's hierarchy: its country, its level, and itself with the areas above it.</summary>
public sealed record ResolvedArea(string Code, string Country, GeographicLevel Level, IReadOnlyList<string> SelfAndAncestors);

/// <summary>An SDG indicator a country has no source for, or no subnational source for.</summary>
public sealed record IndicatorGap(string Country, string Indicator, string Kind)
{
    public const string NoSource = "no-source";
    public const string NoSubnationalSource = "no-subnational-source";
}

/// <summary>The catalogue's questions, answered over a loaded catalogue (a few thousand operations at most).</summary>
public static class CatalogQueries
{
    public static bool Matches(StatisticalOperation operation, CatalogFilter filter)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(filter);
        return (filter.Country is null || operation.Country == filter.Country)
            && (filter.Indicator is null || operation.Produces(filter.Indicator))
            && (filter.Level is not { } level || operation.Level >= level)
            && (filter.Type is null || operation.Type == filter.Type)
            && (filter.Area is not { } area || Covers(operation, area));
    }

    /// <summary>The operation is of the area's country, reaches the area's level, and covers the area (no areas listed: the whole country).</summary>
    public static bool Covers(StatisticalOperation operation, ResolvedArea area)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(area);
        return operation.Country == area.Country
            && operation.Level >= area.Level
            && (operation.Areas.Count == 0 || area.SelfAndAncestors.Any(a => operation.Areas.Contains(a, StringComparer.Ordinal)));
    }

    /// <summary>
    /// Places an area code: a country of the catalogue is itself at the national level; otherwise the first
    /// hierarchy holding the code below one of <paramref name="countries"/> gives its depth.
    /// </summary>
    public static ResolvedArea? Resolve(string code, IEnumerable<string> countries, IEnumerable<AreaHierarchy> hierarchies)
    {
        var known = countries.ToHashSet(StringComparer.Ordinal);
        if (known.Contains(code))
        {
            return new ResolvedArea(code, code, GeographicLevel.National, [code]);
        }

        foreach (var hierarchy in hierarchies.Where(h => h.Contains(code)))
        {
            var chain = hierarchy.SelfAndAncestors(code).ToList();
            var country = chain.FirstOrDefault(known.Contains);
            if (country is not null)
            {
                return new ResolvedArea(code, country, CatalogVocabulary.LevelAtDepth(chain.IndexOf(country)), chain);
            }
        }

        return null;
    }

    /// <summary>
    /// For each country, the indicators of the framework (official notations, in framework order) that no operation
    /// of the country produces, and those that only national-level operations produce.
    /// </summary>
    public static IReadOnlyList<IndicatorGap> Gaps(IEnumerable<string> countries, IReadOnlyList<string> frameworkIndicators, IReadOnlyList<StatisticalOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(frameworkIndicators);
        ArgumentNullException.ThrowIfNull(operations);
        var gaps = new List<IndicatorGap>();
        foreach (var country in countries)
        {
            var deepest = new Dictionary<string, GeographicLevel>(StringComparer.Ordinal);
            foreach (var operation in operations.Where(o => o.Country == country))
            {
                foreach (var indicator in operation.Indicators.Select(i => i.Indicator).Distinct(StringComparer.Ordinal))
                {
                    deepest[indicator] = deepest.TryGetValue(indicator, out var level) && level > operation.Level ? level : operation.Level;
                }
            }

            foreach (var indicator in frameworkIndicators)
            {
                if (!deepest.TryGetValue(indicator, out var level))
                {
                    gaps.Add(new IndicatorGap(country, indicator, IndicatorGap.NoSource));
                }
                else if (level == GeographicLevel.National)
                {
                    gaps.Add(new IndicatorGap(country, indicator, IndicatorGap.NoSubnationalSource));
                }
            }
        }

        return gaps;
    }
}
