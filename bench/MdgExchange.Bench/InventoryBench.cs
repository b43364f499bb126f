using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Storage;

namespace MdgExchange.Bench;

/// <summary>
/// The information-flow inventory over N recorded transfers: a real server process; its transfer log filled with N
/// transfers of a year of exchanges (national pushes, agency pulls, agency publications, questions; 2 % refused)
/// through the transfer store; then InventoryService.ListFlows timed over gRPC as a coordinator calls it.
/// </summary>
internal static class InventoryBench
{
    private const int Batch = 20_000;

    public static async Task RunAsync(long transfers)
    {
        var directory = Path.Combine(Path.GetTempPath(), "mdgx-bench-inventory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var (grpcPort, httpPort) = (GrpcBench.FreePort(), GrpcBench.FreePort());
        using var server = GrpcBench.StartServer(directory, grpcPort, httpPort);
        try
        {
            var address = $"http://127.0.0.1:{grpcPort}";
            var admin = File.ReadAllText(Path.Combine(directory, "data", "admin-api-key")).Trim();
            string coordinatorKey;
            using (var adminChannel = GrpcBench.Channel(address, admin))
            {
                coordinatorKey = (await new KeyService.KeyServiceClient(adminChannel).CreateKeyAsync(new CreateKeyRequest { Organisation = "CEPAL", Role = "coordinator", Name = "bench" })).ApiKey;
            }

            var fill = Stopwatch.StartNew();
            var flows = await FillAsync(Path.Combine(directory, "data", "mdgexchange.db"), transfers);
            Console.WriteLine($"inventory: {transfers:N0} transfers over {flows:N0} flow keys written through the transfer store in {fill.Elapsed.TotalSeconds:N1} s");

            using var channel = GrpcBench.Channel(address, coordinatorKey);
            var client = new InventoryService.InventoryServiceClient(channel);
            var options = new CallOptions(deadline: DateTime.UtcNow.AddMinutes(5));
            var warm = await client.ListFlowsAsync(new InventoryRequest(), options);
            GrpcBench.ResetPeak(server.Id);
            var times = new List<double>();
            ListFlowsResponse last = warm;
            for (var i = 0; i < 7; i++)
            {
                var watch = Stopwatch.StartNew();
                last = await client.ListFlowsAsync(new InventoryRequest(), options);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            var filtered = Stopwatch.StartNew();
            var country = await client.ListFlowsAsync(new InventoryRequest { Country = "32" }, options);
            var countryMs = filtered.Elapsed.TotalMilliseconds;
            Console.WriteLine($"inventory: ListFlows over {last.TransfersRead:N0} transfers → {last.Flows.Count:N0} flows, {last.Flows.Sum(f => f.Transfers):N0} transfers counted");
            Console.WriteLine($"inventory: latency p50 {times[times.Count / 2]:N0} ms, min {times[0]:N0} ms, max {times[^1]:N0} ms (7 calls after a warm-up); one country: {countryMs:N0} ms, {country.Flows.Count} flows");
            Console.WriteLine($"inventory: server peak RSS during the calls {GrpcBench.PeakMiB(server.Id):N0} MiB");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A year of exchanges among 30 countries, 8 series and 3 agencies, one flow part per transfer.</summary>
    private static async Task<int> FillAsync(string database, long count)
    {
        var storage = StorageFactory.Create(new StorageOptions { Provider = StorageProviders.Sqlite, SqlitePath = database });
        string[] series = ["SH_DYN_MORT", "SH_DYN_IMRT", "SH_DYN_NMRT", "SH_STA_BRTC", "SI_POV_DAY1", "SE_TOT_CPLR", "SL_TLF_UEM", "SN_ITK_DEFC"];
        string[] agencies = ["UNICEF", "WHO", "WB"];
        var countries = Enumerable.Range(0, 30).Select(i => (Code: (32 + (i * 29)).ToString(CultureInfo.InvariantCulture), Office: $"NSO{i:D2}")).ToArray();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var step = TimeSpan.FromDays(365).Ticks / count;
        var keys = new HashSet<(string, string, string, string, string)>();
        var batch = new List<Transfer>(Batch);
        for (long i = 0; i < count; i++)
        {
            var (country, office) = countries[i % countries.Length];
            var code = series[i / countries.Length % series.Length];
            var agency = agencies[i / (countries.Length * series.Length) % agencies.Length];
            var (kind, sender, receiver, senderRole, receiverRole) = (i % 10) switch
            {
                < 4 => ("push", office, "*", "provider", (string?)null),
                < 8 => ("pull", office, agency, null, "agency"),
                < 9 => ("push", agency, "*", "agency", null),
                _ => ("annotate", agency, office, "agency", null),
            };
            keys.Add((kind, sender, receiver, code, country));
            var at = start.AddTicks(step * i);
            var rejected = i % 50 == 7;
            batch.Add(new Transfer
            {
                TransferId = Guid.NewGuid(),
                Kind = kind,
                Channel = "grpc",
                Format = "protobuf",
                SenderOrganisation = kind == "pull" ? null : sender,
                ReceiverOrganisation = kind == "pull" ? receiver : null,
                StartedAt = at.AddSeconds(-1),
                FinishedAt = at,
                Outcome = rejected ? "rejected" : "completed",
                ErrorSummary = rejected ? "series[0].observations[3].OBS_VALUE: not a number" : null,
                ObservationsRevised = kind == "push" && i % 7 == 0 ? 1 : 0,
                FlowParts = [new TransferFlowPart(code, country, sender, receiver, senderRole, receiverRole, 1, rejected ? 0 : 20)],
            });
            if (batch.Count == Batch)
            {
                await storage.Transfers.AppendAsync(batch, CancellationToken.None);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await storage.Transfers.AppendAsync(batch, CancellationToken.None);
        }

        return keys.Count;
    }
}
