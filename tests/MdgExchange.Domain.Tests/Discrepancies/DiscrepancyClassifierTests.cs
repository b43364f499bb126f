using System.Globalization;
using MdgExchange.Domain.Discrepancies;

namespace MdgExchange.Domain.Tests.Discrepancies;

/// <summary>
/// The automatic typology on international values from the real LAC extract of the UN Global SDG Database
/// (<c>datasets/global/lac_sdg_global_db_2020_subset.csv</c>) against national counterparts written so that each
/// code appears for a reason the test states; every code is asserted with its evidence.
/// </summary>
public sealed class DiscrepancyClassifierTests
{
    private static readonly Lazy<List<string[]>> Lac = new(() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "datasets", "global", "lac_sdg_global_db_2020_subset.csv")).Skip(1).Select(l => l.Split(',')).ToList());

    private static readonly DateTimeOffset Pushed = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The real international value: series, M49, year, sex (bothsex, female, male) and location (urban, rural, allarea or empty).</summary>
    private static (double Value, string Nature, string Units) Real(string series, string area, string year, string sex = "", string location = "")
    {
        var row = Lac.Value.Single(r => r[0] == series && r[1] == area && r[3] == year && (sex.Length == 0 || r[7] == sex) && (location.Length == 0 || r[9] == location));
        return (double.Parse(row[4], CultureInfo.InvariantCulture), row[5], row[6]);
    }

    private static PairSide Side(string organisation, double? value, string nature, (string, string)[]? attributes = null, (string, string)[]? breakdown = null, DateTimeOffset? validFrom = null)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal) { ["NATURE"] = nature };
        foreach (var (id, text) in attributes ?? [])
        {
            all[id] = text;
        }

        return new PairSide(organisation, value, all, (breakdown ?? []).ToDictionary(b => b.Item1, b => b.Item2), validFrom ?? Pushed, Guid.NewGuid());
    }

    private static IReadOnlyList<TypologyEvidence> Classify(ObservationPair pair, PairContext? context = null, Tolerance? tolerance = null) =>
        DiscrepancyClassifier.Classify(pair, context ?? new PairContext { Consulted = true, NationalTransfersToAgency = 1 }, tolerance ?? new Tolerance());

    private static string[] Codes(IReadOnlyList<TypologyEvidence> evidence) => evidence.Select(e => e.Code).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_agencys_nature_codes_give_ADJ_EST_MOD_with_the_attribute_as_evidence()
    {
        var (estimate, nature, _) = Real("SH_DYN_MORT", "32", "2019", "bothsex");
        nature.Should().Be("E", "UNICEF's under-five mortality for Argentina is an IGME estimate");
        var (adjusted, caNature, _) = Real("SI_POV_NAHC", "32", "2016", location: "allarea");
        caNature.Should().Be("CA");

        var est = Classify(new ObservationPair("SH_DYN_MORT", "32", "2019", Side("INDEC", 9.7, "C"), Side("UNICEF", estimate, nature)));
        var adj = Classify(new ObservationPair("SI_POV_NAHC", "32", "2016", Side("INDEC", 32.2, "C"), Side("WB", adjusted, caNature)));
        var mod = Classify(new ObservationPair("SH_DYN_MORT", "32", "2019", Side("INDEC", 9.7, "C"), Side("UNICEF", estimate, "M")));
        var imputed = Classify(new ObservationPair("SH_DYN_MORT", "32", "2019", Side("INDEC", 9.7, "C"), Side("UNICEF", estimate, "C", [("OBS_STATUS", "I")])));

        Codes(est).Should().Equal("EST");
        est.Single().Facts.Should().Equal("international NATURE=E");
        Codes(adj).Should().Equal("ADJ");
        Codes(mod).Should().Equal("MOD");
        imputed.Should().Contain(e => e.Code == "EST" && e.Facts.Contains("international OBS_STATUS=I"));
    }

    [Fact]
    public void Values_within_the_tolerance_are_the_same_figure_and_get_no_code()
    {
        var (value, nature, _) = Real("SH_DYN_MORT", "32", "2019", "bothsex");

        Classify(new ObservationPair("SH_DYN_MORT", "32", "2019", Side("INDEC", value + 0.2, "C"), Side("UNICEF", value, nature)), tolerance: new Tolerance(Absolute: 0.5)).Should().BeEmpty();
        Classify(new ObservationPair("SH_DYN_MORT", "32", "2019", Side("INDEC", value * 1.04, "C"), Side("UNICEF", value, nature)), tolerance: new Tolerance(Relative: 0.05)).Should().BeEmpty();
        Classify(new ObservationPair("SH_DYN_MORT", "32", "2019", Side("INDEC", value * 1.06, "C"), Side("UNICEF", value, nature)), tolerance: new Tolerance(Relative: 0.05)).Should().NotBeEmpty();
    }

    [Theory]
    [InlineData(9.25, true)]   // 9.3 published with one decimal: 9.25 rounds to it
    [InlineData(9.34, true)]
    [InlineData(9.36, false)]  // beyond half a unit of the last decimal
    [InlineData(9.2, false)]   // both to one decimal and different: not rounding
    public void RND_when_the_difference_is_within_the_rounding_of_the_less_precise_value(double national, bool rounding)
    {
        var (value, nature, _) = Real("SH_DYN_MORT", "32", "2019", "bothsex");
        value.Should().Be(9.3);

        var evidence = Classify(new ObservationPair("SH_DYN_MORT", "32", "2019", Side("INDEC", national, "C"), Side("UNICEF", value, nature)));

        evidence.Any(e => e.Code == "RND").Should().Be(rounding);
        if (rounding)
        {
            evidence.Single(e => e.Code == "RND").Facts.Single().Should().Contain("≤ 0.05").And.Contain("1 decimal");
        }
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    public void UNT_when_one_value_is_the_other_times_a_power_of_ten(double factor)
    {
        var (value, nature, _) = Real("SH_H2O_SAFE", "76", "2005", location: "urban");

        var evidence = Classify(new ObservationPair("SH_H2O_SAFE", "76", "2005", Side("IBGE", value / factor, "C"), Side("WHO", value, nature)));

        evidence.Should().Contain(e => e.Code == "UNT" && e.Facts.Single().Contains($"≈ 10^{Math.Log10(factor)}", StringComparison.Ordinal));
    }

    [Fact]
    public void UNT_and_REF_name_the_attributes_that_differ()
    {
        var (value, nature, units) = Real("SH_STA_BRTC", "32", "1995");

        var evidence = Classify(new ObservationPair("SH_STA_BRTC", "32", "1995",
            Side("INDEC", 97.1, "C", [("UNIT_MEASURE", "PT"), ("TIME_DETAIL", "1994-1995")]),
            Side("WHO", value, nature, [("UNIT_MEASURE", units.ToUpperInvariant()), ("TIME_DETAIL", "1995")])));

        evidence.Single(e => e.Code == "UNT").Facts.Should().Equal("national UNIT_MEASURE=PT", "international UNIT_MEASURE=PERCENT");
        evidence.Single(e => e.Code == "REF").Facts.Should().Equal("national TIME_DETAIL=1994-1995", "international TIME_DETAIL=1995");
    }

    [Fact]
    public void Swapped_female_and_male_values_are_ERR_and_DIS()
    {
        var female = Real("SH_DYN_MORT", "32", "2019", "female");
        var male = Real("SH_DYN_MORT", "32", "2019", "male");
        // The national file put the male rate under F and the female rate under M.
        var femalePair = new ObservationPair("SH_DYN_MORT", "32", "2019", Side("INDEC", male.Value, "C", breakdown: [("SEX", "F")]), Side("UNICEF", female.Value, female.Nature, breakdown: [("SEX", "F")]));
        var malePair = new ObservationPair("SH_DYN_MORT", "32", "2019", Side("INDEC", female.Value, "C", breakdown: [("SEX", "M")]), Side("UNICEF", male.Value, male.Nature, breakdown: [("SEX", "M")]));

        var evidence = Classify(femalePair, new PairContext { Siblings = [malePair], Consulted = true, NationalTransfersToAgency = 1 });

        Codes(evidence).Should().Equal("DIS", "ERR", "EST");
        evidence.Single(e => e.Code == "ERR").Facts.Should().Equal("national SEX=F 10.3 = international SEX=M 10.3", "national SEX=M 8.2 = international SEX=F 8.2");
    }

    [Fact]
    public void Swapped_urban_and_rural_values_are_ERR_and_DIS()
    {
        var urban = Real("SH_H2O_SAFE", "170", "2015", location: "urban");
        var rural = Real("SH_H2O_SAFE", "170", "2015", location: "rural");
        // A national file that put Colombia's rural coverage under U and the urban one under R.
        var urbanPair = new ObservationPair("SH_H2O_SAFE", "170", "2015", Side("DANE", rural.Value, "C", breakdown: [("URBANISATION", "U")]), Side("WHO", urban.Value, urban.Nature, breakdown: [("URBANISATION", "U")]));
        var ruralPair = new ObservationPair("SH_H2O_SAFE", "170", "2015", Side("DANE", urban.Value, "C", breakdown: [("URBANISATION", "R")]), Side("WHO", rural.Value, rural.Nature, breakdown: [("URBANISATION", "R")]));

        var evidence = Classify(ruralPair, new PairContext { Siblings = [urbanPair], Consulted = true, NationalTransfersToAgency = 1 });

        evidence.Select(e => e.Code).Should().Contain(["ERR", "DIS"]);
        evidence.Single(e => e.Code == "ERR").Rule.Should().Be("the URBANISATION categories are swapped");
        evidence.Single(e => e.Code == "ERR").Facts[0].Should().StartWith("national URBANISATION=R");
    }

    [Fact]
    public void SRC_when_the_source_differs_or_both_sides_claim_country_data()
    {
        var (value, nature, _) = Real("SH_STA_BRTC", "32", "1995");
        nature.Should().Be("C");

        var sources = Classify(new ObservationPair("SH_STA_BRTC", "32", "1995", Side("MSAL", 99.0, "C", [("SOURCE_DETAIL", "DEIS 1995")]), Side("WHO", value, nature, [("SOURCE_DETAIL", "EPH 1995")])));
        var countryData = Classify(new ObservationPair("SH_STA_BRTC", "32", "1995", Side("MSAL", 99.0, "C"), Side("WHO", value, nature)));

        sources.Single(e => e.Code == "SRC").Facts.Should().Equal("national SOURCE_DETAIL=DEIS 1995", "international SOURCE_DETAIL=EPH 1995");
        countryData.Single(e => e.Code == "SRC").Rule.Should().Be("both sides claim country data and still differ");
    }

    [Fact]
    public void DEF_MTH_and_DEN_come_from_the_metadata_and_the_explanations()
    {
        var (value, nature, _) = Real("SI_POV_NAHC", "32", "2016", location: "allarea");
        var context = new PairContext
        {
            DifferingMetadataConcepts = new HashSet<string> { "STAT_CONC_DEF", "DATA_COMP" },
            Explanations = ["La agencia usa las proyecciones de población de la ONU (WPP) como denominador"],
            Consulted = true,
            NationalTransfersToAgency = 1,
        };

        var evidence = Classify(new ObservationPair("SI_POV_NAHC", "32", "2016", Side("INDEC", 32.2, "C"), Side("WB", value, nature)), context);

        Codes(evidence).Should().Equal("ADJ", "DEF", "DEN", "MTH");
        evidence.Single(e => e.Code == "DEN").Facts.Single().Should().Contain("proyecciones de población");
    }

    [Fact]
    public void VIN_when_the_national_value_changed_after_the_last_pull_or_the_agency_used_an_older_vintage()
    {
        var (value, nature, _) = Real("SH_DYN_MORT", "32", "2019", "bothsex");
        var revised = Side("INDEC", 9.7, "C", validFrom: Pushed.AddDays(20));

        var after = Classify(new ObservationPair("SH_DYN_MORT", "32", "2019", revised, Side("UNICEF", value, nature)), new PairContext { AgencyLastPull = Pushed.AddDays(5), Consulted = true, NationalTransfersToAgency = 2 });
        var older = Classify(new ObservationPair("SH_DYN_MORT", "32", "2019", revised, Side("UNICEF", value, nature)), new PairContext { NationalVintages = [9.3, 9.9], AgencyLastPull = Pushed.AddDays(30), Consulted = true, NationalTransfersToAgency = 2 });

        after.Single(e => e.Code == "VIN").Facts.Should().HaveCount(2).And.Contain(f => f.StartsWith("agency last pulled", StringComparison.Ordinal));
        older.Single(e => e.Code == "VIN").Facts.Should().Equal("international 9.3 = earlier national value 9.3");
    }

    [Fact]
    public void One_sided_pairs_are_NAV_or_GLB_and_an_unconsulted_publication_is_CRD()
    {
        var (value, nature, _) = Real("SH_DYN_MORT", "32", "2019", "bothsex");

        var nav = Classify(new ObservationPair("SH_DYN_MORT", "32", "2019", null, Side("UNICEF", value, nature)), new PairContext { NationalTransfersToAgency = 0 });
        var reported = Classify(new ObservationPair("SH_DYN_MORT", "32", "2019", null, Side("UNICEF", value, nature)), new PairContext { NationalTransfersToAgency = 3 });
        var glb = Classify(new ObservationPair("SH_DYN_MORT", "32", "2019", null, Side("UNICEF", value, "G")), new PairContext());
        var crd = Classify(new ObservationPair("SH_DYN_MORT", "32", "2019", Side("INDEC", 9.7, "C"), Side("UNICEF", value, nature)), new PairContext { Consulted = false, NationalTransfersToAgency = 1 });

        Codes(nav).Should().Equal("EST", "NAV");
        nav.Single(e => e.Code == "NAV").Facts.Should().Contain("UNICEF received no national transfer of SH_DYN_MORT for 32");
        Codes(reported).Should().Equal("EST");
        Codes(glb).Should().Equal("GLB");
        crd.Single(e => e.Code == "CRD").Facts.Single().Should().Contain("no question or answer annotation");
        Classify(new ObservationPair("SH_DYN_MORT", "32", "2019", Side("INDEC", 9.7, "C"), null)).Should().BeEmpty("a national figure alone has nothing international to explain");
    }

    [Theory]
    [InlineData(9.4, 1)]
    [InlineData(19, 0)]
    [InlineData(91.53091, 5)]
    public void Decimals_are_those_of_the_shortest_text_of_the_value(double value, int decimals) =>
        DiscrepancyClassifier.Decimals(value).Should().Be(decimals);
}
