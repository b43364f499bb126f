using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Tests;

public sealed class DataValidationTests
{
    private static readonly ArtefactRef Scheme = new(ArtefactType.ConceptScheme, "TEST", "CS", "1.0");
    private static readonly ArtefactRef FreqList = new(ArtefactType.Codelist, "TEST", "CL_FREQ", "1.0");
    private static readonly ArtefactRef AreaList = new(ArtefactType.Codelist, "TEST", "CL_AREA", "1.0");
    private static readonly ArtefactRef StatusList = new(ArtefactType.Codelist, "TEST", "CL_STATUS", "1.0");

    private static DataflowSchema Schema(params ContentConstraint[] constraints)
    {
        Dimension Dim(string id, int position, ArtefactRef list) => new()
        {
            Id = id, Position = position, ConceptIdentity = new ItemRef(Scheme, id),
            LocalRepresentation = new Representation { Enumeration = list },
        };
        var dsd = new DataStructureDefinition
        {
            AgencyId = "TEST", Id = "DSD", Version = "1.0",
            Dimensions = [Dim("FREQ", 1, FreqList), Dim("REF_AREA", 2, AreaList)],
            TimeDimension = new TimeDimension { Id = "TIME_PERIOD", Position = 3, ConceptIdentity = new ItemRef(Scheme, "TIME_PERIOD") },
            PrimaryMeasure = new PrimaryMeasure { Id = "OBS_VALUE", ConceptIdentity = new ItemRef(Scheme, "OBS_VALUE") },
            Attributes =
            [
                new DataAttribute
                {
                    Id = "OBS_STATUS", AssignmentStatus = UsageStatus.Mandatory, ConceptIdentity = new ItemRef(Scheme, "OBS_STATUS"),
                    LocalRepresentation = new Representation { Enumeration = StatusList },
                    Relationship = new AttributeRelationship { PrimaryMeasure = "OBS_VALUE" },
                },
                new DataAttribute
                {
                    Id = "COMMENT_TS", AssignmentStatus = UsageStatus.Conditional, ConceptIdentity = new ItemRef(Scheme, "COMMENT_TS"),
                    Relationship = new AttributeRelationship { Dimensions = ["FREQ", "REF_AREA"] },
                },
            ],
        };
        var codes = new Dictionary<ArtefactRef, IReadOnlySet<string>>
        {
            [FreqList] = new HashSet<string> { "A", "Q", "M" },
            [AreaList] = new HashSet<string> { "032", "076", "484" },
            [StatusList] = new HashSet<string> { "A", "E", "I" },
        };
        return DataflowSchema.Create(new ArtefactRef(ArtefactType.Dataflow, "TEST", "DF", "1.0"), dsd, r => codes.GetValueOrDefault(r), constraints);
    }

    private static Series Series(string freq, string area, params (string Period, double? Value, string? Status)[] observations) => new()
    {
        Key = new() { ["FREQ"] = freq, ["REF_AREA"] = area },
        Observations = observations.Select(o => new Observation
        {
            TimePeriod = o.Period,
            Value = o.Value,
            Attributes = o.Status is null ? new(StringComparer.Ordinal) : new(StringComparer.Ordinal) { ["OBS_STATUS"] = o.Status },
        }).ToList(),
    };

    [Fact]
    public void A_valid_series_has_no_violations()
    {
        var validator = new DataValidator(Schema());
        validator.Validate(Series("Q", "032", ("2015-Q1", 1.5, "A"), ("2015-Q2", double.NaN, "E")), "series[0]", DataAction.Merge);
        validator.Violations.Should().BeEmpty();
    }

    [Fact]
    public void Every_problem_of_a_series_is_reported_with_its_path()
    {
        var validator = new DataValidator(Schema());
        var series = Series("A", "999", ("2015-Q1", 1, "A"), ("2016", null, "X"), ("2017", 3, null), ("2017", 4, "A"));
        series.Attributes["NOT_AN_ATTRIBUTE"] = "x";

        validator.Validate(series, "series[3]", DataAction.Merge);

        validator.Violations.Select(v => v.Field).Should().BeEquivalentTo(
        [
            "series[3].key.REF_AREA",
            "series[3].attributes.NOT_AN_ATTRIBUTE",
            "series[3].observations[0].time_period",
            "series[3].observations[1].obs_value",
            "series[3].observations[1].attributes.OBS_STATUS",
            "series[3].observations[2].attributes.OBS_STATUS",
            "series[3].observations[3].time_period",
        ]);
        validator.Violations.Single(v => v.Field == "series[3].key.REF_AREA").Description.Should().Contain("'999'").And.Contain("TEST:CL_AREA(1.0)");
        validator.Violations.Single(v => v.Field == "series[3].observations[0].time_period").Description.Should().Contain("FREQ=A").And.Contain("YYYY");
        validator.Violations.Single(v => v.Field == "series[3].observations[3].time_period").Description.Should().Contain("more than once");
        validator.Violations.Single(v => v.Field == "series[3].observations[2].attributes.OBS_STATUS").Description.Should().Contain("mandatory");
    }

    [Fact]
    public void A_missing_dimension_and_an_attribute_at_the_wrong_level_are_named()
    {
        var validator = new DataValidator(Schema());
        var series = new Series { Key = new() { ["FREQ"] = "A" }, Attributes = new() { ["OBS_STATUS"] = "A" } };

        validator.Validate(series, "series[0]", DataAction.Merge);

        validator.Violations.Should().Contain(v => v.Field == "series[0].key.REF_AREA" && v.Description.Contains("missing"));
        validator.Violations.Should().Contain(v => v.Field == "series[0].attributes.OBS_STATUS" && v.Description.Contains("observations"));
    }

    [Fact]
    public void Deletions_need_no_values_nor_mandatory_attributes()
    {
        var validator = new DataValidator(Schema());
        validator.Validate(Series("A", "032", ("2015", null, null)), "series[0]", DataAction.Delete);
        validator.Violations.Should().BeEmpty();
    }

    [Fact]
    public void Content_constraints_restrict_codes()
    {
        var constraint = new ContentConstraint
        {
            Role = ConstraintRole.Allowed,
            CubeRegions = [new CubeRegion { KeyValues = [new ComponentValueSet { Id = "REF_AREA", Values = ["032"] }] }],
        };
        var validator = new DataValidator(Schema(constraint));

        validator.Validate(Series("A", "076", ("2015", 1, "A")), "series[0]", DataAction.Merge);

        validator.Violations.Should().ContainSingle().Which.Description.Should().Contain("content constraints");
    }

    [Fact]
    public void A_national_codelist_extension_adds_codes_to_a_component()
    {
        var extension = new ArtefactRef(ArtefactType.Codelist, "AR1", "CL_AREA_AR", "1.0");
        var flow = new Dataflow
        {
            AgencyId = "AR1", Id = "DF", Version = "1.0", Structure = new ArtefactRef(ArtefactType.DataStructure, "TEST", "DSD", "1.0"),
            Annotations = [new Annotation { Type = CodelistExtensions.AnnotationType, Title = "REF_AREA=AR1:CL_AREA_AR(1.0)" }],
        };
        CodelistExtensions.Of(flow).Should().Equal(("REF_AREA", extension));
        flow.References().Should().Contain(extension);
        CodelistExtensions.TryParse("REF_AREA=AR1:CL_AREA_AR(latest)", out _, out _, out var error).Should().BeFalse();
        error.Should().Contain("exact version");

        var codes = new Dictionary<ArtefactRef, IReadOnlySet<string>>
        {
            [FreqList] = new HashSet<string> { "A" }, [AreaList] = new HashSet<string> { "32" },
            [StatusList] = new HashSet<string> { "A" }, [extension] = new HashSet<string> { "AR_B" },
        };
        var baseSchema = Schema();
        var schema = DataflowSchema.Create(flow.Ref, baseSchema.Structure, r => codes.GetValueOrDefault(r), [], CodelistExtensions.Of(flow));
        var validator = new DataValidator(schema);

        validator.Validate(Series("A", "AR_B", ("2015", 1, "A")), "s", DataAction.Merge);
        validator.Validate(Series("A", "32", ("2015", 1, "A")), "t", DataAction.Merge);
        validator.Validate(Series("A", "AR_X", ("2015", 1, "A")), "u", DataAction.Merge);

        validator.Violations.Should().ContainSingle().Which.Field.Should().Be("u.key.REF_AREA");
    }

    [Fact]
    public void The_cap_keeps_the_first_violations_and_counts_the_rest()
    {
        var validator = new DataValidator(Schema(), maxViolations: 3);
        validator.Validate(Series("A", "032", Enumerable.Range(0, 10).Select(i => ($"bad{i}", (double?)1, (string?)"A")).ToArray()), "s", DataAction.Merge);

        validator.Violations.Should().HaveCount(3);
        validator.Suppressed.Should().Be(7);
    }

    [Theory]
    [InlineData("2015", "A", true)]
    [InlineData("2015-A1", "A", true)]
    [InlineData("2015-Q4", "Q", true)]
    [InlineData("2015-Q5", "Q", false)]
    [InlineData("2015-01", "M", true)]
    [InlineData("2015-M12", "M", true)]
    [InlineData("2015-13", "M", false)]
    [InlineData("2015-S2", "S", true)]
    [InlineData("2015-W53", "W", true)]
    [InlineData("2014-W53", "W", false)]
    [InlineData("2016-02-29", "D", true)]
    [InlineData("2015-02-29", "D", false)]
    [InlineData("2015-Q1", "A", false)]
    [InlineData("2015", "Q", false)]
    [InlineData("15", null, false)]
    [InlineData("2015-Q1", null, true)]
    public void Time_periods_follow_the_frequency(string period, string? frequency, bool valid) =>
        TimePeriods.IsValid(period, frequency).Should().Be(valid);

    [Fact]
    public void A_year_range_includes_its_quarters_and_months()
    {
        var from = new DateOnly(2015, 1, 1);
        var to = new DateOnly(2015, 12, 31);
        TimePeriods.Overlaps("2015-Q3", from, to).Should().BeTrue();
        TimePeriods.Overlaps("2015-12", from, to).Should().BeTrue();
        TimePeriods.Overlaps("2016", from, to).Should().BeFalse();
        TimePeriods.Overlaps("2014", from, null).Should().BeFalse();
    }

    [Fact]
    public void Key_expressions_match_positionally_with_alternatives_and_wildcards()
    {
        string[] dimensions = ["FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA"];
        KeyExpression.TryParse("A.N.SH_DYN_MORT.032+076", dimensions, out var expression, out var error).Should().BeTrue(error);

        expression.Matches(["A", "N", "SH_DYN_MORT", "076"]).Should().BeTrue();
        expression.Matches(["A", "G", "SH_DYN_MORT", "076"]).Should().BeFalse();
        KeyExpression.TryParse("A...", dimensions, out var wildcard, out _).Should().BeTrue();
        wildcard.Matches(["A", "G", "X", "484"]).Should().BeTrue();
        KeyExpression.TryParse("A.N", dimensions, out _, out error).Should().BeFalse();
        error.Should().Contain("2 parts").And.Contain("4 dimensions");
    }
}
