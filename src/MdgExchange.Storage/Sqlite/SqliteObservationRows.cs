using Microsoft.Data.Sqlite;

namespace MdgExchange.Storage.Sqlite;

/// <summary>
/// The observations of one series after another for <see cref="SqliteDataStore.QueryAsync"/>: one prepared statement,
/// stepped through the C API and rebound per series (one range of the observation key, already in period order).
/// Texts that repeat from row to row (transfer ids, instants, attribute sets) are decoded once.
/// </summary>
internal sealed class SqliteObservationRows : IDisposable
{
    // Without an instant, "now" is the current versions (valid_to IS NULL) rather than the clock's now: the
    // store has no clock, and a version stamped a moment ahead of this machine's clock is still current.
    private const string CurrentSql =
        """
        SELECT time_period, obs_value, obs_is_nan, attributes, transfer_id, valid_from, valid_to, embargo_until
        FROM observation
        WHERE series_pk = @SeriesPk AND (@AllVersions = 1 OR valid_to IS NULL) AND (@UpdatedAfter IS NULL OR valid_from > @UpdatedAfter)
        ORDER BY time_period, valid_from
        """;

    private const string AsOfSql =
        """
        SELECT time_period, obs_value, obs_is_nan, attributes, transfer_id, valid_from, valid_to, embargo_until
        FROM observation
        WHERE series_pk = @SeriesPk AND valid_from <= @AsOf AND (@AllVersions = 1 OR valid_to IS NULL OR valid_to > @AsOf)
          AND (@UpdatedAfter IS NULL OR valid_from > @UpdatedAfter)
        ORDER BY time_period, valid_from
        """;

    private readonly SqliteStatement _statement;
    private readonly int _seriesPk;
    private readonly Utf8Memo<IReadOnlyDictionary<string, string>> _attributes;
    private readonly Utf8Memo<Guid> _transfers;
    private readonly Utf8Memo<DateTimeOffset> _validFrom;
    private readonly Utf8Memo<DateTimeOffset> _validTo;
    private readonly Utf8Memo<DateTimeOffset> _embargo;

    /// <summary>Prepares the statement for <paramref name="query"/>, as of <paramref name="asOf"/> (null: the current versions).</summary>
    public SqliteObservationRows(SqliteConnection connection, DataQuery query, string? asOf, DataReaderCache cache)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(cache);
        _statement = new SqliteStatement(connection, asOf is null ? CurrentSql : AsOfSql);
        if (asOf is not null)
        {
            _statement.Bind(_statement.Parameter("@AsOf"), asOf);
        }

        _statement.Bind(_statement.Parameter("@UpdatedAfter"), SqliteText.FromTimestamp(query.UpdatedAfter));
        _statement.Bind(_statement.Parameter("@AllVersions"), query.AllVersions ? 1L : 0L);
        _seriesPk = _statement.Parameter("@SeriesPk");

        var instants = new SqliteInstantCache();
        _attributes = new Utf8Memo<IReadOnlyDictionary<string, string>>(cache.Attributes);
        _transfers = new Utf8Memo<Guid>(cache.TransferId);
        _validFrom = new Utf8Memo<DateTimeOffset>(instants.Get);
        _validTo = new Utf8Memo<DateTimeOffset>(instants.Get);
        _embargo = new Utf8Memo<DateTimeOffset>(instants.Get);
    }

    /// <summary>The matching observation versions of one series, in period order; empty when none match.</summary>
    public List<StoredObservation> Read(long seriesPk)
    {
        var statement = _statement;
        statement.Bind(_seriesPk, seriesPk);
        var rows = new List<StoredObservation>();
        while (statement.Read())
        {
            rows.Add(new StoredObservation(
                statement.GetString(0),
                statement.IsNull(1) ? (statement.GetInt64(2) != 0 ? double.NaN : null) : statement.GetDouble(1),
                statement.IsNull(3) ? DataReaderCache.NoAttributes : _attributes.Get(statement.GetUtf8(3)),
                _transfers.Get(statement.GetUtf8(4)),
                _validFrom.Get(statement.GetUtf8(5)),
                statement.IsNull(6) ? null : _validTo.Get(statement.GetUtf8(6)),
                statement.IsNull(7) ? null : _embargo.Get(statement.GetUtf8(7))));
        }

        return rows;
    }

    public void Dispose() => _statement.Dispose();
}
