using Dapper;
using MdgExchange.Domain.Data;

namespace MdgExchange.Storage.Tests;

/// <summary>Series, observations and transfers for the data store tests.</summary>
public static class DataTestKit
{
    public const string Dataflow = "MDGX:DF_SDG(1.0)";
    public static readonly DateTimeOffset T1 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset T2 = new(2025, 4, 1, 9, 30, 0, 123, TimeSpan.Zero);
    public static readonly DateTimeOffset T3 = new(2025, 5, 2, 18, 0, 0, TimeSpan.Zero);

    /// <summary>Dimension order of the key: FREQ, REPORTING_TYPE, SERIES, REF_AREA, SEX.</summary>
    public static (string Key, Dictionary<string, string> Values) Key(string series = "SH_DYN_MORT", string area = "404", string sex = "_T", string reportingType = "N")
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["FREQ"] = "A",
            ["REPORTING_TYPE"] = reportingType,
            ["SERIES"] = series,
            ["REF_AREA"] = area,
            ["SEX"] = sex,
        };
        return (string.Join('.', values.Values), values);
    }

    public static Observation Obs(string period, double? value, params (string Id, string Value)[] attributes)
    {
        var observation = new Observation { TimePeriod = period, Value = value };
        foreach (var (id, text) in attributes)
        {
            observation.Attributes[id] = text;
        }

        return observation;
    }

    public static Dictionary<string, string> Attributes(params (string Id, string Value)[] attributes) =>
        attributes.ToDictionary(a => a.Id, a => a.Value, StringComparer.Ordinal);

    public static Transfer Push(Guid transferId, DateTimeOffset started, SeriesWriteCounts counts = default) => new()
    {
        TransferId = transferId,
        Kind = "push",
        Channel = "grpc",
        Dataflow = Dataflow,
        StartedAt = started,
        FinishedAt = started.AddSeconds(3),
        Outcome = "completed",
        Action = "M",
        ObservationsInserted = counts.Inserted,
        ObservationsRevised = counts.Revised,
        ObservationsUnchanged = counts.Unchanged,
        ObservationsDeleted = counts.Deleted,
    };

    /// <summary>Writes series in one committed transfer begun at <paramref name="now"/>; returns its id and the total counts.</summary>
    public static async Task<(Guid TransferId, SeriesWriteCounts Counts)> WriteAsync(
        IDataStore store, DateTimeOffset now, DataAction action, params (string Key, Dictionary<string, string> Values, Dictionary<string, string> Attributes, Observation[] Observations)[] series)
    {
        var transferId = Guid.NewGuid();
        var counts = default(SeriesWriteCounts);
        await using var session = await store.BeginWriteAsync(transferId, Dataflow, now, null, CancellationToken.None);
        foreach (var (key, values, attributes, observations) in series)
        {
            counts += await session.WriteSeriesAsync(key, values, attributes, observations, action, CancellationToken.None);
        }

        await session.CommitAsync(Push(transferId, now, counts), CancellationToken.None);
        return (transferId, counts);
    }

    public static Task<(Guid TransferId, SeriesWriteCounts Counts)> WriteAsync(IDataStore store, DateTimeOffset now, DataAction action, params Observation[] observations)
    {
        var (key, values) = Key();
        return WriteAsync(store, now, action, (key, values, new Dictionary<string, string>(), observations));
    }

    public static async Task<List<StoredSeries>> ReadAsync(
        IDataStore store, DateTimeOffset? asOf = null, DateTimeOffset? updatedAfter = null, Func<IReadOnlyList<string>, bool>? filter = null, bool allVersions = false)
    {
        var result = new List<StoredSeries>();
        await foreach (var series in store.QueryAsync(new DataQuery(Dataflow, filter, asOf, updatedAfter, allVersions), CancellationToken.None))
        {
            result.Add(series);
        }

        return result;
    }

    /// <summary>period → value of the only series read, for short assertions.</summary>
    public static async Task<Dictionary<string, double?>> ValuesAsync(IDataStore store, DateTimeOffset? asOf = null, DateTimeOffset? updatedAfter = null)
    {
        var series = await ReadAsync(store, asOf, updatedAfter);
        series.Should().HaveCountLessThanOrEqualTo(1);
        return series.SelectMany(s => s.Observations).ToDictionary(o => o.TimePeriod, o => o.Value);
    }

    public static async Task<long> CountRowsAsync(TestDatabase database, string table)
    {
        await using var connection = await database.Connections.OpenAsync(CancellationToken.None);

        // The table name comes from the tests' own constants, never from input.
        return table switch
        {
            "series" => await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM series"),
            "series_attributes" => await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM series_attributes"),
            "observation" => await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM observation"),
            "transfer" => await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM transfer"),
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, "not a table of the tests"),
        };
    }
}
