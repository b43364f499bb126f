using MdgExchange.Application.Registry;
using MdgExchange.Domain.Structure;
using MdgExchange.Server.Rest;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace MdgExchange.Server.Tests.Rest;

public class RestQueryParserTests
{
    private static QueryCollection Query(params (string Name, string Value)[] parameters) =>
        new(parameters.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => new StringValues(g.Select(p => p.Value).ToArray()), StringComparer.OrdinalIgnoreCase));

    private static RestDataRequest V1(params (string, string)[] parameters) => RestQueryParser.ParseV1Data("IAEG-SDGs,DF_SDG_GLH", null, null, Query(parameters));

    private static RestDataRequest V2(params (string, string)[] parameters) => RestQueryParser.ParseV2Data("dataflow", "IAEG-SDGs", "DF_SDG_GLH", "+", null, Query(parameters));

    private static SdmxRestException Fails(Action parse, int status = 400)
    {
        var error = parse.Should().Throw<SdmxRestException>().Which;
        error.Status.Should().Be(status, error.Message);
        return error;
    }

    private static void SyntaxError(Action parse, string parameter) =>
        Fails(parse).Message.Should().StartWith(parameter + ":");

    // ---- REST 1.5 data ----

    [Theory]
    [InlineData("DF_SDG_GLH", "all", "DF_SDG_GLH", "latest")]
    [InlineData("IAEG-SDGs,DF_SDG_GLH", "IAEG-SDGs", "DF_SDG_GLH", "latest")]
    [InlineData("IAEG-SDGs,DF_SDG_GLH,1.0", "IAEG-SDGs", "DF_SDG_GLH", "1.0")]
    [InlineData("SDMX.ECB,EXR,latest", "SDMX.ECB", "EXR", "latest")]
    public void V1_flow_reference(string flowRef, string agency, string id, string version)
    {
        var request = RestQueryParser.ParseV1Data(flowRef, null, null, Query());
        (request.Api, request.AgencyId, request.FlowId, request.VersionPattern).Should().Be((RestApi.V1, agency, id, version));
        request.Key.Should().BeNull();
        request.Providers.Should().BeNull();
        request.Detail.Should().Be(DataDetail.Full);
        request.DimensionAtObservation.Should().Be("TIME_PERIOD");
        request.IncludeHistory.Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("A,B,C,D")]
    [InlineData("IAEG-SDGs,DF,+")]
    [InlineData("IAEG-SDGs,DF,1.x")]
    [InlineData("1AGENCY,DF")]
    [InlineData("DF SDG")]
    public void V1_bad_flow_reference(string flowRef) =>
        SyntaxError(() => RestQueryParser.ParseV1Data(flowRef, null, null, Query()), "flowRef");

    [Theory]
    [InlineData("A.N.SH_DYN_MORT.032+076.....", "A.N.SH_DYN_MORT.032+076.....")]
    [InlineData("A+M..000000.ANR", "A+M..000000.ANR")]
    [InlineData("all", null)]
    [InlineData("", null)]
    public void V1_key(string key, string? expected) =>
        RestQueryParser.ParseV1Data("DF", key, null, Query()).Key.Should().Be(expected);

    [Theory]
    [InlineData("A..+B")]
    [InlineData("A.*.B")]
    [InlineData("A B")]
    [InlineData("A++B")]
    public void V1_bad_key(string key) => SyntaxError(() => RestQueryParser.ParseV1Data("DF", key, null, Query()), "key");

    [Theory]
    [InlineData("UNSD", new[] { "UNSD" })]
    [InlineData("IAEG-SDGs,UNSD", new[] { "UNSD" })]
    [InlineData("CH2+NO2", new[] { "CH2", "NO2" })]
    [InlineData("SDMX,CH2+SDMX,NO2", new[] { "CH2", "NO2" })]
    public void V1_providers(string providerRef, string[] expected) =>
        RestQueryParser.ParseV1Data("DF", "all", providerRef, Query()).Providers.Should().Equal(expected);

    [Fact]
    public void V1_all_providers() => RestQueryParser.ParseV1Data("DF", "all", "all", Query()).Providers.Should().BeNull();

    [Theory]
    [InlineData("A,B,C")]
    [InlineData("CH2 NO2")]
    [InlineData("+NO2")]
    public void V1_bad_providers(string providerRef) =>
        SyntaxError(() => RestQueryParser.ParseV1Data("DF", "all", providerRef, Query()), "providerRef");

    [Theory]
    [InlineData("2015")]
    [InlineData("2015-01")]
    [InlineData("2015-12")]
    [InlineData("2015-01-31")]
    [InlineData("2016-02-29")]
    [InlineData("2015-A1")]
    [InlineData("2015-S1")]
    [InlineData("2015-S2")]
    [InlineData("2015-T3")]
    [InlineData("2015-Q1")]
    [InlineData("2015-Q4")]
    [InlineData("2015-M01")]
    [InlineData("2015-W05")]
    [InlineData("2015-W53")]
    [InlineData("2015-D001")]
    [InlineData("2016-D366")]
    public void V1_periods(string period)
    {
        var request = V1(("startPeriod", period), ("endPeriod", period));
        request.StartPeriod.Should().Be(period);
        request.EndPeriod.Should().Be(period);
    }

    [Theory]
    [InlineData("15")]
    [InlineData("2015-13")]
    [InlineData("2015-02-30")]
    [InlineData("2015-Q5")]
    [InlineData("2015-S3")]
    [InlineData("2015-S|")]
    [InlineData("2015-W54")]
    [InlineData("2015-W00")]
    [InlineData("2015-D367")]
    [InlineData("2015-M13")]
    [InlineData("2015-01-01T00:00:00")]
    [InlineData("last")]
    public void V1_bad_periods(string period)
    {
        SyntaxError(() => V1(("startPeriod", period)), "startPeriod");
        SyntaxError(() => V1(("endPeriod", period)), "endPeriod");
    }

    [Theory]
    [InlineData("2024-05-15T14:15:00Z", "2024-05-15T14:15:00+00:00")]
    [InlineData("2024-05-15T14:15:00+01:00", "2024-05-15T14:15:00+01:00")]
    [InlineData("2024-05-15T14:15:00 01:00", "2024-05-15T14:15:00+01:00")]
    [InlineData("2024-05-15T14:15:00.123-03:00", "2024-05-15T14:15:00.123-03:00")]
    [InlineData("2024-05-15T14:15", "2024-05-15T14:15:00+00:00")]
    [InlineData("2024-05-15", "2024-05-15T00:00:00+00:00")]
    public void V1_updated_after(string text, string expected) =>
        V1(("updatedAfter", text)).UpdatedAfter.Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("15/05/2024")]
    [InlineData("2024-05-15T14:15:00+1")]
    public void V1_bad_updated_after(string text) => SyntaxError(() => V1(("updatedAfter", text)), "updatedAfter");

    [Fact]
    public void V1_first_and_last_observations()
    {
        var request = V1(("firstNObservations", "3"), ("lastNObservations", "1"));
        (request.FirstNObservations, request.LastNObservations).Should().Be((3, 1));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("many")]
    [InlineData("99999999999")]
    public void V1_bad_observation_counts(string value)
    {
        SyntaxError(() => V1(("firstNObservations", value)), "firstNObservations");
        SyntaxError(() => V1(("lastNObservations", value)), "lastNObservations");
    }

    [Theory]
    [InlineData("TIME_PERIOD")]
    [InlineData("AllDimensions")]
    [InlineData("REF_AREA")]
    public void V1_dimension_at_observation(string value) => V1(("dimensionAtObservation", value)).DimensionAtObservation.Should().Be(value);

    [Theory]
    [InlineData("1X")]
    [InlineData("REF AREA")]
    public void V1_bad_dimension_at_observation(string value) => SyntaxError(() => V1(("dimensionAtObservation", value)), "dimensionAtObservation");

    [Theory]
    [InlineData("full", DataDetail.Full)]
    [InlineData("dataonly", DataDetail.DataOnly)]
    [InlineData("serieskeysonly", DataDetail.SeriesKeysOnly)]
    [InlineData("nodata", DataDetail.NoData)]
    [InlineData("dataOnly", DataDetail.DataOnly)]
    public void V1_detail(string value, DataDetail expected) => V1(("detail", value)).Detail.Should().Be(expected);

    [Fact]
    public void V1_bad_detail() => SyntaxError(() => V1(("detail", "allstubs")), "detail");

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("TRUE", true)]
    public void V1_include_history(string value, bool expected) => V1(("includeHistory", value)).IncludeHistory.Should().Be(expected);

    [Fact]
    public void V1_bad_booleans()
    {
        SyntaxError(() => V1(("includeHistory", "yes")), "includeHistory");
        SyntaxError(() => V1(("explicitMeasure", "1")), "explicitMeasure");
    }

    [Fact]
    public void V1_parameter_given_twice() => SyntaxError(() => V1(("startPeriod", "2015"), ("startPeriod", "2016")), "startPeriod");

    [Fact]
    public void V1_unknown_parameters_are_ignored() =>
        V1(("format", "csv"), ("_", "12345"), ("explicitMeasure", "false")).Should().NotBeNull();

    [Fact]
    public void V1_parameter_names_are_case_insensitive() => V1(("STARTPERIOD", "2015")).StartPeriod.Should().Be("2015");

    [Theory]
    [InlineData("c[FREQ]", "A")]
    [InlineData("attributes", "none")]
    [InlineData("measures", "none")]
    [InlineData("asOf", "2024-01-01T00:00:00Z")]
    [InlineData("offset", "1")]
    [InlineData("limit", "1")]
    public void V1_rejects_rest_2_parameters(string name, string value) => SyntaxError(() => V1((name, value)), name);

    // ---- REST 2.x data ----

    [Fact]
    public void V2_defaults()
    {
        var request = RestQueryParser.ParseV2Data("dataflow", "IAEG-SDGs", "DF_SDG_GLH", "1.0", "*", Query());
        (request.Api, request.AgencyId, request.FlowId, request.VersionPattern, request.Key).Should().Be((RestApi.V2, "IAEG-SDGs", "DF_SDG_GLH", "1.0", (string?)null));
        request.Filters.Should().BeEmpty();
        request.Attributes.Should().Be(AttributeSelection.All);
        request.Measures.Should().BeTrue();
        request.MeasureIds.Should().BeNull();
        (request.Offset, request.Limit).Should().Be((0, (int?)null));
        (request.StartPeriod, request.EndPeriod).Should().Be(((string?)null, (string?)null));
    }

    [Theory]
    [InlineData("datastructure")]
    [InlineData("provisionagreement")]
    [InlineData("*")]
    public void V2_other_contexts_are_not_implemented(string context) =>
        Fails(() => RestQueryParser.ParseV2Data(context, "A", "B", "+", null, Query()), 501).Message.Should().StartWith("context:");

    [Fact]
    public void V2_unknown_context() => SyntaxError(() => RestQueryParser.ParseV2Data("metadataflow", "A", "B", "+", null, Query()), "context");

    [Theory]
    [InlineData("*", "DF", "+", "agencyID")]
    [InlineData("A,B", "DF", "+", "agencyID")]
    [InlineData("A", "*", "+", "resourceID")]
    [InlineData("A", "DF1,DF2", "+", "resourceID")]
    [InlineData("A", "DF", "*", "version")]
    [InlineData("A", "DF", "1.0,2.0", "version")]
    [InlineData("A", "DF", "1.*", "version")]
    public void V2_wildcards_over_several_dataflows_are_not_implemented(string agency, string id, string version, string parameter) =>
        Fails(() => RestQueryParser.ParseV2Data("dataflow", agency, id, version, null, Query()), 501).Message.Should().StartWith(parameter + ":");

    [Theory]
    [InlineData("1A", "DF", "+", "agencyID")]
    [InlineData("A", "D F", "+", "resourceID")]
    [InlineData("A", "DF", "latest", "version")]
    [InlineData("A", "DF", "1.x", "version")]
    [InlineData("A", "DF", "1.+.+", "version")]
    public void V2_bad_path(string agency, string id, string version, string parameter) =>
        SyntaxError(() => RestQueryParser.ParseV2Data("dataflow", agency, id, version, null, Query()), parameter);

    [Theory]
    [InlineData("+")]
    [InlineData("~")]
    [InlineData("1.0")]
    [InlineData("1.0.0")]
    [InlineData("1.+")]
    [InlineData("1.2.+")]
    [InlineData("1.3+.0")]
    [InlineData("1.~")]
    public void V2_versions(string version) =>
        RestQueryParser.ParseV2Data("dataflow", "A", "DF", version, null, Query()).VersionPattern.Should().Be(version);

    [Theory]
    [InlineData("A.*.SH_DYN_MORT", "A.*.SH_DYN_MORT")]
    [InlineData("A.USD.EUR,M.USD.EUR", "A.USD.EUR,M.USD.EUR")]
    [InlineData("A..B", "A..B")]
    [InlineData("*", null)]
    public void V2_key(string key, string? expected) =>
        RestQueryParser.ParseV2Data("dataflow", "A", "DF", "+", key, Query()).Key.Should().Be(expected);

    [Theory]
    [InlineData("A+M.USD")]
    [InlineData("A.U SD")]
    [InlineData("A.**")]
    public void V2_bad_key(string key) => SyntaxError(() => RestQueryParser.ParseV2Data("dataflow", "A", "DF", "+", key, Query()), "key");

    [Fact]
    public void V2_filter_default_operator_and_or_list()
    {
        var filter = V2(("c[FREQ]", "A,M")).Filters.Should().ContainSingle().Which;
        filter.ComponentId.Should().Be("FREQ");
        filter.AllOf.Should().ContainSingle().Which.Should().Equal(new FilterCondition(FilterOperator.Equal, "A"), new FilterCondition(FilterOperator.Equal, "M"));
    }

    [Theory]
    [InlineData("eq", FilterOperator.Equal)]
    [InlineData("ne", FilterOperator.NotEqual)]
    [InlineData("lt", FilterOperator.LessThan)]
    [InlineData("le", FilterOperator.LessOrEqual)]
    [InlineData("gt", FilterOperator.GreaterThan)]
    [InlineData("ge", FilterOperator.GreaterOrEqual)]
    [InlineData("co", FilterOperator.Contains)]
    [InlineData("nc", FilterOperator.NotContains)]
    [InlineData("sw", FilterOperator.StartsWith)]
    [InlineData("ew", FilterOperator.EndsWith)]
    public void V2_filter_operators(string op, FilterOperator expected) =>
        V2(("c[OBS_VALUE]", $"{op}:10")).Filters.Single().AllOf.Single().Should().Equal(new FilterCondition(expected, "10"));

    [Fact]
    public void V2_filter_unknown_operator_prefix_is_a_value() =>
        V2(("c[COMMENT]", "xx:yy")).Filters.Single().AllOf.Single().Should().Equal(new FilterCondition(FilterOperator.Equal, "xx:yy"));

    [Theory]
    [InlineData("ge:2015+le:2020")]
    [InlineData("ge:2015 le:2020")]
    public void V2_time_range_is_anded_and_sets_the_periods(string value)
    {
        var request = V2(("c[TIME_PERIOD]", value));
        request.Filters.Single().AllOf.Should().HaveCount(2);
        request.Filters.Single().AllOf[0].Should().Equal(new FilterCondition(FilterOperator.GreaterOrEqual, "2015"));
        request.Filters.Single().AllOf[1].Should().Equal(new FilterCondition(FilterOperator.LessOrEqual, "2020"));
        (request.StartPeriod, request.EndPeriod).Should().Be(("2015", "2020"));
    }

    [Theory]
    [InlineData("2015", "2015", "2015")]
    [InlineData("eq:2015-Q1", "2015-Q1", "2015-Q1")]
    [InlineData("gt:2015", "2015", null)]
    [InlineData("lt:2020-01", null, "2020-01")]
    [InlineData("le:2020+ge:2015", "2015", "2020")]
    [InlineData("2015,2016", null, null)]
    [InlineData("ge:2015+le:2016,ge:2020", null, null)]
    [InlineData("ge:2015+ge:2016", null, null)]
    [InlineData("ne:2015", null, null)]
    public void V2_time_period_mapping(string value, string? start, string? end)
    {
        var request = V2(("c[TIME_PERIOD]", value));
        (request.StartPeriod, request.EndPeriod).Should().Be((start, end));
        request.Filters.Should().ContainSingle();
    }

    [Fact]
    public void V2_filter_or_of_ands_becomes_and_of_ors()
    {
        // A OR (B AND C) = (A OR B) AND (A OR C).
        var allOf = V2(("c[ATTR1]", "A,B+C")).Filters.Single().AllOf;
        allOf.Should().HaveCount(2);
        allOf[0].Should().Equal(new FilterCondition(FilterOperator.Equal, "A"), new FilterCondition(FilterOperator.Equal, "B"));
        allOf[1].Should().Equal(new FilterCondition(FilterOperator.Equal, "A"), new FilterCondition(FilterOperator.Equal, "C"));
    }

    [Fact]
    public void V2_filter_distribution_is_logically_equivalent()
    {
        // (X >= 2015 AND X <= 2016) OR (X >= 2020 AND X <= 2021), checked over years.
        var allOf = V2(("c[TIME_PERIOD]", "ge:2015+le:2016,ge:2020+le:2021")).Filters.Single().AllOf;
        allOf.Should().HaveCount(4);
        for (var year = 2010; year < 2025; year++)
        {
            var expected = year is >= 2015 and <= 2016 or >= 2020 and <= 2021;
            var actual = allOf.All(group => group.Any(c => c.Operator switch
            {
                FilterOperator.GreaterOrEqual => year >= int.Parse(c.Value),
                FilterOperator.LessOrEqual => year <= int.Parse(c.Value),
                _ => false,
            }));
            actual.Should().Be(expected, $"year {year}");
        }
    }

    [Fact]
    public void V2_several_filters()
    {
        var filters = V2(("c[FREQ]", "A"), ("c[REF_AREA]", "032,076")).Filters;
        filters.Select(f => f.ComponentId).Should().BeEquivalentTo("FREQ", "REF_AREA");
    }

    [Theory]
    [InlineData("c[]", "A")]
    [InlineData("c[1FREQ]", "A")]
    [InlineData("c[FR EQ]", "A")]
    [InlineData("c[FREQ", "A")]
    [InlineData("c", "A")]
    [InlineData("c[FREQ]", "")]
    [InlineData("c[FREQ]", "A,")]
    [InlineData("c[FREQ]", "eq:")]
    [InlineData("c[TIME_PERIOD]", "ge:last year")]
    [InlineData("c[TIME_PERIOD]", "ge:2015-13")]
    public void V2_bad_filters(string name, string value) => SyntaxError(() => V2((name, value)), name);

    [Fact]
    public void V2_filter_given_twice() => SyntaxError(() => V2(("c[FREQ]", "A"), ("c[FREQ]", "M")), "c[FREQ]");

    [Fact]
    public void V2_filter_too_complex()
    {
        var value = string.Join(",", Enumerable.Range(0, 10).Select(i => $"A{i}+B{i}"));
        SyntaxError(() => V2(("c[X]", value)), "c[X]");
    }

    [Fact]
    public void V2_time_filter_with_contains_is_not_a_period() =>
        V2(("c[TIME_PERIOD]", "sw:2015")).Filters.Single().AllOf.Single().Single().Operator.Should().Be(FilterOperator.StartsWith);

    [Fact]
    public void V2_updated_after_and_as_of()
    {
        var request = V2(("updatedAfter", "2024-01-01T00:00:00Z"), ("asOf", "2024-06-01T00:00:00 02:00"));
        request.UpdatedAfter.Should().Be(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        request.AsOf.Should().Be(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(2)));
        SyntaxError(() => V2(("asOf", "June")), "asOf");
        SyntaxError(() => V2(("updatedAfter", "2024-07-01T00:00:00Z"), ("asOf", "2024-06-01T00:00:00Z")), "updatedAfter");
    }

    [Fact]
    public void V2_observation_counts_and_dimension_at_observation()
    {
        var request = V2(("firstNObservations", "2"), ("lastNObservations", "5"), ("dimensionAtObservation", "AllDimensions"), ("includeHistory", "true"));
        (request.FirstNObservations, request.LastNObservations, request.DimensionAtObservation, request.IncludeHistory).Should().Be((2, 5, "AllDimensions", true));
        SyntaxError(() => V2(("firstNObservations", "0")), "firstNObservations");
        SyntaxError(() => V2(("lastNObservations", "x")), "lastNObservations");
        SyntaxError(() => V2(("dimensionAtObservation", "_X")), "dimensionAtObservation");
        SyntaxError(() => V2(("includeHistory", "maybe")), "includeHistory");
    }

    [Theory]
    [InlineData("dsd")]
    [InlineData("msd")]
    [InlineData("dataset")]
    [InlineData("series")]
    [InlineData("obs")]
    [InlineData("all")]
    [InlineData("none")]
    public void V2_attribute_keywords(string mode) => V2(("attributes", mode)).Attributes.Should().Be(new AttributeSelection(mode, null));

    [Fact]
    public void V2_attribute_ids()
    {
        var attributes = V2(("attributes", "OBS_STATUS,UNIT_MEASURE")).Attributes;
        attributes.Mode.Should().Be("ids");
        attributes.Ids.Should().BeEquivalentTo("OBS_STATUS", "UNIT_MEASURE");
    }

    [Theory]
    [InlineData("series,OBS_STATUS")]
    [InlineData("OBS STATUS")]
    [InlineData("A,,B")]
    public void V2_bad_attributes(string value) => SyntaxError(() => V2(("attributes", value)), "attributes");

    [Fact]
    public void V2_measures()
    {
        V2(("measures", "all")).Measures.Should().BeTrue();
        V2(("measures", "none")).Measures.Should().BeFalse();
        var ids = V2(("measures", "OBS_VALUE"));
        ids.Measures.Should().BeTrue();
        ids.MeasureIds.Should().BeEquivalentTo("OBS_VALUE");
        SyntaxError(() => V2(("measures", "none,OBS_VALUE")), "measures");
    }

    [Fact]
    public void V2_paging()
    {
        var request = V2(("offset", "0"), ("limit", "100"));
        (request.Offset, request.Limit).Should().Be((0, (int?)100));
        V2(("offset", "20")).Offset.Should().Be(20);
        SyntaxError(() => V2(("offset", "-1")), "offset");
        SyntaxError(() => V2(("limit", "0")), "limit");
    }

    [Theory]
    [InlineData("sort", "FREQ")]
    [InlineData("reportingYearStartDay", "--07-01")]
    public void V2_unsupported_parameters(string name, string value) =>
        Fails(() => V2((name, value)), 501).Message.Should().StartWith(name + ":");

    [Theory]
    [InlineData("startPeriod", "2015")]
    [InlineData("endPeriod", "2015")]
    [InlineData("detail", "dataonly")]
    [InlineData("explicitMeasure", "true")]
    public void V2_rejects_rest_1_parameters(string name, string value) =>
        Fails(() => V2((name, value))).Message.Should().StartWith(name + ":");

    [Fact]
    public void V2_start_period_hint_names_the_filter() =>
        Fails(() => V2(("startPeriod", "2015"))).Message.Should().Contain("c[TIME_PERIOD]=ge:");

    [Fact]
    public void V2_unknown_parameters_are_ignored() => V2(("format", "csv"), ("lang", "es")).Should().NotBeNull();

    // ---- structures ----

    private static StructureQuery S1(string type, string? agency = null, string? id = null, string? version = null, string? item = null, params (string, string)[] parameters) =>
        RestQueryParser.ParseV1Structure(type, agency, id, version, item, Query(parameters));

    private static StructureQuery S2(string type, string? agency = null, string? id = null, string? version = null, string? item = null, params (string, string)[] parameters) =>
        RestQueryParser.ParseV2Structure(type, agency, id, version, item, Query(parameters));

    [Theory]
    [InlineData("codelist", ArtefactType.Codelist)]
    [InlineData("conceptscheme", ArtefactType.ConceptScheme)]
    [InlineData("datastructure", ArtefactType.DataStructure)]
    [InlineData("dataflow", ArtefactType.Dataflow)]
    [InlineData("categoryscheme", ArtefactType.CategoryScheme)]
    [InlineData("categorisation", ArtefactType.Categorisation)]
    [InlineData("contentconstraint", ArtefactType.ContentConstraint)]
    [InlineData("provisionagreement", ArtefactType.ProvisionAgreement)]
    [InlineData("agencyscheme", ArtefactType.AgencyScheme)]
    [InlineData("dataproviderscheme", ArtefactType.DataProviderScheme)]
    [InlineData("dataconsumerscheme", ArtefactType.DataConsumerScheme)]
    [InlineData("metadatastructure", ArtefactType.MetadataStructure)]
    [InlineData("metadataflow", ArtefactType.Metadataflow)]
    public void Structure_types(string name, ArtefactType type)
    {
        S1(name).Types.Should().Equal(type);
        if (type != ArtefactType.ContentConstraint)
        {
            S2(name).Types.Should().Equal(type);
        }
    }

    [Fact]
    public void V1_structure_defaults()
    {
        var request = S1("structure");
        request.Types.Should().BeNull();
        (request.AgencyIds, request.ResourceIds, request.ItemIds).Should().Be(((IReadOnlyList<string>?)null, (IReadOnlyList<string>?)null, (IReadOnlyList<string>?)null));
        request.VersionPattern.Should().Be("latest");
        (request.References, request.Detail, request.ConstraintRole).Should().Be((StructureReferences.None, StructureDetail.Full, (ConstraintRole?)null));
        S1("codelist", "all", "all", "all").VersionPattern.Should().Be("all");
    }

    [Theory]
    [InlineData("actualconstraint", ConstraintRole.Actual)]
    [InlineData("allowedconstraint", ConstraintRole.Allowed)]
    public void V1_constraint_roles(string name, ConstraintRole role)
    {
        var request = S1(name);
        request.Types.Should().Equal(ArtefactType.ContentConstraint);
        request.ConstraintRole.Should().Be(role);
    }

    [Fact]
    public void V1_organisation_scheme_is_the_three_schemes() =>
        S1("organisationscheme").Types.Should().Equal(ArtefactType.AgencyScheme, ArtefactType.DataProviderScheme, ArtefactType.DataConsumerScheme);

    [Fact]
    public void V2_data_constraint_and_all_types()
    {
        S2("dataconstraint").Types.Should().Equal(ArtefactType.ContentConstraint);
        S2("*").Types.Should().BeNull();
        var defaults = S2("*");
        defaults.VersionPattern.Should().Be("~");
        (defaults.AgencyIds, defaults.ResourceIds).Should().Be(((IReadOnlyList<string>?)null, (IReadOnlyList<string>?)null));
    }

    [Theory]
    [InlineData("hierarchicalcodelist")]
    [InlineData("process")]
    [InlineData("structureset")]
    [InlineData("organisationunitscheme")]
    [InlineData("reportingtaxonomy")]
    [InlineData("transformationscheme")]
    [InlineData("attachmentconstraint")]
    public void V1_types_the_registry_does_not_hold(string name) =>
        Fails(() => S1(name), 501).Message.Should().Be($"structureType: the registry holds no {name}");

    [Theory]
    [InlineData("hierarchy")]
    [InlineData("valuelist")]
    [InlineData("structuremap")]
    [InlineData("metadataconstraint")]
    [InlineData("vtlmappingscheme")]
    public void V2_types_the_registry_does_not_hold(string name) =>
        Fails(() => S2(name), 501).Message.Should().Contain("the registry holds no " + name);

    [Fact]
    public void Unknown_structure_type() => SyntaxError(() => S2("widgets"), "structureType");

    [Fact]
    public void V1_lists_and_versions()
    {
        var request = S1("codelist", "IAEG-SDGs+SDMX", "CL_AREA+CL_FREQ", "1.0+2.1", "A+M");
        request.AgencyIds.Should().Equal("IAEG-SDGs", "SDMX");
        request.ResourceIds.Should().Equal("CL_AREA", "CL_FREQ");
        request.VersionPattern.Should().Be("1.0,2.1");
        request.ItemIds.Should().Equal("A", "M");
    }

    [Fact]
    public void V2_lists_and_versions()
    {
        var request = S2("codelist", "IAEG-SDGs,SDMX", "CL_AREA,CL_FREQ", "1.0,2.+", "A,M");
        request.AgencyIds.Should().Equal("IAEG-SDGs", "SDMX");
        request.ResourceIds.Should().Equal("CL_AREA", "CL_FREQ");
        request.VersionPattern.Should().Be("1.0,2.+");
        request.ItemIds.Should().Equal("A", "M");
    }

    [Theory]
    [InlineData("1A", null, null, null, "agencyID")]
    [InlineData(null, "CL AREA", null, null, "resourceID")]
    [InlineData(null, null, "+", null, "version")]
    [InlineData(null, null, "1.x", null, "version")]
    [InlineData(null, null, null, "A B", "itemID")]
    public void V1_bad_structure_path(string? agency, string? id, string? version, string? item, string parameter) =>
        SyntaxError(() => S1("codelist", agency, id, version, item), parameter);

    [Theory]
    [InlineData("A,1B", null, null, null, "agencyID")]
    [InlineData(null, "CL,", null, null, "resourceID")]
    [InlineData(null, null, "latest", null, "version")]
    [InlineData(null, null, "1.+.+", null, "version")]
    [InlineData(null, null, null, "A,B C", "itemID")]
    public void V2_bad_structure_path(string? agency, string? id, string? version, string? item, string parameter) =>
        SyntaxError(() => S2("codelist", agency, id, version, item), parameter);

    [Fact]
    public void Item_ids_only_for_item_schemes()
    {
        SyntaxError(() => S1("dataflow", item: "A"), "itemID");
        SyntaxError(() => S2("datastructure", item: "A"), "itemID");
        S1("categoryscheme", item: "SDG.GOAL_1").ItemIds.Should().Equal("SDG.GOAL_1");
        S1("codelist", item: "all").ItemIds.Should().BeNull();
        S2("*", item: "A").Types.Should().OnlyContain(t => RestQueryParser.ItemSchemes.Contains(t));
    }

    [Theory]
    [InlineData("none", StructureReferences.None, null)]
    [InlineData("parents", StructureReferences.Parents, null)]
    [InlineData("parentsandsiblings", StructureReferences.ParentsAndSiblings, null)]
    [InlineData("children", StructureReferences.Children, null)]
    [InlineData("descendants", StructureReferences.Descendants, null)]
    [InlineData("all", StructureReferences.All, null)]
    [InlineData("codelist", StructureReferences.Specific, ArtefactType.Codelist)]
    [InlineData("dataflow", StructureReferences.Specific, ArtefactType.Dataflow)]
    [InlineData("contentconstraint", StructureReferences.Specific, ArtefactType.ContentConstraint)]
    public void References(string value, StructureReferences references, ArtefactType? type)
    {
        var v1 = S1("codelist", parameters: ("references", value));
        (v1.References, v1.ReferenceType).Should().Be((references, type));
        var v2 = S2("codelist", parameters: ("references", value));
        (v2.References, v2.ReferenceType).Should().Be((references, type));
    }

    [Fact]
    public void Reference_variants()
    {
        S2("codelist", parameters: ("references", "ancestors")).References.Should().Be(StructureReferences.Parents);
        SyntaxError(() => S1("codelist", parameters: ("references", "ancestors")), "references");
        S1("codelist", parameters: ("references", "actualconstraint")).ReferenceType.Should().Be(ArtefactType.ContentConstraint);
        S2("codelist", parameters: ("references", "dataconstraint")).ReferenceType.Should().Be(ArtefactType.ContentConstraint);
        Fails(() => S1("codelist", parameters: ("references", "hierarchicalcodelist")), 501).Message.Should().StartWith("references:");
        Fails(() => S2("codelist", parameters: ("references", "parents,codelist")), 501).Message.Should().StartWith("references:");
        SyntaxError(() => S2("codelist", parameters: ("references", "cousins")), "references");
    }

    [Theory]
    [InlineData("full", StructureDetail.Full)]
    [InlineData("allstubs", StructureDetail.AllStubs)]
    [InlineData("referencestubs", StructureDetail.ReferenceStubs)]
    [InlineData("referencepartial", StructureDetail.ReferencePartial)]
    [InlineData("allcompletestubs", StructureDetail.AllCompleteStubs)]
    [InlineData("referencecompletestubs", StructureDetail.ReferenceCompleteStubs)]
    public void Structure_detail(string value, StructureDetail detail)
    {
        S1("codelist", parameters: ("detail", value)).Detail.Should().Be(detail);
        S2("codelist", parameters: ("detail", value)).Detail.Should().Be(detail);
    }

    [Fact]
    public void Raw_detail_is_rest_2()
    {
        S2("codelist", parameters: ("detail", "raw")).Detail.Should().Be(StructureDetail.Raw);
        SyntaxError(() => S1("codelist", parameters: ("detail", "raw")), "detail");
        SyntaxError(() => S2("codelist", parameters: ("detail", "dataonly")), "detail");
    }

    [Fact]
    public void V2_structure_as_of_is_not_implemented() =>
        Fails(() => S2("codelist", parameters: ("asOf", "2024-01-01T00:00:00Z")), 501).Message.Should().StartWith("asOf:");
}
