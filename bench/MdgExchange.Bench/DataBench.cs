using System.Diagnostics;
using System.Globalization;
using System.Text;
using MdgExchange.Domain.Data;
using MdgExchange.Storage;
using MdgExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MdgExchange.Bench;

/// <summary>
/// The data store on SQLite, each part on a fresh temporary database: (a) the ceiling, N observation rows
/// inserted by one prepared command in one transaction, the fastest this table takes rows; (b) a write session
/// applying the same N observations as SDG-like series and committing; (c) a query reading them all back.
/// </summary>
internal static class DataBench
{
    private const string Dataflow = "MDGX:DF_SDG(1.0)";
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(long observations)
    {
        var plan = SeriesPlan.Create(observations);
        Console.WriteLine(
            $"data: {observations:N0} observations in {plan.Count:N0} series of 100-1,000 (SDG-like keys, 2 observation attributes); "
            + $"{Environment.ProcessorCount} cores");
        var directory = Path.Combine(Path.GetTempPath(), "mdgx-bench-data-" + Guid.NewGuid().ToString("N"));
        try
        {
            var command = await CeilingAsync(Path.Combine(directory, "ceiling-command.db"), Shape(plan), raw: false);
            Report("(a) ceiling, one prepared SqliteCommand INSERT, one transaction", observations, command);
            var ceiling = await CeilingAsync(Path.Combine(directory, "ceiling-raw.db"), Shape(plan), raw: true);
            Report("(a') ceiling, one prepared statement stepped through the C API", observations, ceiling);
            SqliteConnection.ClearAllPools();

            var storage = StorageFactory.Create(new StorageOptions { SqlitePath = Path.Combine(directory, "data.db") });
            await storage.Migrator.MigrateAsync(CancellationToken.None);
            var write = await WriteAsync(storage.Data, plan);
            Report("(b) IDataWriteSession: write series + commit", observations, write);
            Console.WriteLine(
                $"    (b)/(a) = {command.Wall.TotalSeconds / write.Wall.TotalSeconds:P0} by wall clock, {command.Cpu.TotalSeconds / write.Cpu.TotalSeconds:P0} by CPU time; "
                + $"(b)/(a') = {ceiling.Wall.TotalSeconds / write.Wall.TotalSeconds:P0} by wall clock, {ceiling.Cpu.TotalSeconds / write.Cpu.TotalSeconds:P0} by CPU time");

            var (read, count, peak) = await QueryAsync(storage.Data);

            Report("(c) QueryAsync: read every series back", count, read);
            Console.WriteLine($"    working set while reading: peak {peak / 1024 / 1024:N0} MiB");
            var size = new FileInfo(Path.Combine(directory, "data.db")).Length;
            Console.WriteLine($"database file: {size / 1024 / 1024:N0} MiB ({(double)size / observations:N0} bytes per observation)");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }

        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / 1024 / 1024:N0} MiB; allocated: {GC.GetTotalAllocatedBytes() / 1024 / 1024:N0} MiB");
    }

    /// <summary>
    /// Rows per second of wall-clock time, and per second of this process's CPU time: on a shared machine the
    /// second is the steadier figure (the parts are single-threaded, apart from the GC's threads).
    /// </summary>
    private static CeilingShape Shape(SeriesPlan plan) => new(plan.Count, s => plan.Key(s).Key, plan.Length, SeriesPlan.Periods, SeriesPlan.AttributesJson);

    internal static void Report(string what, long rows, Timing timing)
    {
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(
            $"{what}: {rows:N0} rows in {timing.Wall.TotalSeconds:N2} s = {rows / timing.Wall.TotalSeconds:N0} rows/s "
            + $"(CPU {timing.Cpu.TotalSeconds:N2} s = {rows / timing.Cpu.TotalSeconds:N0} rows/CPU-s; {timing.Allocated / rows:N0} bytes allocated/row; "
            + $"working set now {process.WorkingSet64 / 1024 / 1024:N0} MiB, peak so far {process.PeakWorkingSet64 / 1024 / 1024:N0} MiB)");
    }

    internal readonly record struct Timing(TimeSpan Wall, TimeSpan Cpu, long Allocated)
    {
        public static Func<Timing> Start()
        {
            var watch = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes();
            return () => new Timing(watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes() - allocated);
        }
    }

    /// <summary>The same rows as the session writes, with the series rows made beforehand (untimed) for the foreign key.</summary>
    /// <summary>The ceiling: the same observations inserted into a migrated database by one prepared statement in one transaction (series rows inserted first, untimed).</summary>
    internal static async Task<Timing> CeilingAsync(string path, CeilingShape plan, bool raw)
    {
        var connections = new SqliteConnectionFactory(path);
        await new Migrator(connections).MigrateAsync(CancellationToken.None);
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        var now = Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        await using (var series = connection.BeginTransaction())
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = series;
            insert.CommandText =
                """
                INSERT INTO series (dataflow, series_key, key_values, created_at) VALUES (@Dataflow, @SeriesKey, '{}', @Now)
                """;
            var key = insert.Parameters.Add("@SeriesKey", SqliteType.Text);
            insert.Parameters.AddWithValue("@Dataflow", Dataflow);
            insert.Parameters.AddWithValue("@Now", now);
            insert.Prepare();
            for (var s = 0; s < plan.Count; s++)
            {
                key.Value = plan.SeriesKey(s);
                insert.ExecuteNonQuery();
            }

            series.Commit();
        }

        var stop = Timing.Start();
        await using var transaction = connection.BeginTransaction();
        if (raw)
        {
            RawInserts(connection, plan, now);
        }
        else
        {
            CommandInserts(connection, transaction, plan, now);
        }

        transaction.Commit();
        return stop();
    }

    private static void CommandInserts(SqliteConnection connection, SqliteTransaction transaction, CeilingShape plan, string now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            INSERT INTO observation (series_pk, time_period, obs_value, obs_is_nan, attributes, transfer_id, valid_from, embargo_until)
            VALUES (@SeriesPk, @TimePeriod, @ObsValue, @ObsIsNan, @Attributes, @TransferId, @Now, @EmbargoUntil)
            """;
        var seriesPk = command.Parameters.Add("@SeriesPk", SqliteType.Integer);
        var period = command.Parameters.Add("@TimePeriod", SqliteType.Text);
        var value = command.Parameters.Add("@ObsValue", SqliteType.Real);
        command.Parameters.AddWithValue("@ObsIsNan", 0L);
        command.Parameters.AddWithValue("@Attributes", plan.AttributesJson);
        command.Parameters.AddWithValue("@TransferId", Guid.NewGuid().ToString("D"));
        command.Parameters.AddWithValue("@Now", now);
        command.Parameters.AddWithValue("@EmbargoUntil", DBNull.Value);
        command.Prepare();
        var random = new Random(7);
        for (var s = 0; s < plan.Count; s++)
        {
            seriesPk.Value = (long)(s + 1);
            for (var o = 0; o < plan.Length(s); o++)
            {
                period.Value = plan.Periods[o];
                value.Value = Math.Round(random.NextDouble() * 100, 2);
                command.ExecuteNonQuery();
            }
        }
    }

    /// <summary>The same inserts through SQLite's C API: bind, step, reset; constant values bound once.</summary>
    private static void RawInserts(SqliteConnection connection, CeilingShape plan, string now)
    {
        var database = connection.Handle!;
        Check(database, raw.sqlite3_prepare_v2(
            database,
            """
            INSERT INTO observation (series_pk, time_period, obs_value, obs_is_nan, attributes, transfer_id, valid_from, embargo_until)
            VALUES (@SeriesPk, @TimePeriod, @ObsValue, @ObsIsNan, @Attributes, @TransferId, @Now, @EmbargoUntil)
            """,
            out var statement));
        try
        {
            raw.sqlite3_bind_int64(statement, 4, 0);
            raw.sqlite3_bind_text(statement, 5, plan.AttributesJson);
            raw.sqlite3_bind_text(statement, 6, Guid.NewGuid().ToString("D"));
            raw.sqlite3_bind_text(statement, 7, now);
            raw.sqlite3_bind_null(statement, 8);
            var periods = plan.Periods.Select(Encoding.UTF8.GetBytes).ToArray();
            var random = new Random(7);
            for (var s = 0; s < plan.Count; s++)
            {
                raw.sqlite3_bind_int64(statement, 1, s + 1);
                for (var o = 0; o < plan.Length(s); o++)
                {
                    raw.sqlite3_bind_text(statement, 2, periods[o]);
                    raw.sqlite3_bind_double(statement, 3, Math.Round(random.NextDouble() * 100, 2));
                    var rc = raw.sqlite3_step(statement);
                    raw.sqlite3_reset(statement);
                    if (rc != raw.SQLITE_DONE)
                    {
                        Check(database, rc);
                    }
                }
            }
        }
        finally
        {
            raw.sqlite3_finalize(statement);
        }
    }

    private static void Check(sqlite3 database, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            throw new SqliteException(raw.sqlite3_errmsg(database).utf8_to_string(), rc);
        }
    }

    private static async Task<Timing> WriteAsync(IDataStore store, SeriesPlan plan)
    {
        var stop = Timing.Start();
        var transferId = Guid.NewGuid();
        var random = new Random(7);
        var counts = default(SeriesWriteCounts);
        var seriesAttributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["UNIT_MEASURE"] = "PERCENT", ["UNIT_MULT"] = "0" };
        await using (var session = await store.BeginWriteAsync(transferId, Dataflow, Now, null, CancellationToken.None))
        {
            for (var s = 0; s < plan.Count; s++)
            {
                var (key, values) = plan.Key(s);
                var observations = new List<Observation>(plan.Length(s));
                for (var o = 0; o < plan.Length(s); o++)
                {
                    var observation = new Observation { TimePeriod = SeriesPlan.Periods[o], Value = Math.Round(random.NextDouble() * 100, 2) };
                    observation.Attributes["NATURE"] = "C";
                    observation.Attributes["OBS_STATUS"] = "A";
                    observations.Add(observation);
                }

                counts += await session.WriteSeriesAsync(key, values, seriesAttributes, observations, DataAction.Merge, CancellationToken.None);
            }

            await session.CommitAsync(
                new Transfer
                {
                    TransferId = transferId,
                    Kind = "push",
                    Channel = "bench",
                    Dataflow = Dataflow,
                    StartedAt = Now,
                    FinishedAt = Now,
                    Outcome = "completed",
                    ObservationsInserted = counts.Inserted,
                },
                CancellationToken.None);
        }

        return stop();
    }

    private static async Task<(Timing Elapsed, long Observations, long PeakWorkingSet)> QueryAsync(IDataStore store)
    {
        using var process = Process.GetCurrentProcess();
        var peak = 0L;
        var count = 0L;
        var checksum = 0.0;
        var stop = Timing.Start();
        await foreach (var series in store.QueryAsync(new DataQuery(Dataflow), CancellationToken.None))
        {
            foreach (var observation in series.Observations)
            {
                checksum += observation.Value ?? 0;
            }

            var before = count;
            count += series.Observations.Count;
            if (count / 250_000 != before / 250_000)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
            }
        }

        var elapsed = stop();
        process.Refresh();
        Console.WriteLine($"    (checksum {checksum:N0})");
        return (elapsed, count, Math.Max(peak, process.WorkingSet64));
    }
}

/// <summary>
/// Deterministic SDG-like series: series code × area × sex × age, each with 100-1,000 monthly observations,
/// until the total is reached. Only the lengths are kept; keys and observations are made when needed.
/// </summary>
/// <summary>What a ceiling inserts: how many series, each one's key and length, the periods and the observation attributes' JSON.</summary>
internal sealed record CeilingShape(int Count, Func<int, string> SeriesKey, Func<int, int> Length, string[] Periods, string AttributesJson);

internal sealed class SeriesPlan
{
    public const string AttributesJson = """{"NATURE":"C","OBS_STATUS":"A"}""";

    private static readonly string[] SeriesCodes =
    [
        "SH_DYN_MORT", "SH_DYN_IMRT", "SH_DYN_NMRT", "SI_POV_DAY1", "SI_POV_EMP1", "SN_ITK_DEFC", "SH_STA_STNT", "SE_TOT_CPLR",
        "SE_ADT_ACTS", "SG_GEN_PARL", "SH_H2O_SAFE", "EG_ELC_ACCS", "SL_TLF_UEM", "IT_USE_ii99", "EN_ATM_CO2", "AG_LND_FRST",
    ];

    private static readonly string[] Sexes = ["_T", "F", "M"];
    private static readonly string[] Ages = ["_T", "Y0T4", "Y15T24", "Y15T49", "Y_GE65"];

    public static readonly string[] Periods = Enumerable.Range(0, 1000)
        .Select(i => $"{1940 + (i / 12)}-{(i % 12) + 1:00}")
        .ToArray();

    private readonly List<int> _lengths = [];

    public int Count => _lengths.Count;

    public int Length(int series) => _lengths[series];

    public static SeriesPlan Create(long observations)
    {
        var plan = new SeriesPlan();
        var random = new Random(42);
        for (var left = observations; left > 0;)
        {
            var length = (int)Math.Min(left, random.Next(100, 1001));
            plan._lengths.Add(length);
            left -= length;
        }

        return plan;
    }

    /// <summary>The positional key and the values of series number <paramref name="index"/>.</summary>
    public (string Key, Dictionary<string, string> Values) Key(int index)
    {
        var series = SeriesCodes[index % SeriesCodes.Length];
        var rest = index / SeriesCodes.Length;
        var sex = Sexes[rest % Sexes.Length];
        rest /= Sexes.Length;
        var age = Ages[rest % Ages.Length];
        var area = (4 + (rest / Ages.Length)).ToString("000", CultureInfo.InvariantCulture);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["FREQ"] = "M",
            ["REPORTING_TYPE"] = "N",
            ["SERIES"] = series,
            ["REF_AREA"] = area,
            ["SEX"] = sex,
            ["AGE"] = age,
            ["URBANISATION"] = "_T",
            ["INCOME_WEALTH_QUANTILE"] = "_T",
            ["EDUCATION_LEV"] = "_T",
            ["OCCUPATION"] = "_T",
            ["CUST_BREAKDOWN"] = "_T",
            ["COMPOSITE_BREAKDOWN"] = "_Z",
            ["DISABILITY_STATUS"] = "_T",
            ["ACTIVITY"] = "_T",
            ["PRODUCT"] = "_T",
        };
        return (string.Join('.', values.Values), values);
    }
}
