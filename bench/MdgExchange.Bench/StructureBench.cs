using System.Diagnostics;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Ml;
using MdgExchange.Storage;

namespace MdgExchange.Bench;

/// <summary>The structure registry: reading and writing the SDG DSD, storing it and reading it back.</summary>
internal static class StructureBench
{
    public static async Task RunAsync(int iterations)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "datasets", "IAEG-SDGs_SDG_DSD_v1.0_full.xml");
        var bytes = File.ReadAllBytes(file);
        Console.WriteLine($"SDG DSD file: {bytes.Length:N0} bytes; {iterations} iterations; {Environment.ProcessorCount} cores");

        StructureMessage message = null!;
        var read = Measure(iterations, () => message = StructureReader.Read(new MemoryStream(bytes)));
        var codes = message.Artefacts.OfType<Codelist>().Sum(c => c.Items.Count);
        Print("read SDMX-ML (whole file)", read);
        Console.WriteLine($"  {message.Artefacts.Count} artefacts, {codes:N0} codes: {codes / Median(read) * 1000:N0} codes/s, {bytes.Length / Median(read) / 1024:N0} KiB/ms");

        var write = Measure(iterations, () => StructureWriter.Write(Stream.Null, message));
        Print("write SDMX-ML (whole file)", write);

        var directory = Path.Combine(Path.GetTempPath(), "mdgx-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var storage = StorageFactory.Create(new StorageOptions { SqlitePath = Path.Combine(directory, "bench.db") });
            await storage.Migrator.MigrateAsync(CancellationToken.None);
            var changes = message.Artefacts.Select(a => new ArtefactChange(ArtefactWrite.Create, a)).ToList();
            var save = Stopwatch.StartNew();
            await storage.Structures.SaveAsync(changes, DateTimeOffset.UtcNow, CancellationToken.None);
            save.Stop();
            Console.WriteLine($"store all artefacts in SQLite (one transaction): {save.Elapsed.TotalMilliseconds:N1} ms ({codes / save.Elapsed.TotalSeconds:N0} codes/s)");

            var series = new ArtefactRef(ArtefactType.Codelist, "IAEG-SDGs", "CL_SERIES", "1.0");
            var latest = series with { Version = ArtefactRef.Latest };
            Print("get codelist CL_SERIES (465 codes, whole artefact)", await MeasureAsync(iterations * 10, () => storage.Structures.GetAsync(series, CancellationToken.None)));
            Print("get codelist CL_SERIES(latest)", await MeasureAsync(iterations * 10, () => storage.Structures.GetAsync(latest, CancellationToken.None)));
            Print("read codes of CL_AREA (572 rows)", await MeasureAsync(iterations * 10, () => storage.Structures.GetCodesAsync(new ArtefactRef(ArtefactType.Codelist, "IAEG-SDGs", "CL_AREA", "1.0"), CancellationToken.None)));
            Print("get DSD IAEG-SDGs:SDG(1.0)", await MeasureAsync(iterations * 10, () => storage.Structures.GetAsync(new ArtefactRef(ArtefactType.DataStructure, "IAEG-SDGs", "SDG", "1.0"), CancellationToken.None)));
            Print("list all artefacts", await MeasureAsync(iterations * 10, () => storage.Structures.ListAsync(null, null, CancellationToken.None)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }

        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / 1024 / 1024:N0} MiB; allocated: {GC.GetTotalAllocatedBytes() / 1024 / 1024:N0} MiB");
    }

    private static List<double> Measure(int n, Action action)
    {
        action(); // warm-up
        var times = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static async Task<List<double>> MeasureAsync<T>(int n, Func<Task<T>> action)
    {
        await action();
        var times = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static double Median(List<double> times) => Percentile(times, 50);

    private static double Percentile(List<double> times, double p)
    {
        var sorted = times.Order().ToList();
        var index = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    private static void Print(string what, List<double> times) =>
        Console.WriteLine($"{what}: p50 {Percentile(times, 50):N2} ms, p95 {Percentile(times, 95):N2} ms, p99 {Percentile(times, 99):N2} ms (n={times.Count})");
}
