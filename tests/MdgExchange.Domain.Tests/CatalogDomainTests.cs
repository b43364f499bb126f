using MdgExchange.Domain.Catalog;

namespace MdgExchange.Domain.Tests;

public sealed class CatalogDomainTests
{
    private static readonly AreaHierarchy Chile = new("MDGX:CL_AREA_CHL(1.0)",
    [
        ("152", null), ("CL_RM", "152"), ("CL_RM_STGO", "CL_RM"), ("CL_RM_STGO_13101", "CL_RM_STGO"), ("CL_RM_STGO_13101_X", "CL_RM_STGO_13101"), ("LOOP_A", "LOOP_B"), ("LOOP_B", "LOOP_A"),
    ]);

    private static readonly CatalogReferences References = new(
        new Dictionary<string, BilingualName> { ["32"] = new("Argentina", "Argentina"), ["152"] = new("Chile", null) },
        new Dictionary<string, BilingualName> { ["3.2.1"] = new("Under-5 mortality rate", null), ["8.5.2"] = new("Unemployment rate", null) },
        new Dictionary<string, IReadOnlyList<string>> { ["SH_DYN_MORT"] = ["3.2.1"], ["SL_TLF_UEM"] = ["8.5.2"] },
        new Dictionary<string, AreaHierarchy> { [Chile.Codelist] = Chile });

    [Fact]
    public void The_level_of_an_area_is_its_depth_under_the_country()
    {
        Chile.Depth("152", "152").Should().Be(0);
        Chile.Depth("CL_RM_STGO", "152").Should().Be(2);
        Chile.Depth("CL_RM", "32").Should().BeNull();
        Chile.Depth("LOOP_A", "152").Should().BeNull("a cycle in the parents ends the walk");
        CatalogVocabulary.LevelAtDepth(1).Should().Be(GeographicLevel.Region);
        CatalogVocabulary.LevelAtDepth(4).Should().Be(GeographicLevel.Municipality, "anything below a municipality counts as one");
        Chile.DeepestLevel("152").Should().Be(GeographicLevel.Municipality);
        CatalogQueries.Resolve("CL_RM_STGO", ["152", "32"], [Chile]).Should().BeEquivalentTo(new ResolvedArea("CL_RM_STGO", "152", GeographicLevel.SecondLevel, ["CL_RM_STGO", "CL_RM", "152"]));
        CatalogQueries.Resolve("XX", ["152"], [Chile]).Should().BeNull();
    }

    [Fact]
    public void Rows_of_one_operation_group_and_a_different_repeated_value_is_named()
    {
        var violations = new List<CatalogViolation>();
        IReadOnlyDictionary<string, string> Row(string id, string level, string indicator) =>
            new Dictionary<string, string> { ["operation_id"] = id, ["country"] = "152", ["producer"] = "INE_CL", ["type"] = "estimate", ["periodicity"] = "annual", ["level"] = level, ["indicator"] = indicator };

        var drafts = CatalogCsv.ToDrafts(CatalogCsv.RequiredColumns, [(2, Row("A", "national", "3.2.1")), (3, Row("A", "", "8.5.2")), (4, Row("B", "region", "")), (5, Row("A", "region", "3.2.1"))], violations);

        drafts.Select(d => (d.Id.Value, d.Indicators.Count)).Should().Equal(("A", 3), ("B", 0));
        violations.Should().ContainSingle().Which.Path.Should().Be("row[5].level");
    }

    [Fact]
    public void Validation_normalises_codes_and_takes_the_indicator_from_the_series()
    {
        var violations = new List<CatalogViolation>();
        DraftValue V(string text, string column) => new(text, $"row[2].{column}");
        var draft = new OperationDraft
        {
            Id = V("AR_EV", "operation_id"), NameEn = V("Vital statistics", "name_en"), NameEs = V("", "name_es"), Country = V("032", "country"),
            Producer = V("DEIS", "producer"), Type = V("Civil-Registration", "type"), Periodicity = V("annual", "periodicity"), ReferenceYears = V("2022; 2020", "reference_years"),
            NextRound = V("", "next_round"), Universe = V("", "universe"), Coverage = V("", "coverage"), SampleSize = V("", "sample_size"), Level = V("first-level", "level"),
            MethodologyUrl = V("", "methodology_url"), AreaCodelist = V("", "area_codelist"), Areas = V("", "areas"),
        };
        draft.Indicators.Add(new IndicatorDraft(V("", "indicator"), V("SH_DYN_MORT", "series"), V("geography;sex", "disaggregations")));

        var operation = CatalogValidator.Validate([draft], References, violations).Single();

        violations.Should().BeEmpty();
        operation.Should().BeEquivalentTo(new { Country = "32", Type = "civil-registration", Level = GeographicLevel.Region, ReferenceYears = new[] { 2020, 2022 } }, o => o.ExcludingMissingMembers());
        operation.Indicators.Should().ContainSingle().Which.Should().BeEquivalentTo(new OperationIndicator("3.2.1", "SH_DYN_MORT", ["sex", "geography"]));
        operation.NameIn("es").Should().Be("Vital statistics", "the other language stands in for a missing name");
    }

    [Fact]
    public void Gaps_are_indicators_without_a_source_and_those_with_national_sources_only()
    {
        StatisticalOperation Op(string id, GeographicLevel level, params string[] indicators) => new()
        {
            Id = id, NameEn = id, NameEs = id, Country = "152", Producer = "INE_CL", Type = "estimate", Periodicity = "annual", Level = level,
            Indicators = indicators.Select(i => new OperationIndicator(i, null, [])).ToList(),
        };

        var gaps = CatalogQueries.Gaps(["152", "32"], ["1.1.1", "3.2.1", "8.5.2"], [Op("A", GeographicLevel.National, "3.2.1", "8.5.2"), Op("B", GeographicLevel.Region, "8.5.2")]);

        gaps.Select(g => $"{g.Country} {g.Indicator} {g.Kind}").Should().Equal(
            "152 1.1.1 no-source", "152 3.2.1 no-subnational-source", "32 1.1.1 no-source", "32 3.2.1 no-source", "32 8.5.2 no-source");
        new[] { "10.1.1", "3.2.1", "3.a.1", "3.10.1", "17.19.2" }.Order(IndicatorNotation.Comparer).Should().Equal("3.2.1", "3.10.1", "3.a.1", "10.1.1", "17.19.2");
    }
}
