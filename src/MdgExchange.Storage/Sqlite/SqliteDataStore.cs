using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace MdgExchange.Storage.Sqlite;

/// <summary>Series, observation versions and annotations in SQLite.</summary>
public sealed class SqliteDataStore(SqliteConnectionFactory connections) : IDataStore
{
    public async Task<IDataWriteSession> BeginWriteAsync(
        Guid transferId, string dataflow, DateTimeOffset now, DateTimeOffset? embargoUntil, CancellationToken cancellationToken) =>
        await SqliteDataWriteSession.OpenAsync(connections, transferId, dataflow, now, embargoUntil, wait: true, cancellationToken) ?? throw new InvalidOperationException("the writer gate was not entered");

    public async Task<IDataWriteSession?> TryBeginWriteAsync(
        Guid transferId, string dataflow, DateTimeOffset now, DateTimeOffset? embargoUntil, CancellationToken cancellationToken) =>
        await SqliteDataWriteSession.OpenAsync(connections, transferId, dataflow, now, embargoUntil, wait: false, cancellationToken);

    private const string CurrentSeriesSql =
        """
        SELECT s.series_pk, s.series_key, s.key_values, a.attributes, a.transfer_id
        FROM series s
        LEFT JOIN series_attributes a ON a.series_pk = s.series_pk AND a.valid_to IS NULL
        WHERE s.dataflow = @Dataflow
        ORDER BY s.series_key
        """;

    private const string AsOfSeriesSql =
        """
        SELECT s.series_pk, s.series_key, s.key_values, a.attributes, a.transfer_id
        FROM series s
        LEFT JOIN series_attributes a
            ON a.series_pk = s.series_pk AND a.valid_from <= @AsOf AND (a.valid_to IS NULL OR a.valid_to > @AsOf)
        WHERE s.dataflow = @Dataflow
        ORDER BY s.series_key
        """;

    /// <summary>
    /// Reads inside one read transaction, so a pull sees one state of the database however long the caller takes
    /// (write-ahead logging lets writers go on meanwhile). The series are read in key order by one statement;
    /// each matching series' observations by <see cref="SqliteObservationRows"/>. Texts that repeat from row to row
    /// (transfer ids, instants, attribute sets) are decoded once.
    /// </summary>
    public async IAsyncEnumerable<StoredSeries> QueryAsync(DataQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var asOf = SqliteText.FromTimestamp(query.AsOf);
        await using var seriesCommand = SeriesCommand(connection, transaction, query.Dataflow, asOf);
        var cache = new DataReaderCache();
        using var observations = new SqliteObservationRows(connection, query, asOf, cache);

        await using var series = await seriesCommand.ExecuteReaderAsync(cancellationToken);
        while (series.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var seriesKey = series.GetString(1);
            if (!DataKeys.Matches(query, seriesKey))
            {
                continue;
            }

            var rows = observations.Read(series.GetInt64(0));
            if (rows.Count == 0)
            {
                continue;
            }

            yield return Series(series, seriesKey, rows, cache);
        }
    }

    /// <summary>The series of <paramref name="dataflow"/> in key order, with their attributes as of <paramref name="asOf"/> (null: the current ones).</summary>
    private static SqliteCommand SeriesCommand(SqliteConnection connection, SqliteTransaction transaction, string dataflow, string? asOf)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = asOf is null ? CurrentSeriesSql : AsOfSeriesSql;
        if (asOf is not null)
        {
            command.Parameters.AddWithValue("@AsOf", asOf);
        }

        command.Parameters.AddWithValue("@Dataflow", dataflow);
        return command;
    }

    /// <summary>The series on the reader's current row, with its observations.</summary>
    private static StoredSeries Series(SqliteDataReader series, string seriesKey, List<StoredObservation> rows, DataReaderCache cache)
    {
        var hasAttributes = !series.IsDBNull(3);
        return new StoredSeries(
            seriesKey,
            DataReaderCache.ParseObject(series.GetString(2)),
            hasAttributes ? cache.Attributes(series.GetString(3)) : DataReaderCache.NoAttributes,
            hasAttributes ? cache.TransferId(series.GetString(4)) : null,
            rows);
    }

    public async Task AddAnnotationAsync(SeriesAnnotation annotation, Transfer transfer, CancellationToken cancellationToken)
    {
        DataKeys.CheckAnnotation(annotation, transfer);
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO annotation (
                annotation_id, dataflow, series_key, time_period, annotation_type, organisation, principal, texts,
                proposed_value, reply_to, transfer_id, created_at)
            VALUES (
                @AnnotationId, @Dataflow, @SeriesKey, @TimePeriod, @Type, @Organisation, @Principal, @Texts,
                @ProposedValue, @ReplyTo, @TransferId, @CreatedAt)
            """,
            AnnotationRow<string>.From(annotation, SqliteText.FromTimestamp),
            transaction,
            cancellationToken: cancellationToken));
        await SqliteTransferStore.InsertAsync(connection, transaction, transfer, cancellationToken);
        await SqliteTransferStore.DeleteStartAsync(connection, transaction, transfer.TransferId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SeriesAnnotation>> ListAnnotationsAsync(string dataflow, IReadOnlyCollection<string>? seriesKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataflow);
        await using var connection = await connections.OpenAsync(cancellationToken);

        // The keys travel as one JSON array: a statement with one parameter per key would be a new statement each time.
        var rows = await connection.QueryAsync<AnnotationRow<string>>(new CommandDefinition(
            """
            SELECT annotation_id AS AnnotationId, dataflow AS Dataflow, series_key AS SeriesKey, time_period AS TimePeriod,
                   annotation_type AS Type, organisation AS Organisation, principal AS Principal, texts AS Texts,
                   proposed_value AS ProposedValue, reply_to AS ReplyTo, transfer_id AS TransferId, created_at AS CreatedAt
            FROM annotation
            WHERE dataflow = @Dataflow
              AND (@SeriesKeys IS NULL OR series_key IN (SELECT value FROM json_each(@SeriesKeys)))
            ORDER BY created_at, annotation_id
            """,
            new { Dataflow = dataflow, SeriesKeys = seriesKeys is null ? null : AnnotationRow<string>.KeysJson(seriesKeys) },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToAnnotation(SqliteText.ToTimestamp)).ToList();
    }

    public async Task<SeriesAnnotation?> GetAnnotationAsync(Guid annotationId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AnnotationRow<string>>(new CommandDefinition(
            """
            SELECT annotation_id AS AnnotationId, dataflow AS Dataflow, series_key AS SeriesKey, time_period AS TimePeriod,
                   annotation_type AS Type, organisation AS Organisation, principal AS Principal, texts AS Texts,
                   proposed_value AS ProposedValue, reply_to AS ReplyTo, transfer_id AS TransferId, created_at AS CreatedAt
            FROM annotation
            WHERE annotation_id = @AnnotationId
            """,
            new { AnnotationId = TransferIds.ToText(annotationId) },
            cancellationToken: cancellationToken));
        return row?.ToAnnotation(SqliteText.ToTimestamp);
    }

    public async Task<IReadOnlyList<StoredCitation>> FindCitationsAsync(CitationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        TransferIds.CheckLimit(query.Limit);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CitationRow<string?>>(new CommandDefinition(
            """
            SELECT s.dataflow AS Dataflow, s.series_key AS SeriesKey, s.series_code AS SeriesCode, s.ref_area AS RefArea,
                   o.time_period AS TimePeriod, o.obs_value AS Value, json_extract(o.attributes, @Path) AS AttributeValue,
                   o.transfer_id AS TransferId, o.embargo_until AS EmbargoUntil
            FROM observation o JOIN series s ON s.series_pk = o.series_pk
            WHERE o.valid_to IS NULL AND o.attributes IS NOT NULL AND instr(json_extract(o.attributes, @Path), @Text) > 0
              AND (@Dataflow IS NULL OR s.dataflow = @Dataflow)
            UNION ALL
            SELECT s.dataflow, s.series_key, s.series_code, s.ref_area, NULL, NULL, json_extract(a.attributes, @Path), a.transfer_id, NULL
            FROM series_attributes a JOIN series s ON s.series_pk = a.series_pk
            WHERE a.valid_to IS NULL AND instr(json_extract(a.attributes, @Path), @Text) > 0
              AND (@Dataflow IS NULL OR s.dataflow = @Dataflow)
            ORDER BY 1, 2, 5
            LIMIT @Limit
            """,
            new { Path = DataKeys.JsonPath(query.Attribute), query.Text, query.Dataflow, query.Limit },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToCitation(static t => t is null ? null : SqliteText.ToTimestamp(t))).ToList();
    }
}

/// <summary>Instants read back from text, remembering the last few: a pull reads the same ones again and again.</summary>
internal sealed class SqliteInstantCache
{
    private readonly Dictionary<string, DateTimeOffset> _instants = new(StringComparer.Ordinal);

    public DateTimeOffset Get(string text)
    {
        if (!_instants.TryGetValue(text, out var instant))
        {
            if (_instants.Count >= 4096)
            {
                _instants.Clear();
            }

            instant = SqliteText.ToTimestamp(text);
            _instants.Add(text, instant);
        }

        return instant;
    }
}
