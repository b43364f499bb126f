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
    /// <summary>300 codes of CL_AREA (the first of the SDG DSD's codelist).</summary>
    private static readonly string[] Areas = string.Join(' ',
        "1 2 4 5 8 9 10 11 12 13 14 15 16 17 18 19 20 21 24 28 29 30 31 32 34 35 36 39 40 44",
        "48 50 51 52 53 54 56 57 60 61 62 64 68 70 72 76 84 86 90 92 96 100 104 108 112 116 120 124 127 132",
        "135 136 140 142 143 144 145 148 150 151 152 154 155 156 162 166 170 174 175 178 180 184 188 191 192 196 198 199 202 203",
        "204 208 212 214 218 222 223 226 231 232 233 234 238 239 242 246 248 250 254 258 260 262 266 268 270 275 276 288 292 296",
        "300 304 308 312 316 320 324 328 332 334 336 340 344 348 352 356 360 364 368 372 376 380 384 388 392 398 400 404 408 410",
        "412 414 417 418 419 420 422 426 428 430 432 434 438 440 442 446 450 454 458 462 466 470 474 478 480 484 485 492 496 498",
        "499 500 504 508 512 513 514 515 516 518 520 524 528 530 531 533 534 535 540 543 548 554 558 562 566 570 574 578 580 581",
        "583 584 585 586 591 593 598 600 604 608 612 616 620 624 626 630 634 638 642 643 646 652 654 659 660 662 663 666 670 674",
        "678 682 686 688 690 694 702 703 704 705 706 710 716 722 724 728 729 732 736 738 740 744 746 747 748 752 753 756 760 762",
        "764 768 772 776 780 784 788 792 795 796 798 800 804 807 818 826 830 831 832 833 834 835 836 840 850 854 858 860 862 876").Split(' ');

    private readonly string _directory = Directory.CreateTempSubdirectory("mdgx-largepull-").FullName;

    private DataExchangeService.DataExchangeServiceClient Data => new(server.AsOrganisation("UNICEF"));

    public async Task InitializeAsync()
    {
        if ((await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = LongKey, EndPeriod = "2000-01-01" })).Count > 0)
        {
            return; // pushed by an earlier test of the class
        }

        await Data.PushAsync(Header(sender: "UNICEF"), [Daily("SH_DYN_IMRT", "484", 100_000)]);
        var areas = Areas;
        for (var start = 0; start < areas.Length; start += 50)
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
