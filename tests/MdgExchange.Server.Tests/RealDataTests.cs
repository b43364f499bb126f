using MdgExchange.Protos.V1;
using MdgExchange.Sdmx.Tests.Fixtures;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>Real international series (UN Global SDG Database, Latin America) pushed and pulled back.</summary>
public sealed class RealDataTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_LAC_international_series_come_back_identical_with_their_NATURE()
    {
        var client = new DataExchangeService.DataExchangeServiceClient(server.AsOrganisation("UNSD"));
        var series = LacGlobalSeries.Load();
        var expected = series.Sum(s => s.Observations.Count);
        expected.Should().Be(3430);

        var batches = series.Select(ToProto).Chunk(25).Select(chunk => (IEnumerable<SeriesData>)chunk).ToArray();
        var response = await client.PushAsync(Header(sender: "UNSD"), batches);

        (response.Observations, response.Inserted).Should().Be((expected, expected));
        var pulled = await client.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.G" + new string('.', 13), BatchSize = 7 });
        pulled.Sum(p => p.Observations.Count).Should().Be(expected);
        var byKey = pulled.ToDictionary(p => string.Join('|', p.Key.OrderBy(k => k.Key).Select(k => k.Value)));
        foreach (var original in series)
        {
            var back = byKey[string.Join('|', original.Key.OrderBy(k => k.Key).Select(k => k.Value))];
            back.Attributes.Should().BeEquivalentTo(original.Attributes);
            back.Observations.Select(o => (o.TimePeriod, o.ObsValue, o.Attributes["NATURE"], o.Attributes["UNIT_MULT"]))
                .Should().Equal(original.Observations.OrderBy(o => o.TimePeriod, StringComparer.Ordinal).Select(o => (o.TimePeriod, o.Value!.Value, o.Attributes["NATURE"], o.Attributes["UNIT_MULT"])));
        }

        pulled.SelectMany(p => p.Observations).GroupBy(o => o.Attributes["NATURE"]).Select(g => g.Key).Should().Contain(["E", "C"]);
    }

    private static SeriesData ToProto(MdgExchange.Domain.Data.Series s)
    {
        var proto = new SeriesData { Key = { s.Key }, Attributes = { s.Attributes } };
        foreach (var o in s.Observations)
        {
            proto.Observations.Add(new ObservationData { TimePeriod = o.TimePeriod, ObsValue = o.Value!.Value, Attributes = { o.Attributes } });
        }

        return proto;
    }
}
