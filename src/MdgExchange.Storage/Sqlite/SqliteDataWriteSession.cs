using MdgExchange.Domain.Data;
using Microsoft.Data.Sqlite;

namespace MdgExchange.Storage.Sqlite;

/// <summary>
/// One transfer's writes in one SQLite transaction (BEGIN IMMEDIATE: the write lock is taken when the session
/// opens). Every statement is prepared once and rebound per row; the per-observation ones (read the current
/// versions, insert, close) are <see cref="SqliteStatement"/>s stepped through the C API, the per-series ones
/// prepared commands. SQLite has no asynchronous I/O, so the statements run synchronously.
/// </summary>
internal sealed class SqliteDataWriteSession : IDataWriteSession, IObservationSink
{
    private readonly IDisposable _writerLease;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Guid _transferId;
    private readonly string _transferText;
    private readonly string _now;
    private readonly string _dataflow;
    private readonly SeriesWriter _writer = new();
    // Series met earlier in this transfer, so that a series sent in several batches is looked up once. Bounded: a
    // push of millions of series must not hold all their keys (the lookup by key is indexed anyway).
    private const int SeriesPkCacheSize = 4_096;
    private readonly Dictionary<string, long> _seriesPks = new(StringComparer.Ordinal);
    private readonly List<SqliteCommand> _commands = [];
    private readonly SqliteCommand _findSeries;
    private readonly SqliteCommand _insertSeries;
    private readonly SqliteCommand _currentAttributes;
    private readonly SqliteCommand _closeAttributes;
    private readonly SqliteCommand _replaceAttributes;
    private readonly SqliteCommand _insertAttributes;
    private readonly SqliteStatement _currentObservations;
    private readonly SqliteStatement _insertObservation;
    private readonly SqliteStatement _closeObservation;
    private readonly SqliteStatement _removeObservation;
    private readonly (int SeriesPk, int TimePeriod, int ObsValue, int ObsIsNan, int Attributes) _insert;
    private readonly (int SeriesPk, int TimePeriod) _close;
    private readonly (int SeriesPk, int TimePeriod) _remove;
    private readonly byte[] _transferUtf8;
    private readonly byte[] _nowUtf8;
    private object _seriesPk = 0L;
    private long _boundSeriesPk = -1;
    private string? _boundAttributes = "";
    private bool _faulted;
    private bool _committed;

    private SqliteDataWriteSession(IDisposable writer, SqliteConnection connection, Guid transferId, string dataflow, DateTimeOffset now, DateTimeOffset? embargoUntil)
    {
        _writerLease = writer;
        _connection = connection;
        EnlargeCache(connection);
        _transaction = connection.BeginTransaction(deferred: false);
        _transferId = transferId;
        _transferText = TransferIds.ToText(transferId);
        _now = SqliteText.FromTimestamp(now);
        _dataflow = dataflow;

        _findSeries = Prepare(SqliteWriteSql.FindSeries, "@Dataflow", "@SeriesKey");
        _insertSeries = Prepare(SqliteWriteSql.InsertSeries, "@Dataflow", "@SeriesKey", "@KeyValues", "@SeriesCode", "@RefArea", "@Now");
        _currentAttributes = Prepare(SqliteWriteSql.CurrentAttributes, "@SeriesPk");
        _closeAttributes = Prepare(SqliteWriteSql.CloseAttributes, "@SeriesPk", "@Now");
        _replaceAttributes = Prepare(SqliteWriteSql.ReplaceAttributes, "@SeriesPk", "@Attributes", "@TransferId");
        _insertAttributes = Prepare(SqliteWriteSql.InsertAttributes, "@SeriesPk", "@Attributes", "@TransferId", "@Now");
        _currentObservations = new SqliteStatement(connection, SqliteWriteSql.CurrentObservations);
        _insertObservation = new SqliteStatement(connection, SqliteWriteSql.InsertObservation);
        _closeObservation = new SqliteStatement(connection, SqliteWriteSql.CloseObservation);
        _removeObservation = new SqliteStatement(connection, SqliteWriteSql.RemoveObservation);

        _insert = (
            _insertObservation.Parameter("@SeriesPk"),
            _insertObservation.Parameter("@TimePeriod"),
            _insertObservation.Parameter("@ObsValue"),
            _insertObservation.Parameter("@ObsIsNan"),
            _insertObservation.Parameter("@Attributes"));
        _close = (_closeObservation.Parameter("@SeriesPk"), _closeObservation.Parameter("@TimePeriod"));
        _remove = (_removeObservation.Parameter("@SeriesPk"), _removeObservation.Parameter("@TimePeriod"));
        _transferUtf8 = System.Text.Encoding.UTF8.GetBytes(_transferText);
        _nowUtf8 = System.Text.Encoding.UTF8.GetBytes(_now);
        BindSessionValues(embargoUntil);
    }

    /// <summary>
    /// A transfer can hold millions of rows in one transaction: with SQLite's default 2 MB page cache the
    /// B-tree pages it keeps touching spill to the WAL and are read back through it. The session's cache is
    /// larger, and set back when the session ends so that the pooled connection does not keep the memory.
    /// </summary>
    private static void EnlargeCache(SqliteConnection connection)
    {
        using var cache = connection.CreateCommand();
        cache.CommandText = "PRAGMA cache_size = -65536";
        cache.ExecuteNonQuery();
    }

    /// <summary>What every row of the session shares is bound once.</summary>
    private void BindSessionValues(DateTimeOffset? embargoUntil)
    {
        _insertObservation.Bind(_insertObservation.Parameter("@TransferId"), _transferText);
        _insertObservation.Bind(_insertObservation.Parameter("@Now"), _now);
        _insertObservation.Bind(_insertObservation.Parameter("@EmbargoUntil"), SqliteText.FromTimestamp(embargoUntil));
        _closeObservation.Bind(_closeObservation.Parameter("@Now"), _now);
        _removeObservation.Bind(_removeObservation.Parameter("@Now"), _now);
        foreach (var command in _commands)
        {
            SetIfPresent(command, "@Dataflow", _dataflow);
            SetIfPresent(command, "@Now", _now);
            SetIfPresent(command, "@TransferId", _transferText);
        }
    }

    /// <summary>Opens the session; without <paramref name="wait"/>, null when another session holds the writer gate.</summary>
    public static async Task<SqliteDataWriteSession?> OpenAsync(
        SqliteConnectionFactory connections, Guid transferId, string dataflow, DateTimeOffset now, DateTimeOffset? embargoUntil, bool wait, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataflow);
        var writer = wait ? await connections.EnterWriterAsync(cancellationToken) : connections.TryEnterWriter();
        if (writer is null)
        {
            return null;
        }

        SqliteConnection? connection = null;
        try
        {
            connection = await connections.OpenAsync(cancellationToken);
            return new SqliteDataWriteSession(writer, connection, transferId, dataflow, now, embargoUntil);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            writer.Dispose();
            throw;
        }
    }

    public string? Owner
    {
        get => _writer.Owner;
        set => _writer.Owner = value;
    }

    public Task<SeriesWriteCounts> WriteSeriesAsync(
        string seriesKey,
        IReadOnlyDictionary<string, string> keyValues,
        IReadOnlyDictionary<string, string> seriesAttributes,
        IReadOnlyList<Observation> observations,
        DataAction action,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(seriesKey);
        ArgumentNullException.ThrowIfNull(keyValues);
        ArgumentNullException.ThrowIfNull(observations);
        CheckOpen();
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult(WriteSeries(seriesKey, keyValues, seriesAttributes, observations, action));
        }
        catch
        {
            // Part of the series may be written: the session can only be rolled back now.
            _faulted = true;
            throw;
        }
    }

    private SeriesWriteCounts WriteSeries(
        string seriesKey,
        IReadOnlyDictionary<string, string> keyValues,
        IReadOnlyDictionary<string, string>? seriesAttributes,
        IReadOnlyList<Observation> observations,
        DataAction action)
    {
        var isNew = false;
        if (!_seriesPks.TryGetValue(seriesKey, out var seriesPk))
        {
            _findSeries.Parameters["@SeriesKey"].Value = seriesKey;
            if (_findSeries.ExecuteScalar() is long found)
            {
                seriesPk = found;
            }
            else if (action == DataAction.Delete)
            {
                // Nothing of an unknown series can be deleted; it is not created just to stay empty.
                return default;
            }
            else
            {
                isNew = true;
                _insertSeries.Parameters["@SeriesKey"].Value = seriesKey;
                _insertSeries.Parameters["@KeyValues"].Value = AttributeJson.WriteKeyValues(keyValues);
                _insertSeries.Parameters["@SeriesCode"].Value = (object?)DataKeys.SeriesCode(keyValues) ?? DBNull.Value;
                _insertSeries.Parameters["@RefArea"].Value = (object?)DataKeys.RefArea(keyValues) ?? DBNull.Value;
                seriesPk = (long)_insertSeries.ExecuteScalar()!;
            }

            RememberSeries(seriesKey, seriesPk);
        }

        _seriesPk = seriesPk;
        if (action != DataAction.Delete)
        {
            WriteSeriesAttributes(isNew, seriesAttributes);
        }

        _writer.Current.Clear();
        if (!isNew)
        {
            LoadCurrentObservations();
        }

        return _writer.Apply(seriesKey, observations, action, this);
    }

    /// <summary>A new version when the attributes differ; none when a series never had any and still has none.</summary>
    private void WriteSeriesAttributes(bool isNew, IReadOnlyDictionary<string, string>? attributes)
    {
        var json = _writer.Json.WriteVersion(attributes);
        string? currentJson = null, currentTransfer = null, currentFrom = null;
        if (!isNew)
        {
            _currentAttributes.Parameters["@SeriesPk"].Value = _seriesPk;
            using var reader = _currentAttributes.ExecuteReader();
            if (reader.Read())
            {
                currentJson = reader.GetString(0);
                currentTransfer = reader.GetString(1);
                currentFrom = reader.GetString(2);
            }
        }

        if (string.Equals(json, currentJson ?? "{}", StringComparison.Ordinal))
        {
            return;
        }

        // A version begun at this same instant was never visible to anyone: it is overwritten, not closed.
        if (currentJson is not null && (currentTransfer == _transferText || currentFrom == _now))
        {
            _replaceAttributes.Parameters["@SeriesPk"].Value = _seriesPk;
            _replaceAttributes.Parameters["@Attributes"].Value = json;
            _replaceAttributes.ExecuteNonQuery();
            return;
        }

        if (currentJson is not null)
        {
            _closeAttributes.Parameters["@SeriesPk"].Value = _seriesPk;
            _closeAttributes.ExecuteNonQuery();
        }

        _insertAttributes.Parameters["@SeriesPk"].Value = _seriesPk;
        _insertAttributes.Parameters["@Attributes"].Value = json;
        _insertAttributes.ExecuteNonQuery();
    }

    private void LoadCurrentObservations()
    {
        _currentObservations.Bind(_currentObservations.Parameter("@SeriesPk"), (long)_seriesPk);
        while (_currentObservations.Read())
        {
            double? value = _currentObservations.IsNull(1)
                ? (_currentObservations.GetInt64(2) != 0 ? double.NaN : null)
                : _currentObservations.GetDouble(1);
            var current = new CurrentObservation(
                value,
                _currentObservations.IsNull(3) ? null : _currentObservations.GetString(3),
                _currentObservations.GetUtf8(4).SequenceEqual(_transferUtf8),
                _currentObservations.GetUtf8(5).SequenceEqual(_nowUtf8),
                _currentObservations.IsNull(6) ? null : _currentObservations.GetString(6));
            _writer.Current.Add(_currentObservations.GetString(0), current);
        }
    }

    void IObservationSink.Insert(Observation observation, string? attributesJson)
    {
        // SQLite keeps bindings between executions: the series and the attribute set (the same string instance
        // while it repeats) are bound again only when they change.
        var statement = _insertObservation;
        var seriesPk = (long)_seriesPk;
        if (seriesPk != _boundSeriesPk)
        {
            statement.Bind(_insert.SeriesPk, seriesPk);
            _boundSeriesPk = seriesPk;
        }

        statement.Bind(_insert.TimePeriod, observation.TimePeriod);
        if (observation.Value is { } value && !double.IsNaN(value))
        {
            statement.Bind(_insert.ObsValue, value);
            statement.Bind(_insert.ObsIsNan, 0L);
        }
        else
        {
            statement.BindNull(_insert.ObsValue);
            statement.Bind(_insert.ObsIsNan, observation.Value is null ? 0L : 1L);
        }

        if (!ReferenceEquals(attributesJson, _boundAttributes))
        {
            statement.Bind(_insert.Attributes, attributesJson);
            _boundAttributes = attributesJson;
        }

        statement.Execute();
    }

    void IObservationSink.Close(string timePeriod, bool beganNow)
    {
        var (statement, (seriesPk, period)) = beganNow ? (_removeObservation, _remove) : (_closeObservation, _close);
        statement.Bind(seriesPk, (long)_seriesPk);
        statement.Bind(period, timePeriod);
        statement.Execute();
    }

    private void RememberSeries(string seriesKey, long seriesPk)
    {
        if (_seriesPks.Count >= SeriesPkCacheSize)
        {
            _seriesPks.Clear();
        }

        _seriesPks.Add(seriesKey, seriesPk);
    }

    public async Task CommitAsync(Transfer transfer, CancellationToken cancellationToken)
    {
        DataKeys.CheckSession(_transferId, transfer);
        CheckOpen();
        await SqliteTransferStore.InsertAsync(_connection, _transaction, transfer, cancellationToken);
        await SqliteTransferStore.DeleteStartAsync(_connection, _transaction, _transferId, cancellationToken);
        await _transaction.CommitAsync(cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands)
        {
            await command.DisposeAsync();
        }

        _currentObservations.Dispose();
        _insertObservation.Dispose();
        _closeObservation.Dispose();
        _removeObservation.Dispose();

        // Disposing an uncommitted transaction rolls it back.
        await _transaction.DisposeAsync();
        await using (var cache = _connection.CreateCommand())
        {
            cache.CommandText = "PRAGMA cache_size = -2000";
            await cache.ExecuteNonQueryAsync();
        }

        await _connection.DisposeAsync();
        _writerLease.Dispose();
    }

    private void CheckOpen()
    {
        if (_committed)
        {
            throw new InvalidOperationException($"the write session of transfer {_transferId} is already committed");
        }

        if (_faulted)
        {
            throw new InvalidOperationException($"a write of transfer {_transferId} failed; the session can only be disposed (rolled back)");
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameterNames)
    {
        var command = _connection.CreateCommand();
        _commands.Add(command);
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        command.Prepare();
        return command;
    }

    private static void SetIfPresent(SqliteCommand command, string name, object value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value;
        }
    }
}
