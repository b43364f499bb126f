using System.Globalization;
using System.Text.RegularExpressions;

namespace MdgExchange.Domain.Discrepancies;

/// <summary>
/// Proposes the typology codes of DESIGN §4 for a national/international pair, each with its evidence. A pair whose
/// values agree within the tolerance has no discrepancy and gets no code; a pair with one side gets NAV or GLB; the
/// others get every code the attributes, metadata, lineage and annotations support (several at once are usual:
/// an estimate on another source, rounded).
/// </summary>
public static partial class DiscrepancyClassifier
{
    private static readonly (string Dimension, string A, string B)[] Swappable =
    [
        ("URBANISATION", "U", "R"),
        ("SEX", "F", "M"),
    ];

    public static IReadOnlyList<TypologyEvidence> Classify(ObservationPair pair, PairContext context, Tolerance tolerance)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tolerance);
        var codes = new List<TypologyEvidence>();
        var (national, international) = (pair.National, pair.International);
        if (international is null)
        {
            return codes; // a national figure the agencies have not published: no international figure to explain
        }

        Nature(international, codes);
        if (national?.Value is null)
        {
            if (context.NationalTransfersToAgency == 0 && international.Attribute("NATURE") != "G")
            {
                codes.Add(new("NAV", "no national transfer of the series reached the agency", [$"no national value for {pair.Series} {pair.Area} {pair.Period}", $"{international.Organisation} received no national transfer of {pair.Series} for {pair.Area}"]));
            }

            return codes;
        }

        if (international.Value is not { } g || national.Value is not { } n)
        {
            return codes;
        }

        if (tolerance.Within(n, g))
        {
            return []; // the same figure: nothing to explain
        }

        Units(national, international, n, g, codes);
        Rounding(n, g, codes);
        Reference(national, international, codes);
        Breakdowns(pair, context, tolerance, n, g, codes);
        Sources(national, international, codes);
        Metadata(context, codes);
        Vintage(national, international, context, g, tolerance, codes);
        if (!context.Consulted)
        {
            codes.Add(new("CRD", "the international value was published with no consultation annotation on the national series", [$"{international.Organisation} published {Format(g)}; no question or answer annotation on the national series"]));
        }

        return codes.GroupBy(c => c.Code).Select(g2 => new TypologyEvidence(g2.Key, g2.First().Rule, g2.SelectMany(c => c.Facts).Distinct().ToList())).ToList();
    }

    private static void Nature(PairSide international, List<TypologyEvidence> codes)
    {
        switch (international.Attribute("NATURE"))
        {
            case "CA":
                codes.Add(new("ADJ", "international NATURE=CA (country adjusted)", ["international NATURE=CA"]));
                break;
            case "E":
                codes.Add(new("EST", "international NATURE=E (estimated)", ["international NATURE=E"]));
                break;
            case "M":
                codes.Add(new("MOD", "international NATURE=M (modelled)", ["international NATURE=M"]));
                break;
            case "G":
                codes.Add(new("GLB", "international NATURE=G (global monitoring data)", ["international NATURE=G"]));
                break;
        }

        if (international.Attribute("OBS_STATUS") is "I" or "E")
        {
            codes.Add(new("EST", "international OBS_STATUS imputed or estimated", [$"international OBS_STATUS={international.Attribute("OBS_STATUS")}"]));
        }
    }

    /// <summary>UNIT_MEASURE or UNIT_MULT differ, or one value is the other times a power of ten (percent vs per 1,000, thousands vs units).</summary>
    private static void Units(PairSide national, PairSide international, double n, double g, List<TypologyEvidence> codes)
    {
        foreach (var attribute in new[] { "UNIT_MEASURE", "UNIT_MULT" })
        {
            var (a, b) = (national.Attribute(attribute), international.Attribute(attribute));
            if (a is not null && b is not null && a != b)
            {
                codes.Add(new("UNT", $"{attribute} differs", [$"national {attribute}={a}", $"international {attribute}={b}"]));
            }
        }

        if (n != 0 && g != 0)
        {
            var exponent = Math.Log10(Math.Abs(g / n));
            var nearest = Math.Round(exponent);
            if (nearest != 0 && Math.Abs(exponent - nearest) < 0.02)
            {
                codes.Add(new("UNT", "the ratio of the values is near a power of ten", [$"international/national = {Computed(g / n)} ≈ 10^{nearest.ToString(CultureInfo.InvariantCulture)}"]));
            }
        }
    }

    /// <summary>The difference is within the rounding of the less precise value (half a unit of its last decimal).</summary>
    private static void Rounding(double n, double g, List<TypologyEvidence> codes)
    {
        var decimals = Math.Min(Decimals(n), Decimals(g));
        var halfUnit = 0.5 * Math.Pow(10, -decimals);
        if (Math.Abs(g - n) <= halfUnit + 1e-9)
        {
            codes.Add(new("RND", "the difference is within the rounding of the less precise value", [$"|{Format(g)} − {Format(n)}| ≤ {Computed(halfUnit)} (half a unit of {decimals} decimal(s))"]));
        }
    }

    private static void Reference(PairSide national, PairSide international, List<TypologyEvidence> codes)
    {
        foreach (var attribute in new[] { "TIME_DETAIL", "TIME_COVERAGE" })
        {
            var (a, b) = (national.Attribute(attribute), international.Attribute(attribute));
            if ((a ?? b) is not null && a != b)
            {
                codes.Add(new("REF", $"{attribute} differs", [$"national {attribute}={a ?? "(none)"}", $"international {attribute}={b ?? "(none)"}"]));
            }
        }
    }

    /// <summary>
    /// Swapped categories (the national urban value is the international rural one and the other way round): ERR,
    /// and DIS; breakdown codes that differ between the sides of a mapped pair: DIS.
    /// </summary>
    private static void Breakdowns(ObservationPair pair, PairContext context, Tolerance tolerance, double n, double g, List<TypologyEvidence> codes)
    {
        var (national, international) = (pair.National!, pair.International!);
        foreach (var dimension in national.Breakdown.Keys.Union(international.Breakdown.Keys))
        {
            var (a, b) = (national.Breakdown.GetValueOrDefault(dimension), international.Breakdown.GetValueOrDefault(dimension));
            if (a != b)
            {
                codes.Add(new("DIS", $"the {dimension} breakdown differs", [$"national {dimension}={a ?? "(none)"}", $"international {dimension}={b ?? "(none)"}"]));
            }
        }

        foreach (var (dimension, first, second) in Swappable)
        {
            var mine = national.Breakdown.GetValueOrDefault(dimension);
            if (mine != first && mine != second)
            {
                continue;
            }

            var other = mine == first ? second : first;
            var sibling = context.Siblings.FirstOrDefault(s => s.National?.Breakdown.GetValueOrDefault(dimension) == other && s.National.Value is not null && s.International?.Value is not null);
            if (sibling is not null && tolerance.Within(n, sibling.International!.Value!.Value) && tolerance.Within(sibling.National!.Value!.Value, g))
            {
                var facts = new[]
                {
                    $"national {dimension}={mine} {Format(n)} = international {dimension}={other} {Format(sibling.International.Value.Value)}",
                    $"national {dimension}={other} {Format(sibling.National.Value.Value)} = international {dimension}={mine} {Format(g)}",
                };
                codes.Add(new("ERR", $"the {dimension} categories are swapped", facts));
                codes.Add(new("DIS", $"the {dimension} categories are swapped", facts));
            }
        }
    }

    private static void Sources(PairSide national, PairSide international, List<TypologyEvidence> codes)
    {
        var (a, b) = (national.Attribute("SOURCE_DETAIL"), international.Attribute("SOURCE_DETAIL"));
        if (a is not null && b is not null && !string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            codes.Add(new("SRC", "SOURCE_DETAIL differs", [$"national SOURCE_DETAIL={a}", $"international SOURCE_DETAIL={b}"]));
        }
        else if (national.Attribute("NATURE") is "C" or null && international.Attribute("NATURE") == "C")
        {
            codes.Add(new("SRC", "both sides claim country data and still differ", ["international NATURE=C", $"national NATURE={national.Attribute("NATURE") ?? "(none)"}"]));
        }
    }

    private static void Metadata(PairContext context, List<TypologyEvidence> codes)
    {
        if (context.DifferingMetadataConcepts.Contains("STAT_CONC_DEF"))
        {
            codes.Add(new("DEF", "the metadata definitions differ", ["metadata STAT_CONC_DEF differs between the national and international reports"]));
        }

        if (context.NationalProxy)
        {
            codes.Add(new("DEF", "the national series is a proxy of the global one", ["a series-code mapping marks the national series as a proxy"]));
        }

        if (context.DifferingMetadataConcepts.Contains("DATA_COMP"))
        {
            codes.Add(new("MTH", "the metadata computation methods differ", ["metadata DATA_COMP differs between the national and international reports"]));
        }

        foreach (var text in context.Explanations.Where(t => Denominator().IsMatch(t)))
        {
            codes.Add(new("DEN", "an explanation names the denominator or population estimates", [$"annotation: {text}"]));
        }
    }

    /// <summary>The national value changed after the agency last pulled it, or the agency's value is an older national vintage.</summary>
    private static void Vintage(PairSide national, PairSide international, PairContext context, double g, Tolerance tolerance, List<TypologyEvidence> codes)
    {
        if (context.NationalValueAtInternationalPush is { } before && !tolerance.Within(before, national.Value ?? before))
        {
            codes.Add(new("VIN", "the national value was revised after the international value was pushed and the agency has not pulled it since", [
                $"international value pushed {international.ValidFrom:u} (transfer {international.TransferId})",
                $"national value revised {national.ValidFrom:u} (was {Format(before)}, now {Format(national.Value ?? before)}; transfer {national.TransferId})",
                context.AgencyLastPull is { } last ? $"agency last pulled {last:u}" : "agency never pulled",
            ]));
        }

        if (context.AgencyLastPull is { } pulled && national.ValidFrom > pulled)
        {
            codes.Add(new("VIN", "the national value changed after the agency's last pull", [$"national value valid from {national.ValidFrom:u}", $"agency last pulled {pulled:u}"]));
        }

        if (context.NationalVintages.FirstOrDefault(v => tolerance.Within(v, g)) is var older && context.NationalVintages.Any(v => tolerance.Within(v, g)))
        {
            codes.Add(new("VIN", "the international value is an older national vintage", [$"international {Format(g)} = earlier national value {Format(older)}"]));
        }
    }

    /// <summary>Decimals of the shortest text that round-trips the value (9.4 → 1, 19 → 0).</summary>
    public static int Decimals(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        return point < 0 ? 0 : text.Length - point - 1;
    }

    /// <summary>A value as it was sent: the shortest text that reads back as the same number.</summary>
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A number the rule computed (a ratio, a half unit), to six decimals.</summary>
    private static string Computed(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"denominat|denominador|population estimate|estimaciones? de poblaci[oó]n|proyecciones? de poblaci[oó]n", RegexOptions.IgnoreCase)]
    private static partial Regex Denominator();
}
