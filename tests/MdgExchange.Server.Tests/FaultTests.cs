using Grpc.Core;
using Grpc.Net.Client;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>The real server process killed (SIGKILL) in the middle of pushes, then restarted on the same database.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mdgx-fault-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Waits (bounded) until the server's database holds the start note of a transfer, read directly from the file.</summary>
    private async Task WaitForStartedTransferAsync()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "data", "mdgexchange.db"), Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = new Microsoft.Data.Sqlite.SqliteConnection(connection);
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT count(*) FROM transfer_start";
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("the server never started the push");
    }

    /// <summary>Series of every country of CL_AREA in a small range, 30 years each: a push of many batches.</summary>
    private static IEnumerable<SeriesData> ManySeries(string seriesCode, int count)
    {
        count.Should().BeLessThanOrEqualTo(450);
        string[] areas = ["4", "8", "12", "20", "24", "28", "31", "32", "36", "40", "44", "48", "50", "51", "52", "56", "60", "64", "68", "70", "72", "76", "84", "90", "96"];
        for (var i = 0; i < count; i++)
        {
            var observations = Enumerable.Range(1990, 30).Select(y => (y.ToString(System.Globalization.CultureInfo.InvariantCulture), (double)(i + y), "C")).ToArray();
            // 25 areas x 2 reporting types x 3 sexes x 3 urbanisations: up to 450 distinct keys.
            var series = Sdg(seriesCode, areas[i % areas.Length], i / areas.Length % 2 == 0 ? "N" : "G", observations);
            series.Key["SEX"] = new[] { "_T", "F", "M" }[i / (areas.Length * 2) % 3];
            series.Key["URBANISATION"] = new[] { "_T", "U", "R" }[i / (areas.Length * 6) % 3];
            yield return series;
        }
    }

    [Fact]
    public async Task A_push_killed_mid_stream_leaves_nothing_and_is_recorded_as_failed_after_restart()
    {
        var server = await ServerProcess.StartAsync(_directory);
        using (var channel = await server.ChannelAsAsync("INDEC", "provider"))
        {
            var client = new DataExchangeService.DataExchangeServiceClient(channel);
            using var call = client.PushSeries();
            await call.RequestStream.WriteAsync(new PushSeriesRequest { Header = Header(sender: "INDEC") });
            foreach (var chunk in ManySeries("SH_DYN_MORT", 50).Chunk(10))
            {
                await call.RequestStream.WriteAsync(new PushSeriesRequest { Batch = new SeriesBatch { Series = { chunk } } });
            }

            // The stream is still open; once the server has noted the push as started, it dies in the middle of it.
            await WaitForStartedTransferAsync();
            await server.KillAsync();
            await FluentActions.Awaiting(() => call.ResponseAsync).Should().ThrowAsync<RpcException>();
        }

        await server.DisposeAsync();
        await using var restarted = await ServerProcess.StartAsync(_directory);
        restarted.Output.Should().Contain("interrupted");
        using var again = await restarted.ChannelAsAsync("CEPAL", "coordinator");
        var data = new DataExchangeService.DataExchangeServiceClient(again);
        (await data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A..SH_DYN_MORT............" })).Should().BeEmpty();
        var transfers = await new TransferService.TransferServiceClient(again).ListTransfersAsync(new ListTransfersRequest { Organisation = "INDEC", Kind = "push" });
        var transfer = transfers.Transfers.Should().ContainSingle().Subject;
        transfer.Outcome.Should().Be("failed");
        transfer.ErrorSummary.Should().Contain("stopped");
    }

    [Fact]
    public async Task A_pull_killed_mid_stream_is_recorded_as_failed_after_restart()
    {
        var server = await ServerProcess.StartAsync(_directory);
        using (var channel = await server.ChannelAsAsync("INEGI", "provider"))
        using (var who = await server.ChannelAsAsync("WHO", "agency"))
        {
            var client = new DataExchangeService.DataExchangeServiceClient(channel);
            await client.PushAsync(Header(sender: "INEGI"), ManySeries("SH_DYN_NMRT", 400).Chunk(50).Select(c => (IEnumerable<SeriesData>)c).ToArray());
            using var call = new DataExchangeService.DataExchangeServiceClient(who).PullSeries(new PullSeriesRequest { Dataflow = Flow, BatchSize = 1, Receiver = "WHO" });
            (await call.ResponseStream.MoveNext(CancellationToken.None)).Should().BeTrue();

            // The first of 400 batches has arrived (more than HTTP/2 flow control lets the server send ahead): it dies mid-pull.
            await server.KillAsync();
        }

        await server.DisposeAsync();
        await using var restarted = await ServerProcess.StartAsync(_directory);
        using var again = await restarted.ChannelAsAsync("CEPAL", "coordinator");
        var pulls = await new TransferService.TransferServiceClient(again).ListTransfersAsync(new ListTransfersRequest { Kind = "pull" });
        var pull = pulls.Transfers.Should().ContainSingle().Subject;
        pull.Outcome.Should().Be("failed");
        pull.ErrorSummary.Should().Contain("stopped");
    }

    [Fact]
    public async Task A_push_killed_around_its_commit_is_all_there_or_not_at_all()
    {
        var server = await ServerProcess.StartAsync(_directory);
        const int seriesCount = 400;
        using (var channel = await server.ChannelAsAsync("IBGE", "provider"))
        {
            var client = new DataExchangeService.DataExchangeServiceClient(channel);
            using var call = client.PushSeries();
            await call.RequestStream.WriteAsync(new PushSeriesRequest { Header = Header(sender: "IBGE") });
            foreach (var chunk in ManySeries("SH_DYN_IMRT", seriesCount).Chunk(50))
            {
                await call.RequestStream.WriteAsync(new PushSeriesRequest { Batch = new SeriesBatch { Series = { chunk } } });
            }

            await call.RequestStream.CompleteAsync();

            // Killed while it validates, writes or commits: which one depends on timing, atomicity must hold for each.
            await server.KillAsync();
            try
            {
                await call.ResponseAsync;
            }
            catch (RpcException)
            {
                // Expected most of the time: the server died before answering.
            }
        }

        await server.DisposeAsync();
        await using var restarted = await ServerProcess.StartAsync(_directory);
        using var again = await restarted.ChannelAsAsync("CEPAL", "coordinator");
        var stored = await new DataExchangeService.DataExchangeServiceClient(again).PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A..SH_DYN_IMRT............" });
        var transfer = (await new TransferService.TransferServiceClient(again).ListTransfersAsync(new ListTransfersRequest { Organisation = "IBGE", Kind = "push" })).Transfers.Should().ContainSingle().Subject;
        if (transfer.Outcome == "completed")
        {
            stored.Sum(s => s.Observations.Count).Should().Be(seriesCount * 30);
        }
        else
        {
            transfer.Outcome.Should().Be("failed");
            stored.Should().BeEmpty();
        }
    }
}
