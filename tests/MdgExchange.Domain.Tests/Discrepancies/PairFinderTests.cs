using MdgExchange.Domain.Discrepancies;

namespace MdgExchange.Domain.Tests.Discrepancies;

public sealed class PairFinderTests
{
    private static KeyedObservation Obs(string organisation, string series, string area, string period, double value, params (string, string)[] breakdown) =>
        new(series, area, period, new PairSide(organisation, value, new Dictionary<string, string> { ["NATURE"] = "C" }, breakdown.ToDictionary(b => b.Item1, b => b.Item2), DateTimeOffset.UnixEpoch, Guid.NewGuid()));

    [Fact]
    public void Pairs_are_found_through_series_mappings_and_area_aliases_and_one_sided_values_are_pairs_too()
    {
        KeyedObservation[] national =
        [
            Obs("INDEC", "AR_MORT_5", "ARG", "2019", 9.7, ("SEX", "_T")),      // national code and ISO alpha-3
            Obs("INDEC", "SH_DYN_MORT", "32", "2019", 8.1, ("SEX", "F")),
            Obs("INDEC", "SH_DYN_MORT", "32", "2020", 8.8, ("SEX", "_T")),      // no international value
        ];
        KeyedObservation[] international =
        [
            Obs("UNICEF", "SH_DYN_MORT", "32", "2019", 9.3),
            Obs("UNICEF", "SH_DYN_MORT", "AR", "2019", 8.2, ("SEX", "F")),       // ISO alpha-2
            Obs("UNICEF", "SH_DYN_MORT", "32", "2018", 9.9),                     // no national value
        ];

        var pairs = PairFinder.Find(national, international, [new SeriesMapping("AR_MORT_5", "SH_DYN_MORT")], new Dictionary<string, string> { ["ARG"] = "32", ["AR"] = "32" });

        pairs.Select(p => (p.Series, p.Area, p.Period, PairFinder.BreakdownKey(p.National?.Breakdown ?? p.International!.Breakdown), p.National?.Value, p.International?.Value)).Should().Equal(
            ("SH_DYN_MORT", "32", "2018", "", null, 9.9),
            ("SH_DYN_MORT", "32", "2019", "", 9.7, 9.3),
            ("SH_DYN_MORT", "32", "2019", "SEX=F", 8.1, 8.2),
            ("SH_DYN_MORT", "32", "2020", "", 8.8, null));
        pairs[1].Difference.Should().BeApproximately(-0.4, 1e-9);
        pairs[1].RelativeDifference.Should().BeApproximately(-0.4 / 9.7, 1e-9);
        PairFinder.Siblings(pairs[1], pairs).Select(p => p.Period).Should().Equal("2019");
    }

    [Fact]
    public void The_breakdown_key_is_sorted_and_leaves_totals_out() =>
        PairFinder.BreakdownKey(new Dictionary<string, string> { ["URBANISATION"] = "U", ["AGE"] = "_T", ["SEX"] = "F", ["INCOME_WEALTH_QUANTILE"] = "_Z" }).Should().Be("SEX=F;URBANISATION=U");
}
