namespace MdgExchange.Domain.Discrepancies;

/// <summary>A national series code (or a national proxy) registered as the counterpart of a global series.</summary>
public sealed record SeriesMapping(string NationalSeries, string GlobalSeries, bool Proxy = false);

/// <summary>An observation with its key parts, ready to be paired.</summary>
public sealed record KeyedObservation(string Series, string Area, string Period, PairSide Side);

/// <summary>
/// Finds national/international pairs: the same series, area, period and breakdown, after the national series code
/// is mapped to its global counterpart and both areas are resolved through the aliases (M49, ISO alpha-2/3, national
/// codes). A value with no counterpart is a pair too, with one side missing.
/// </summary>
public static class PairFinder
{
    /// <summary>Breakdown values that mean "no breakdown" and are left out of the canonical key.</summary>
    private static readonly HashSet<string> Totals = new(StringComparer.Ordinal) { "_T", "_Z", "" };

    public static IReadOnlyList<ObservationPair> Find(
        IEnumerable<KeyedObservation> national,
        IEnumerable<KeyedObservation> international,
        IReadOnlyList<SeriesMapping> mappings,
        IReadOnlyDictionary<string, string> areaAliases)
    {
        ArgumentNullException.ThrowIfNull(national);
        ArgumentNullException.ThrowIfNull(international);
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(areaAliases);
        var toGlobal = mappings.GroupBy(m => m.NationalSeries, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().GlobalSeries, StringComparer.Ordinal);
        string Area(string code) => areaAliases.TryGetValue(code, out var m49) ? m49 : code;

        var pairs = new Dictionary<(string Series, string Area, string Period, string Breakdown), (PairSide? National, PairSide? International)>();
        foreach (var o in national)
        {
            var key = (toGlobal.GetValueOrDefault(o.Series, o.Series), Area(o.Area), o.Period, BreakdownKey(o.Side.Breakdown));
            pairs[key] = (o.Side, pairs.GetValueOrDefault(key).International);
        }

        foreach (var o in international)
        {
            var key = (o.Series, Area(o.Area), o.Period, BreakdownKey(o.Side.Breakdown));
            pairs[key] = (pairs.GetValueOrDefault(key).National, o.Side);
        }

        return pairs
            .OrderBy(p => p.Key.Series, StringComparer.Ordinal).ThenBy(p => p.Key.Area, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Period, StringComparer.Ordinal).ThenBy(p => p.Key.Breakdown, StringComparer.Ordinal)
            .Select(p => new ObservationPair(p.Key.Series, p.Key.Area, p.Key.Period, p.Value.National, p.Value.International))
            .ToList();
    }

    /// <summary>The breakdown as <c>AGE=Y0T4;SEX=F</c>: sorted by dimension, totals left out.</summary>
    public static string BreakdownKey(IReadOnlyDictionary<string, string> breakdown)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        return string.Join(';', breakdown.Where(b => !Totals.Contains(b.Value)).OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"{b.Key}={b.Value}"));
    }

    /// <summary>The pairs of the same series, area and period as <paramref name="pair"/> in other breakdowns.</summary>
    public static IReadOnlyList<ObservationPair> Siblings(ObservationPair pair, IReadOnlyList<ObservationPair> all)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(all);
        return all.Where(p => !ReferenceEquals(p, pair) && p.Series == pair.Series && p.Area == pair.Area && p.Period == pair.Period).ToList();
    }
}
