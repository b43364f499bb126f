using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>Pulls too large for one message: every response stays under the byte bound, a large series comes in consecutive chunks.</summary>
public sealed class LargePullTests(ServerFixture server) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const int Bound = 1024 * 1024;
    private const string LongKey = "D.G.SH_DYN_IMRT.484...........";
    private const string WideKey = "D.G.SH_DYN_MORT............";
    private static readonly DateOnly Day0 = new(2000, 1, 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("mdgx-largepull-").FullName;

    private DataExchangeService.DataExchangeServiceClient Data => new(server.AsOrganisation("UNICEF"));

    public async Task InitializeAsync()
    {
        if ((await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = LongKey, EndPeriod = "2000-01-01" })).Count > 0)
        {
            return; // pushed by an earlier test of the class
        }

        await Data.PushAsync(Header(sender: "UNICEF"), [Daily("SH_DYN_IMRT", "484", 100_000)]);
        var areas = Enumerable.Range(1, 300).Select(i => (i * 4).ToString("D3", CultureInfo.InvariantCulture)).ToList();
        for (var start = 0; start < areas.Count; start += 50)
        {
            await Data.PushAsync(Header(sender: "UNICEF"), areas.Skip(start).Take(50).Select(a => Daily("SH_DYN_MORT", a, 4_000)).ToArray());
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(LongKey, 1, 100_000)]
    [InlineData(WideKey, 300, 4_000)]
    public async Task A_large_pull_streams_in_messages_under_the_bound_with_every_observation_once_in_order(string key, int series, int observationsEach)
    {
        using var call = Data.PullSeries(new PullSeriesRequest { Dataflow = Flow, Key = key, BatchSize = 500 });
        var all = new List<PulledSeries>();
        var largest = 0;
        var messages = 0;
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            largest = Math.Max(largest, response.CalculateSize());
            messages++;
            foreach (var chunk in response.Series)
            {
                MergeChunk(all, chunk);
            }
        }

        largest.Should().BeLessThanOrEqualTo(Bound);
        messages.Should().BeGreaterThan(1);
        all.Should().HaveCount(series);
        all.Select(s => s.SeriesKey).Should().OnlyHaveUniqueItems();
        foreach (var pulled in all)
        {
            pulled.Observations.Select(o => o.TimePeriod).Should().Equal(Periods(observationsEach));
            pulled.Observations.Select(o => o.ObsValue).Should().Equal(Enumerable.Range(0, observationsEach).Select(i => (double)i));
        }

        Console.WriteLine($"{key}: {messages} messages, largest {largest} bytes");
    }

    [Fact]
    public async Task The_CLI_pull_of_a_large_series_writes_it_once_with_every_observation()
    {
        var output = Path.Combine(_directory, "long.csv");
        var pull = await ServerProcess.MdgxAsync("pull", "--flow", Flow, "--key", LongKey, "--out", output, "--api-key", await server.KeyAsync("UNICEF", "agency"), "--server", server.GrpcAddress.ToString());

        pull.ExitCode.Should().Be(0, pull.Err);
        pull.Out.Should().Contain("pulled 1 series, 100000 observations");
        var lines = File.ReadAllLines(output);
        lines.Skip(1).Should().HaveCount(100_000);
        lines.Skip(1).Select(l => l.Split(',')).Select(f => f[Array.IndexOf(lines[0].Split(','), "TIME_PERIOD")]).Should().Equal(Periods(100_000));
    }

    [Fact]
    public async Task A_CLI_pull_that_fails_after_opening_its_output_leaves_no_file()
    {
        var output = Path.Combine(_directory, "failed.csv");
        var pull = await ServerProcess.MdgxAsync("pull", "--flow", Flow, "--key", "D.G.NOT_A_SERIES.", "--out", output, "--api-key", await server.KeyAsync("UNICEF", "agency"), "--server", server.GrpcAddress.ToString());

        pull.ExitCode.Should().NotBe(0);
        File.Exists(output).Should().BeFalse(pull.Err);
    }

    private static IEnumerable<string> Periods(int count) => Enumerable.Range(0, count).Select(i => Day0.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static SeriesData Daily(string code, string area, int observations)
    {
        var series = Sdg(code, area, "G");
        series.Key["FREQ"] = "D";
        var i = 0;
        foreach (var period in Periods(observations))
        {
            series.Observations.Add(new ObservationData { TimePeriod = period, ObsValue = i++, Attributes = { ["OBS_STATUS"] = "A", ["UNIT_MULT"] = "0" } });
        }

        return series;
    }
}
