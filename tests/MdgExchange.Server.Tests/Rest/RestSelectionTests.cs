using MdgExchange.Domain.Structure;
using MdgExchange.Server.Rest;
using MdgExchange.Server.Tests.Infrastructure;
using MdgExchange.Storage;

namespace MdgExchange.Server.Tests.Rest;

/// <summary>What a REST data query keeps of each stored series, on the real SDG DSD, without a server.</summary>
public sealed class RestSelectionTests
{
    private static readonly DataStructureDefinition Dsd = LoadDsd();
    private static readonly DateTimeOffset T1 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddDays(30);
    private static readonly Guid Unsd = Guid.NewGuid();
    private static readonly Guid Indec = Guid.NewGuid();

    [Theory]
    [InlineData("ge", "2015", "2015", true)]
    [InlineData("ge", "2015", "2014", false)]
    [InlineData("ge", "2015-06", "2015", true)]
    [InlineData("gt", "2015", "2015", false)]
    [InlineData("gt", "2015", "2016-Q1", true)]
    [InlineData("le", "2015", "2015-12-31", true)]
    [InlineData("lt", "2015", "2015-01", false)]
    [InlineData("lt", "2015", "2014-Q4", true)]
    [InlineData("eq", "2015", "2015", true)]
    [InlineData("eq", "2015", "2015-01", false)]
    [InlineData("ne", "2015", "2016", true)]
    public void Periods_compare_as_time_ranges(string op, string bound, string period, bool holds)
    {
        RestSelection.Holds(new FilterCondition(Operator(op), bound), period, period: true).Should().Be(holds);
    }

    [Fact]
    public void Numbers_compare_as_numbers_texts_ordinally_and_a_missing_value_only_satisfies_the_negations()
    {
        RestSelection.Holds(new FilterCondition(FilterOperator.GreaterThan, "9"), "10.5", period: false).Should().BeTrue("10.5 > 9 as numbers, not as text");
        RestSelection.Holds(new FilterCondition(FilterOperator.LessThan, "B"), "A", period: false).Should().BeTrue();
        RestSelection.Holds(new FilterCondition(FilterOperator.Contains, "MORT"), "SH_DYN_MORT", period: false).Should().BeTrue();
        RestSelection.Holds(new FilterCondition(FilterOperator.EndsWith, "MORT"), "SH_DYN_MORT_F", period: false).Should().BeFalse();
        RestSelection.Holds(new FilterCondition(FilterOperator.Equal, "E"), null, period: false).Should().BeFalse();
        RestSelection.Holds(new FilterCondition(FilterOperator.NotEqual, "E"), null, period: false).Should().BeTrue();
    }

    [Fact]
    public void A_filter_holds_when_every_group_holds_and_a_group_when_one_of_its_conditions_does()
    {
        var range = new ComponentFilter("TIME_PERIOD", [[new(FilterOperator.GreaterOrEqual, "2010")], [new(FilterOperator.LessOrEqual, "2012"), new(FilterOperator.Equal, "2020")]]);
        new[] { "2009", "2010", "2012", "2013", "2020" }.Select(p => RestSelection.Holds(range, p, period: true)).Should().Equal(false, true, true, false, true);
    }

    [Fact]
    public void Filters_on_the_key_and_on_observations_first_and_last_n_and_providers_select_as_asked()
    {
        var series = Stored("32", [Obs("2010", 1, "E", Unsd), Obs("2011", 2, "C", Indec), Obs("2012", 3, "E", Unsd), Obs("2013", 4, "E", Unsd)]);

        Selection(new() { Filters = [Filter("REF_AREA", "76")] }).Select(series, series.Observations).Should().BeNull("the area is not asked for");
        Selection(new() { Filters = [Filter("NATURE", "E")] }).Select(series, series.Observations)!.Select(o => o.TimePeriod).Should().Equal("2010", "2012", "2013");
        Selection(new() { Filters = [Filter("NATURE", "X")] }).Select(series, series.Observations).Should().BeNull("no observation is left");
        Selection(new() { FirstNObservations = 1, LastNObservations = 1 }).Select(series, series.Observations)!.Select(o => o.TimePeriod).Should().Equal("2010", "2013");
        Selection(new()).Select(series, series.Observations, id => id == Indec)!.Select(o => o.TimePeriod).Should().Equal("2011");
        Selection(new() { Detail = DataDetail.SeriesKeysOnly }).Select(series, series.Observations).Should().BeEmpty("a key only, but the series is there");
    }

    [Fact]
    public void History_counts_periods_not_versions_and_shapes_one_series_per_validity_interval_current_first()
    {
        var series = Stored("32", [Obs("2010", 1, "E", Unsd, T1, T2), Obs("2010", 1.5, "E", Unsd, T2), Obs("2011", 2, "E", Unsd, T1)]);
        var selection = Selection(new() { IncludeHistory = true, FirstNObservations = 1 });

        var kept = selection.Select(series, series.Observations)!;
        kept.Select(o => o.Value).Should().Equal(1, 1.5);
        var shaped = selection.Shape(series, kept).ToList();
        shaped.Select(s => (s.ValidFrom, s.ValidTo)).Should().Equal((T2, null), (T1, T2));
        shaped[0].Observations.Single().Value.Should().Be(1.5);
        shaped[1].Observations.Single().Value.Should().Be(1);
    }

    [Fact]
    public void Attribute_and_measure_selections_and_detail_strip_what_was_not_asked_for()
    {
        var series = Stored("32", [Obs("2010", 1, "E", Unsd)]);
        var none = Selection(new() { Attributes = new AttributeSelection("none", null), Measures = false }).Shape(series, series.Observations).Single();
        none.Attributes.Should().BeEmpty();
        none.Observations.Single().Should().BeEquivalentTo(new { Value = (double?)null, Attributes = new Dictionary<string, string>() });

        var obs = Selection(new() { Attributes = new AttributeSelection("obs", null) }).Shape(series, series.Observations).Single();
        obs.Attributes.Should().BeEmpty();
        obs.Observations.Single().Attributes.Should().ContainKey("NATURE");

        var dataOnly = Selection(new() { Detail = DataDetail.DataOnly }).Shape(series, series.Observations).Single();
        (dataOnly.Attributes.Count, dataOnly.Observations.Single().Attributes.Count, dataOnly.Observations.Single().Value).Should().Be((0, 0, 1));
    }

    [Fact]
    public void A_measures_list_keeps_the_values_when_it_names_the_measure()
    {
        var series = Stored("32", [Obs("2010", 1, "E", Unsd)]);
        new RestSelection(V2(new HashSet<string> { "OBS_VALUE" }), Dsd).Shape(series, series.Observations).Single().Observations.Single().Value.Should().Be(1);
        FluentActions.Invoking(() => new RestSelection(V2(new HashSet<string> { "NOT_A_MEASURE" }), Dsd)).Should().Throw<SdmxRestException>().WithMessage("measures: *NOT_A_MEASURE*");

        static RestDataRequest V2(IReadOnlySet<string> measures) =>
            new() { Api = RestApi.V2, AgencyId = "MDGX", FlowId = "DF_SDG", VersionPattern = "1.0", MeasureIds = measures };
    }

    [Fact]
    public void A_filter_or_attribute_the_DSD_does_not_have_is_a_syntax_error_naming_it()
    {
        FluentActions.Invoking(() => Selection(new() { Filters = [Filter("NOPE", "X")] })).Should().Throw<SdmxRestException>()
            .Which.Should().BeEquivalentTo(new { Status = 400, Code = 140 }, o => o.ExcludingMissingMembers());
        FluentActions.Invoking(() => Selection(new() { Attributes = new AttributeSelection("ids", new HashSet<string> { "NOPE" }) })).Should().Throw<SdmxRestException>()
            .WithMessage("*NOPE*");
    }

    private sealed record Options
    {
        public IReadOnlyList<ComponentFilter> Filters { get; init; } = [];
        public int? FirstNObservations { get; init; }
        public int? LastNObservations { get; init; }
        public DataDetail Detail { get; init; } = DataDetail.Full;
        public bool IncludeHistory { get; init; }
        public AttributeSelection Attributes { get; init; } = AttributeSelection.All;
        public bool Measures { get; init; } = true;
    }

    private static RestSelection Selection(Options options) => new(new RestDataRequest
    {
        Api = RestApi.V2, AgencyId = "MDGX", FlowId = "DF_SDG", VersionPattern = "1.0", Filters = options.Filters,
        FirstNObservations = options.FirstNObservations, LastNObservations = options.LastNObservations, Detail = options.Detail,
        IncludeHistory = options.IncludeHistory, Attributes = options.Attributes, Measures = options.Measures,
    }, Dsd);

    private static ComponentFilter Filter(string id, string value) => new(id, [[new(FilterOperator.Equal, value)]]);

    private static FilterOperator Operator(string op) => op switch
    {
        "ge" => FilterOperator.GreaterOrEqual,
        "gt" => FilterOperator.GreaterThan,
        "le" => FilterOperator.LessOrEqual,
        "lt" => FilterOperator.LessThan,
        "eq" => FilterOperator.Equal,
        _ => FilterOperator.NotEqual,
    };

    private static StoredObservation Obs(string period, double value, string nature, Guid transfer, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        new(period, value, new Dictionary<string, string> { ["NATURE"] = nature, ["OBS_STATUS"] = "A" }, transfer, from ?? T1, to, null);

    private static StoredSeries Stored(string area, IReadOnlyList<StoredObservation> observations)
    {
        var key = Dsd.Dimensions.ToDictionary(d => d.Id, _ => "_T");
        (key["FREQ"], key["REPORTING_TYPE"], key["SERIES"], key["REF_AREA"]) = ("A", "G", "SH_DYN_MORT", area);
        return new StoredSeries(string.Join('.', Dsd.Dimensions.OrderBy(d => d.Position).Select(d => key[d.Id])), key,
            new Dictionary<string, string> { ["UNIT_MEASURE"] = "PER_1000_LIVE_BIRTHS" }, Unsd, observations);
    }

    private static DataStructureDefinition LoadDsd()
    {
        using var file = File.OpenRead(TestFiles.SdgDsd);
        return MdgExchange.Sdmx.Ml.StructureReader.Read(file).Artefacts.OfType<DataStructureDefinition>().Single();
    }
}
