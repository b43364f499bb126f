using System.Diagnostics;
using System.Net.Http.Headers;
using MdgExchange.Protos.V1;

namespace MdgExchange.Bench;

/// <summary>
/// SDMX REST exports against the real server process: N observations pushed over gRPC, then the whole dataflow
/// read over HTTP in each format (SDMX-CSV 1.0 and 2.0, SDMX-JSON 1.0 and 2.0, SDMX-ML structure-specific and, with
/// gzip, SDMX-CSV 2.0), the body streamed and counted by the client: observations per second, bytes, and the
/// server's peak resident memory (VmHWM) during each export. With --rounds R every format is exported R times
/// (round-robin) and the median printed: a single export of 200,000 observations lasts well under a second and
/// varies by tens of per cent from one run to the next.
/// </summary>
internal static class RestBench
{
    private static readonly (string Name, string MediaType, bool Gzip)[] Formats =
    [
        ("SDMX-CSV 1.0", "application/vnd.sdmx.data+csv;version=1.0.0", false),
        ("SDMX-CSV 2.0", "application/vnd.sdmx.data+csv;version=2.0.0", false),
        ("SDMX-JSON 1.0", "application/vnd.sdmx.data+json;version=1.0.0", false),
        ("SDMX-JSON 2.0", "application/vnd.sdmx.data+json;version=2.0.0", false),
        ("SDMX-ML 2.1 structure-specific", "application/vnd.sdmx.structurespecificdata+xml;version=2.1", false),
        ("SDMX-CSV 2.0, gzip", "application/vnd.sdmx.data+csv;version=2.0.0", true),
    ];

    public static async Task RunAsync(long observations, int rounds)
    {
        var directory = Path.Combine(Path.GetTempPath(), "mdgx-bench-rest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var (seriesCodes, areas) = GrpcBench.Codes();
        var seriesCount = (int)((observations + GrpcBench.ObservationsPerSeries - 1) / GrpcBench.ObservationsPerSeries);
        var (grpcPort, httpPort) = (GrpcBench.FreePort(), GrpcBench.FreePort());
        using var server = GrpcBench.StartServer(directory, grpcPort, httpPort);
        try
        {
            var admin = File.ReadAllText(Path.Combine(directory, "data", "admin-api-key")).Trim();
            var providerKey = await GrpcBench.OnboardAsync($"http://127.0.0.1:{grpcPort}", admin);
            using (var channel = GrpcBench.Channel($"http://127.0.0.1:{grpcPort}", providerKey))
            {
                var pushed = await GrpcBench.PushAsync(new DataExchangeService.DataExchangeServiceClient(channel), seriesCount, seriesCodes, areas, sex: "_T");
                Console.WriteLine($"pushed over gRPC: {pushed.Observations:N0} observations in {pushed.Series:N0} series");
            }

            using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromHours(1) };

            // Warm-up: every format once on a slice (one series code), so that the JIT is not measured.
            foreach (var (_, mediaType, gzip) in Formats)
            {
                await ExportAsync(http, $"/sdmx/rest/data/MDGX,DF_SDG,1.0/A..{seriesCodes[0]}............", mediaType, gzip);
            }

            // Every format once per round, rounds one after the other, so that a drift of the machine touches every
            // format alike; each format's figure is the median of its rounds, beside the fastest and slowest.
            var runs = Formats.ToDictionary(f => f.Name, _ => new List<(double PerSecond, double MiBPerSecond, double Bytes, double Cpu, long Before, long Peak)>());
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (name, mediaType, gzip) in Formats)
                {
                    GrpcBench.ResetPeak(server.Id);
                    var before = GrpcBench.ResidentMiB(server.Id);
                    var cpu = GrpcBench.ServerCpu(server.Id);
                    var clock = Stopwatch.StartNew();
                    var (bytes, _) = await ExportAsync(http, "/sdmx/rest/data/MDGX,DF_SDG,1.0/all", mediaType, gzip);
                    clock.Stop();
                    var seconds = clock.Elapsed.TotalSeconds;
                    runs[name].Add((observations / seconds, bytes / 1048576.0 / seconds, bytes / 1048576.0, GrpcBench.ServerCpu(server.Id) - cpu, before, GrpcBench.PeakMiB(server.Id)));
                }
            }

            Console.WriteLine();
            Console.WriteLine($"{rounds} round(s); obs/s is the median, [fastest .. slowest] beside it");
            Console.WriteLine("format                              observations   obs/s (median)   [min .. max]           MiB/s    body MiB   server CPU s   server RSS before → peak MiB");
            foreach (var (name, _, _) in Formats)
            {
                var r = runs[name];
                var median = Median(r.Select(x => x.PerSecond));
                Console.WriteLine($"{name,-34}  {observations,12:N0}   {median,14:N0}   [{r.Min(x => x.PerSecond),9:N0} .. {r.Max(x => x.PerSecond),9:N0}]  {Median(r.Select(x => x.MiBPerSecond)),9:N1}  {r[0].Bytes,10:N1}   {Median(r.Select(x => x.Cpu)),12:N2}   {r.Min(x => x.Before),12:N0} → {r.Max(x => x.Peak),4:N0}");
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Reads the whole response as it streams, counting bytes; the body is not kept.</summary>
    private static async Task<(long Bytes, string Transfer)> ExportAsync(HttpClient http, string path, string mediaType, bool gzip)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(mediaType));
        if (gzip)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} as {mediaType}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return (total, response.Headers.TryGetValues("X-Transfer-Id", out var ids) ? ids.First() : "?");
    }
}
