using System.Data;
using System.Text.Json;
using Dapper;
using MdgExchange.Domain.Data;
using Microsoft.Data.SqlClient;

namespace MdgExchange.Storage.SqlServer;

/// <summary>
/// One transfer's writes in one SQL Server transaction. New observation versions are buffered and sent with
/// SqlBulkCopy; ended versions are closed by one set-based statement per flush. The buffer is flushed when it
/// is full, before the current versions of a series with pending changes are read again, and at commit.
/// </summary>
internal sealed class SqlServerDataWriteSession : IDataWriteSession, IObservationSink
{
    private const int FlushRows = 50_000;

    private readonly SqlConnection _connection;
    private readonly SqlTransaction _transaction;
    private readonly Guid _transferId;
    private readonly string _transferText;
    private readonly DateTimeOffset _now;
    private readonly object _embargoUntil;
    private readonly string _dataflow;
    private readonly SeriesWriter _writer = new();
    // Series met earlier in this transfer, so that a series sent in several batches is looked up once. Bounded: a
    // push of millions of series must not hold all their keys (the lookup by key is indexed anyway).
    private const int SeriesPkCacheSize = 4_096;
    private readonly Dictionary<string, long> _seriesPks = new(StringComparer.Ordinal);
    private readonly HashSet<long> _pendingSeries = [];
    private readonly List<PendingClose> _closes = [];
    private readonly DataTable _inserts = ObservationTable();
    private long _seriesPk;
    private bool _faulted;
    private bool _committed;

    private SqlServerDataWriteSession(SqlConnection connection, SqlTransaction transaction, Guid transferId, string dataflow, DateTimeOffset now, DateTimeOffset? embargoUntil)
    {
        _connection = connection;
        _transaction = transaction;
        _transferId = transferId;
        _transferText = TransferIds.ToText(transferId);
        _now = now.ToUniversalTime();
        _embargoUntil = (object?)embargoUntil?.ToUniversalTime() ?? DBNull.Value;
        _dataflow = dataflow;
    }

    public static async Task<SqlServerDataWriteSession> OpenAsync(
        SqlServerConnectionFactory connections, Guid transferId, string dataflow, DateTimeOffset now, DateTimeOffset? embargoUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataflow);
        var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            var transaction = (SqlTransaction)await connection.BeginTransactionAsync(cancellationToken);
            return new SqlServerDataWriteSession(connection, transaction, transferId, dataflow, now, embargoUntil);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public string? Owner
    {
        get => _writer.Owner;
        set => _writer.Owner = value;
    }

    public async Task<SeriesWriteCounts> WriteSeriesAsync(
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
        try
        {
            var isNew = await FindOrAddSeriesAsync(seriesKey, keyValues, action != DataAction.Delete, cancellationToken);
            if (isNew is null)
            {
                // Nothing of an unknown series can be deleted; it is not created just to stay empty.
                return default;
            }

            if (action != DataAction.Delete)
            {
                await WriteSeriesAttributesAsync(isNew.Value, seriesAttributes, cancellationToken);
            }

            _writer.Current.Clear();
            if (isNew == false)
            {
                if (_pendingSeries.Contains(_seriesPk))
                {
                    await FlushAsync(cancellationToken);
                }

                await LoadCurrentObservationsAsync(cancellationToken);
            }

            var counts = _writer.Apply(seriesKey, observations, action, this);
            if (_inserts.Rows.Count + _closes.Count >= FlushRows)
            {
                await FlushAsync(cancellationToken);
            }

            return counts;
        }
        catch
        {
            // Part of the series may be written or buffered: the session can only be rolled back now.
            _faulted = true;
            throw;
        }
    }

    /// <summary>
    /// UPDLOCK and HOLDLOCK keep the series row (or the gap where it goes) locked until the transaction ends, so
    /// two concurrent transfers of the same series take turns instead of both reading the same current versions.
    /// </summary>
    /// <returns>True when the series was created, false when it existed, null when it does not exist and <paramref name="create"/> is false.</returns>
    private async Task<bool?> FindOrAddSeriesAsync(string seriesKey, IReadOnlyDictionary<string, string> keyValues, bool create, CancellationToken cancellationToken)
    {
        if (_seriesPks.TryGetValue(seriesKey, out _seriesPk))
        {
            return false;
        }

        var found = await _connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            SELECT series_pk FROM series WITH (UPDLOCK, HOLDLOCK) WHERE dataflow = @Dataflow AND series_key = @SeriesKey
            """,
            new { Dataflow = _dataflow, SeriesKey = seriesKey },
            _transaction,
            cancellationToken: cancellationToken));
        if (found is null && !create)
        {
            return null;
        }

        var isNew = found is null;
        _seriesPk = found ?? await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO series (dataflow, series_key, key_values, series_code, ref_area, created_at)
            OUTPUT INSERTED.series_pk
            VALUES (@Dataflow, @SeriesKey, @KeyValues, @SeriesCode, @RefArea, @Now)
            """,
            new
            {
                Dataflow = _dataflow,
                SeriesKey = seriesKey,
                KeyValues = AttributeJson.WriteKeyValues(keyValues),
                SeriesCode = DataKeys.SeriesCode(keyValues),
                RefArea = DataKeys.RefArea(keyValues),
                Now = _now,
            },
            _transaction,
            cancellationToken: cancellationToken));
        RememberSeries(seriesKey, _seriesPk);
        return isNew;
    }

    private async Task WriteSeriesAttributesAsync(bool isNew, IReadOnlyDictionary<string, string>? attributes, CancellationToken cancellationToken)
    {
        var json = _writer.Json.WriteVersion(attributes);
        var current = isNew
            ? null
            : await _connection.QuerySingleOrDefaultAsync<AttributesRow>(new CommandDefinition(
                """
                SELECT attributes AS Attributes, transfer_id AS TransferId, valid_from AS ValidFrom
                FROM series_attributes
                WHERE series_pk = @SeriesPk AND valid_to IS NULL
                """,
                new { SeriesPk = _seriesPk },
                _transaction,
                cancellationToken: cancellationToken));
        if (string.Equals(json, current?.Attributes ?? "{}", StringComparison.Ordinal))
        {
            return;
        }

        // A version begun at this same instant was never visible to anyone: it is overwritten, not closed.
        if (current is not null && (current.TransferId == _transferText || current.ValidFrom == _now))
        {
            await _connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE series_attributes SET attributes = @Attributes, transfer_id = @TransferId
                WHERE series_pk = @SeriesPk AND valid_to IS NULL
                """,
                new { SeriesPk = _seriesPk, Attributes = json, TransferId = _transferText },
                _transaction,
                cancellationToken: cancellationToken));
            return;
        }

        await _connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE series_attributes SET valid_to = @Now WHERE series_pk = @SeriesPk AND valid_to IS NULL;
            INSERT INTO series_attributes (series_pk, attributes, transfer_id, valid_from) VALUES (@SeriesPk, @Attributes, @TransferId, @Now);
            """,
            new { SeriesPk = _seriesPk, Attributes = json, TransferId = _transferText, Now = _now },
            _transaction,
            cancellationToken: cancellationToken));
    }

    private async Task LoadCurrentObservationsAsync(CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(
            """
            SELECT o.time_period, o.obs_value, o.obs_is_nan, o.attributes, o.transfer_id, o.valid_from, t.sender_organisation
            FROM observation o LEFT JOIN transfer t ON t.transfer_id = o.transfer_id
            WHERE o.series_pk = @SeriesPk AND o.valid_to IS NULL
            """,
            _connection,
            _transaction);
        command.Parameters.Add("@SeriesPk", SqlDbType.BigInt).Value = _seriesPk;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            double? value = reader.IsDBNull(1) ? (reader.GetBoolean(2) ? double.NaN : null) : reader.GetDouble(1);
            var current = new CurrentObservation(
                value,
                reader.IsDBNull(3) ? null : reader.GetString(3),
                string.Equals(reader.GetString(4), _transferText, StringComparison.Ordinal),
                reader.GetDateTimeOffset(5) == _now,
                reader.IsDBNull(6) ? null : reader.GetString(6));
            _writer.Current.Add(reader.GetString(0), current);
        }
    }

    void IObservationSink.Insert(Observation observation, string? attributesJson)
    {
        var isValue = observation.Value is { } v && !double.IsNaN(v);
        _inserts.Rows.Add(
            _seriesPk,
            observation.TimePeriod,
            _now,
            DBNull.Value,
            isValue ? (object)observation.Value!.Value : DBNull.Value,
            !isValue && observation.Value is not null,
            (object?)attributesJson ?? DBNull.Value,
            _transferText,
            _embargoUntil);
        _pendingSeries.Add(_seriesPk);
    }

    void IObservationSink.Close(string timePeriod, bool beganNow)
    {
        _closes.Add(new PendingClose(_seriesPk, timePeriod, beganNow));
        _pendingSeries.Add(_seriesPk);
    }

    /// <summary>Closes first, then inserts: a period's old version must leave the current index before the new one enters.</summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_closes.Count > 0)
        {
            var closing = JsonSerializer.Serialize(_closes.Where(c => !c.BeganNow).Select(c => new { s = c.SeriesPk, p = c.TimePeriod }));
            var removing = JsonSerializer.Serialize(_closes.Where(c => c.BeganNow).Select(c => new { s = c.SeriesPk, p = c.TimePeriod }));
            await _connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE o SET valid_to = @Now
                FROM observation o
                JOIN OPENJSON(@Closing) WITH (series_pk bigint '$.s', time_period nvarchar(64) '$.p') k
                    ON o.series_pk = k.series_pk AND o.time_period = k.time_period COLLATE Latin1_General_100_BIN2
                WHERE o.valid_to IS NULL;
                DELETE o
                FROM observation o
                JOIN OPENJSON(@Removing) WITH (series_pk bigint '$.s', time_period nvarchar(64) '$.p') k
                    ON o.series_pk = k.series_pk AND o.time_period = k.time_period COLLATE Latin1_General_100_BIN2
                WHERE o.valid_from = @Now AND o.valid_to IS NULL;
                """,
                new { Now = _now, Closing = closing, Removing = removing },
                _transaction,
                commandTimeout: 0,
                cancellationToken: cancellationToken));
            _closes.Clear();
        }

        if (_inserts.Rows.Count > 0)
        {
            // CheckConstraints keeps the foreign key trusted: a bulk copy that skips the check marks it untrusted.
            using var bulk = new SqlBulkCopy(_connection, SqlBulkCopyOptions.CheckConstraints, _transaction)
            {
                DestinationTableName = "observation",
                BulkCopyTimeout = 0,
            };
            foreach (DataColumn column in _inserts.Columns)
            {
                bulk.ColumnMappings.Add(column.ColumnName, column.ColumnName);
            }

            await bulk.WriteToServerAsync(_inserts, cancellationToken);
            _inserts.Clear();
        }

        _pendingSeries.Clear();
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
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch
        {
            _faulted = true;
            throw;
        }

        await SqlServerTransferStore.InsertAsync(_connection, _transaction, transfer, cancellationToken);
        await SqlServerTransferStore.DeleteStartAsync(_connection, _transaction, _transferId, cancellationToken);
        await _transaction.CommitAsync(cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        _inserts.Dispose();

        // Disposing an uncommitted transaction rolls it back.
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
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

    private static DataTable ObservationTable()
    {
        var table = new DataTable("observation") { Locale = System.Globalization.CultureInfo.InvariantCulture };
        table.Columns.Add("series_pk", typeof(long));
        table.Columns.Add("time_period", typeof(string));
        table.Columns.Add("valid_from", typeof(DateTimeOffset));
        table.Columns.Add("valid_to", typeof(DateTimeOffset));
        table.Columns.Add("obs_value", typeof(double));
        table.Columns.Add("obs_is_nan", typeof(bool));
        table.Columns.Add("attributes", typeof(string));
        table.Columns.Add("transfer_id", typeof(string));
        table.Columns.Add("embargo_until", typeof(DateTimeOffset));
        return table;
    }

    private readonly record struct PendingClose(long SeriesPk, string TimePeriod, bool BeganNow);

    private sealed class AttributesRow
    {
        public string Attributes { get; set; } = "{}";
        public string TransferId { get; set; } = "";
        public DateTimeOffset ValidFrom { get; set; }
    }
}
