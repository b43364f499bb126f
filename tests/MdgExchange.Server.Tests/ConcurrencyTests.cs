using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>Several pushers and pullers at once: everything acknowledged is stored exactly once.</summary>
public sealed class ConcurrencyTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Concurrent_pushers_and_pullers_store_every_acknowledged_observation_exactly_once()
    {
        // Each country's national office pushes its own series; anonymous callers pull published data meanwhile.
        DataExchangeService.DataExchangeServiceClient Office(string area) => new(server.AsOrganisation("P" + area));
        var client = new DataExchangeService.DataExchangeServiceClient(server.Anonymous);
        string[] areas = ["32", "76", "484", "170", "152", "604"];
        string[] series = ["SH_DYN_MORT", "SH_DYN_IMRT", "SH_DYN_NMRT", "SH_STA_STNT"];

        var pushes = areas.SelectMany(area => series.Select(code => (area, code))).Select(async x =>
        {
            var observations = Enumerable.Range(2000, 16).Select(y => (y.ToString(System.Globalization.CultureInfo.InvariantCulture), (double)y / 100, "C")).ToArray();
            // Every series is pushed twice at once: one of the two inserts, the other finds the values unchanged.
            var twice = await Task.WhenAll(
                Office(x.area).PushAsync(Header(sender: "P" + x.area), [Sdg(x.code, x.area, "N", observations)]),
                Office(x.area).PushAsync(Header(sender: "P" + x.area), [Sdg(x.code, x.area, "N", observations)]));
            return twice;
        }).ToList();
        var pulls = Enumerable.Range(0, 8).Select(_ => client.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N" + new string('.', 13) })).ToList();

        var results = await Task.WhenAll(pushes);
        await Task.WhenAll(pulls);

        results.Should().OnlyContain(pair => pair.Sum(r => r.Inserted) == 16 && pair.Sum(r => r.Unchanged) == 16);
        var stored = await client.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N" + new string('.', 13) , IncludeLineage = true });
        stored.Should().HaveCount(areas.Length * series.Length);
        stored.Should().OnlyContain(s => s.Observations.Count == 16 && s.Observations.Select(o => o.TimePeriod).Distinct().Count() == 16);
        var transfers = await new TransferService.TransferServiceClient(server.Coordinator).ListTransfersAsync(new ListTransfersRequest { Kind = "push", Outcome = "completed", Limit = 1000 });
        transfers.Transfers.Should().HaveCount(areas.Length * series.Length * 2);
    }
}
