using System.Net;
using System.Text;
using MdgExchange.Domain.Data;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx.Data;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests.Rest;

/// <summary>SDMX REST 2.x data queries: component filters, paging, attributes and measures, asOf.</summary>
public sealed class SdmxRestV2DataTests(SdmxRestFixture server) : IClassFixture<SdmxRestFixture>
{
    private const string Lac = "/sdmx/v2/data/dataflow/MDGX/DF_SDG/1.0/A.G.*.*.*.*.*.*.*.*.*.*.*.*.*";

    [Fact]
    public async Task Component_filters_select_series_and_periods_with_their_operators()
    {
        var areas = server.Lac.Select(s => s.Key["REF_AREA"]).Distinct().Order(StringComparer.Ordinal).Take(3).ToList();
        var back = await ReadAsync($"{Lac}?c[REF_AREA]={string.Join(',', areas)}&c[TIME_PERIOD]=ge:2010+le:2015");
        back.Select(s => s.Key["REF_AREA"]).Distinct().Should().BeEquivalentTo(areas);
        var expected = server.Lac.Where(s => areas.Contains(s.Key["REF_AREA"]))
            .Sum(s => s.Observations.Count(o => string.CompareOrdinal(o.TimePeriod[..4], "2010") >= 0 && string.CompareOrdinal(o.TimePeriod[..4], "2015") <= 0));
        back.Sum(s => s.Observations.Count).Should().Be(expected);

        var notFirst = await ReadAsync($"{Lac}?c[REF_AREA]=ne:{areas[0]}");
        notFirst.Should().NotContain(s => s.Key["REF_AREA"] == areas[0]);

        var estimates = await ReadAsync($"{Lac}?c[NATURE]=E");
        estimates.SelectMany(s => s.Observations).Should().NotBeEmpty().And.OnlyContain(o => o.Attributes["NATURE"] == "E");

        var series = server.Lac.Select(s => s.Key["SERIES"]).Distinct().Order(StringComparer.Ordinal).First();
        var prefix = series[..3];
        var startsWith = await ReadAsync($"{Lac}?c[SERIES]=sw:{prefix}");
        startsWith.Should().OnlyContain(s => s.Key["SERIES"].StartsWith(prefix, StringComparison.Ordinal));

        var big = await ReadAsync($"{Lac}?c[OBS_VALUE]=gt:100");
        big.SelectMany(s => s.Observations).Should().OnlyContain(o => o.Value > 100);
    }

    [Fact]
    public async Task Offset_and_limit_page_through_the_series_without_overlap()
    {
        var all = await ReadAsync(Lac);
        var pages = new List<Series>();
        for (var offset = 0; offset < all.Count; offset += 7)
        {
            pages.AddRange(await ReadAsync($"{Lac}?offset={offset}&limit=7"));
        }

        pages.Select(SdmxRestDataTests.Key).Should().Equal(all.Select(SdmxRestDataTests.Key));
    }

    [Fact]
    public async Task Attributes_and_measures_selections_drop_what_was_not_asked_for()
    {
        var none = await ReadAsync($"{Lac}?attributes=none");
        none.Should().OnlyContain(s => s.Attributes.Count == 0 && s.Observations.All(o => o.Attributes.Count == 0));

        var nature = await ReadAsync($"{Lac}?attributes=NATURE");
        nature.SelectMany(s => s.Observations).Should().OnlyContain(o => o.Attributes.Keys.SequenceEqual(new[] { "NATURE" }));
        nature.Should().OnlyContain(s => s.Attributes.Count == 0);

        var noValues = await ReadAsync($"{Lac}?measures=none");
        noValues.SelectMany(s => s.Observations).Should().OnlyContain(o => o.Value == null);
    }

    [Fact]
    public async Task AsOf_reads_the_data_as_they_were_at_that_instant()
    {
        var push = new DataExchangeService.DataExchangeServiceClient(server.AsProviderOf("INDEC", "32"));
        await push.PushAsync(Header(sender: "INDEC"), [Sdg("SH_DYN_MORT", "32", "N", ("2018", 9.9, "C"))]);
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        var before = server.Clock.GetUtcNow();
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        await push.PushAsync(Header(sender: "INDEC", action: "M"), [Sdg("SH_DYN_MORT", "32", "N", ("2018", 9.4, "C"))]);
        var path = "/sdmx/v2/data/dataflow/MDGX/DF_SDG/1.0/" + SdgKey("SH_DYN_MORT", "32", "N");

        (await ReadAsync(path)).Single().Observations.Single().Value.Should().Be(9.4);
        (await ReadAsync($"{path}?asOf={Uri.EscapeDataString(before.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz"))}")).Single().Observations.Single().Value.Should().Be(9.9);
    }

    [Fact]
    public async Task Bad_v2_parameters_are_400_naming_the_parameter()
    {
        using var http = await server.HttpAsync();
        foreach (var (query, parameter) in new[] { ("c[TIME_PERIOD]=zz:2015", "TIME_PERIOD"), ("offset=-1", "offset"), ("c[NOT_A_COMPONENT]=X", "NOT_A_COMPONENT"), ("attributes=NOT_AN_ATTRIBUTE", "NOT_AN_ATTRIBUTE") })
        {
            using var response = await SdmxRestFixture.GetAsync(http, $"{Lac}?{query}");
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, query);
            (await response.Content.ReadAsStringAsync()).Should().Contain(parameter, query);
        }
    }

    private async Task<List<Series>> ReadAsync(string path)
    {
        using var http = await server.HttpAsync();
        using var response = await SdmxRestFixture.GetAsync(http, path, "application/vnd.sdmx.data+csv;version=2.0.0");
        var body = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{path}: {Encoding.UTF8.GetString(body)}");
        using var reader = DataReaderFactory.Open(new MemoryStream(body));
        return reader.ReadSeries(server.Dsd).ToList();
    }
}
