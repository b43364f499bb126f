using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using MdgExchange.Domain.Structure;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Bench;

/// <summary>
/// End to end over gRPC against the real server process on a fresh SQLite database: PushSeries of N
/// observations (full validation, lineage, one transaction), then PullSeries of all of them; the server's
/// peak resident memory (VmHWM) during each phase.
/// </summary>
internal static class GrpcBench
{
    internal const int ObservationsPerSeries = 50;
    private const int SeriesPerBatch = 20;

    /// <summary>One size's figures, for the summary that compares sizes.</summary>
    public sealed record Result(long Observations, double CeilingPerSecond, double PushPerSecond, double PullPerSecond, long PushPeakMiB, long PullPeakMiB);

    public static async Task<Result> RunAsync(long observations)
    {
        var directory = Path.Combine(Path.GetTempPath(), "mdgx-bench-grpc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var (seriesCodes, areas) = Codes();
        var seriesCount = (int)((observations + ObservationsPerSeries - 1) / ObservationsPerSeries);
        if (seriesCount > seriesCodes.Count * areas.Count * 2)
        {
            throw new ArgumentOutOfRangeException(nameof(observations), "more series than the SDG codelists have keys");
        }

        // 1. The ceiling, on exactly these observations: raw inserts through SQLite's C API, one prepared statement, one transaction.
        var shape = new CeilingShape(
            seriesCount,
            i => $"A.{ReportingType(i, seriesCodes, areas)}.{seriesCodes[i % seriesCodes.Count]}.{areas[i / seriesCodes.Count % areas.Count]}._T._T._T._T._T._T._T._T._T._T._T",
            i => (int)Math.Min(ObservationsPerSeries, observations - ((long)i * ObservationsPerSeries)),
            Enumerable.Range(1970, ObservationsPerSeries).Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray(),
            """{"NATURE":"C","OBS_STATUS":"A","UNIT_MULT":"0"}""");
        var ceiling = await DataBench.CeilingAsync(Path.Combine(directory, "ceiling.db"), shape, raw: true);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(Path.Combine(directory, "ceiling.db"));
        var ceilingRate = observations / ceiling.Wall.TotalSeconds;
        Console.WriteLine($"ceiling: raw SQLite insert of the same {observations:N0} observations, one prepared statement, one transaction: {ceiling.Wall.TotalSeconds:N1} s, {ceilingRate:N0} rows/s");

        var (grpcPort, httpPort) = (FreePort(), FreePort());
        // MDGX_BENCH_GRPC_PORT: measure a server already running (e.g. under dotnet-trace) instead of starting one.
        var existing = Environment.GetEnvironmentVariable("MDGX_BENCH_GRPC_PORT");
        if (existing is not null)
        {
            grpcPort = int.Parse(existing, CultureInfo.InvariantCulture);
        }

        double pushRate, pullRate;
        long pushPeak, pullPeak;
        using var server = existing is null ? StartServer(directory, grpcPort, httpPort) : Process.GetProcessById(int.Parse(Environment.GetEnvironmentVariable("MDGX_BENCH_SERVER_PID")!, CultureInfo.InvariantCulture));
        try
        {
            // As a national office would: a provider key and a provision agreement, made with the install's admin key.
            var address = $"http://127.0.0.1:{grpcPort}";
            var admin = Environment.GetEnvironmentVariable("MDGX_BENCH_ADMIN_KEY") ?? File.ReadAllText(Path.Combine(directory, "data", "admin-api-key")).Trim();
            var providerKey = await OnboardAsync(address, admin);
            using var channel = Channel(address, providerKey);
            var client = new DataExchangeService.DataExchangeServiceClient(channel);
            // Warm-up: the same code paths on series of their own (SEX=F), so that the figures below are those of a
            // running service, not of the JIT compiling it (in the server and in this client alike).
            var warmUp = Stopwatch.StartNew();
            await PushAsync(client, Math.Min(seriesCount, 4_000), seriesCodes, areas, sex: "F");
            await PullAsync(client, "A....F..........");
            Console.WriteLine($"warm-up: {Math.Min(seriesCount, 4_000) * ObservationsPerSeries:N0} observations pushed and pulled in {warmUp.Elapsed.TotalSeconds:N1} s (series with SEX=F, not counted below)");

            ResetPeak(server.Id);
            var cpuBefore = ServerCpu(server.Id);
            var push = Stopwatch.StartNew();
            var response = await PushAsync(client, seriesCount, seriesCodes, areas, sex: "_T");
            push.Stop();
            pushRate = response.Observations / push.Elapsed.TotalSeconds;
            pushPeak = PeakMiB(server.Id);
            Console.WriteLine($"PushSeries {response.Observations:N0} observations ({response.Series:N0} series, batches of {SeriesPerBatch * ObservationsPerSeries}): "
                + $"{push.Elapsed.TotalSeconds:N1} s, {pushRate:N0} obs/s = {pushRate / ceilingRate:P0} of the ceiling; server CPU {ServerCpu(server.Id) - cpuBefore:N1} s; server peak RSS {pushPeak:N0} MiB");

            ResetPeak(server.Id);
            cpuBefore = ServerCpu(server.Id);
            var pull = Stopwatch.StartNew();
            var pulled = await PullAsync(client, "A...._T..........");
            pull.Stop();
            pullRate = pulled / pull.Elapsed.TotalSeconds;
            pullPeak = PeakMiB(server.Id);
            Console.WriteLine($"PullSeries {pulled:N0} observations: {pull.Elapsed.TotalSeconds:N1} s, {pullRate:N0} obs/s; server CPU {ServerCpu(server.Id) - cpuBefore:N1} s; server peak RSS during the pull {pullPeak:N0} MiB");
        }
        finally
        {
            if (existing is null)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }

            Directory.Delete(directory, recursive: true);
        }

        return new Result(observations, ceilingRate, pushRate, pullRate, pushPeak, pullPeak);
    }

    /// <summary>A channel whose calls carry the API key.</summary>
    internal static GrpcChannel Channel(string address, string apiKey) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        MaxReceiveMessageSize = 64 * 1024 * 1024,
        Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("x-api-key", apiKey);
            return Task.CompletedTask;
        })),
        UnsafeUseInsecureChannelCallCredentials = true,
    });

    /// <summary>Creates the provider key of organisation BENCH and registers its provision agreement for the SDG dataflow.</summary>
    internal static async Task<string> OnboardAsync(string address, string adminKey)
    {
        using var channel = Channel(address, adminKey);
        var key = await new KeyService.KeyServiceClient(channel).CreateKeyAsync(new CreateKeyRequest { Organisation = "BENCH", Role = "provider", Name = "benchmark" });
        var scheme = new DataProviderScheme { AgencyId = "BENCH", Id = "DATA_PROVIDERS", Version = "1.0", Names = [new("en", "Benchmark")], Items = [new DataProvider { Id = "BENCH", Names = [new("en", "Benchmark")] }] };
        var agreement = new ProvisionAgreement
        {
            AgencyId = "MDGX", Id = "PA_BENCH_DF_SDG", Version = "1.0", Names = [new("en", "Benchmark reports the SDG dataflow")],
            StructureUsage = new MdgExchange.Domain.Structure.ArtefactRef(MdgExchange.Domain.Structure.ArtefactType.Dataflow, "MDGX", "DF_SDG", "1.0"),
            DataProvider = new MdgExchange.Domain.Structure.ItemRef(scheme.Ref, "BENCH"),
        };
        using var file = new MemoryStream();
        StructureWriter.Write(file, new StructureHeader(), [scheme, agreement]);
        using var call = new StructureService.StructureServiceClient(channel).SubmitStructures();
        await call.RequestStream.WriteAsync(new SubmitStructuresRequest { Options = new SubmitStructuresOptions { FileName = "bench-agreement.xml" } });
        await call.RequestStream.WriteAsync(new SubmitStructuresRequest { Chunk = Google.Protobuf.ByteString.CopyFrom(file.ToArray()) });
        await call.RequestStream.CompleteAsync();
        var submitted = await call;
        if (!submitted.Applied)
        {
            throw new InvalidOperationException($"the benchmark's provision agreement was refused: {submitted}");
        }

        return key.ApiKey;
    }

    /// <summary>Pushes <paramref name="seriesCount"/> series of 50 observations, 20 series per message.</summary>
    internal static async Task<PushSeriesResponse> PushAsync(DataExchangeService.DataExchangeServiceClient client, int seriesCount, List<string> seriesCodes, List<string> areas, string sex)
    {
        using var call = client.PushSeries();
        await call.RequestStream.WriteAsync(new PushSeriesRequest { Header = new PushHeader { Dataflow = "MDGX:DF_SDG(1.0)", Sender = "BENCH", Action = "I" } });
        // One batch of series is built once and only its keys change between messages, so that the client spends
        // its time serialising, not building objects: the server is what is measured.
        var batch = new SeriesBatch();
        for (var j = 0; j < SeriesPerBatch; j++)
        {
            batch.Series.Add(Series("", "", "N"));
            batch.Series[j].Key["SEX"] = sex;
        }

        for (var first = 0; first < seriesCount; first += SeriesPerBatch)
        {
            var count = Math.Min(SeriesPerBatch, seriesCount - first);
            while (batch.Series.Count > count)
            {
                batch.Series.RemoveAt(batch.Series.Count - 1);
            }

            for (var j = 0; j < count; j++)
            {
                var i = first + j;
                var key = batch.Series[j].Key;
                key["SERIES"] = seriesCodes[i % seriesCodes.Count];
                key["REF_AREA"] = areas[i / seriesCodes.Count % areas.Count];
                key["REPORTING_TYPE"] = ReportingType(i, seriesCodes, areas);
            }

            await call.RequestStream.WriteAsync(new PushSeriesRequest { Batch = batch });
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }

    /// <summary>Pulls every series matching the key, 100 series per message; returns the observations received.</summary>
    private static async Task<long> PullAsync(DataExchangeService.DataExchangeServiceClient client, string key)
    {
        long pulled = 0;
        using var call = client.PullSeries(new PullSeriesRequest { Dataflow = "MDGX:DF_SDG(1.0)", Key = key, BatchSize = 100 });
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            foreach (var series in response.Series)
            {
                pulled += series.Observations.Count;
            }
        }

        return pulled;
    }

    private static string ReportingType(int i, List<string> seriesCodes, List<string> areas) => i / (seriesCodes.Count * areas.Count) == 0 ? "N" : "G";

    /// <summary>User plus system CPU seconds the process has used (Linux: /proc/PID/stat, in clock ticks of 1/100 s).</summary>
    internal static double ServerCpu(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static SeriesData Series(string code, string area, string reportingType)
    {
        var series = new SeriesData
        {
            Key =
            {
                ["FREQ"] = "A", ["REPORTING_TYPE"] = reportingType, ["SERIES"] = code, ["REF_AREA"] = area, ["SEX"] = "_T", ["AGE"] = "_T",
                ["URBANISATION"] = "_T", ["INCOME_WEALTH_QUANTILE"] = "_T", ["EDUCATION_LEV"] = "_T", ["OCCUPATION"] = "_T", ["CUST_BREAKDOWN"] = "_T",
                ["COMPOSITE_BREAKDOWN"] = "_T", ["DISABILITY_STATUS"] = "_T", ["ACTIVITY"] = "_T", ["PRODUCT"] = "_T",
            },
            Attributes = { ["UNIT_MEASURE"] = "PT" },
        };
        for (var year = 0; year < ObservationsPerSeries; year++)
        {
            series.Observations.Add(new ObservationData
            {
                TimePeriod = (1970 + year).ToString(CultureInfo.InvariantCulture),
                ObsValue = year * 1.5,
                Attributes = { ["OBS_STATUS"] = "A", ["UNIT_MULT"] = "0", ["NATURE"] = "C" },
            });
        }

        return series;
    }

    internal static (List<string> Series, List<string> Areas) Codes()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "datasets", "IAEG-SDGs_SDG_DSD_v1.0_full.xml"));
        var lists = StructureReader.Read(file).Artefacts.OfType<Codelist>().ToDictionary(c => c.Id);
        return (lists["CL_SERIES"].Items.Select(c => c.Id).ToList(), lists["CL_AREA"].Items.Select(c => c.Id).ToList());
    }

    internal static Process StartServer(string directory, int grpcPort, int httpPort)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MdgExchange.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root!.FullName, "src", "MdgExchange.Server", "bin", here.Parent!.Name, here.Name, "MdgExchange.Server.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory };
        foreach (var arg in new[] { dll, "--MdgExchange:Grpc:Host=127.0.0.1", $"--MdgExchange:Grpc:Port={grpcPort}", "--MdgExchange:Http:Host=127.0.0.1", $"--MdgExchange:Http:Port={httpPort}", "--Logging:LogLevel:Default=Warning" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/healthz")).GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException("the server did not start");
    }

    /// <summary>Resets the kernel's peak-RSS counter (VmHWM) of the process (Linux; needs to own the process).</summary>
    internal static void ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        }
        catch (IOException)
        {
            Console.WriteLine("(cannot reset the peak-RSS counter; the figure includes earlier phases)");
        }
    }

    internal static long PeakMiB(int pid) => StatusMiB(pid, "VmHWM:");

    /// <summary>The process's resident memory now (VmRSS).</summary>
    internal static long ResidentMiB(int pid) => StatusMiB(pid, "VmRSS:");

    private static long StatusMiB(int pid, string field) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith(field, StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).FirstOrDefault();

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
