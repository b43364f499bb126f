using System.Data;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Microsoft.Data.SqlClient;

namespace MdgExchange.Storage.SqlServer;

/// <summary>Series, observation versions and annotations in SQL Server.</summary>
public sealed class SqlServerDataStore(SqlServerConnectionFactory connections) : IDataStore
{
    // Series are read in chunks (the series of a chunk, then all their observations in one ordered statement),
    // so that one connection without MARS serves the whole pull and memory holds one chunk's keys.
    private const int ChunkSeries = 1000;

    public async Task<IDataWriteSession> BeginWriteAsync(
        Guid transferId, string dataflow, DateTimeOffset now, DateTimeOffset? embargoUntil, CancellationToken cancellationToken) =>
        await SqlServerDataWriteSession.OpenAsync(connections, transferId, dataflow, now, embargoUntil, cancellationToken);

    /// <summary>SQL Server writers run side by side (row locks): a session is always opened.</summary>
    public async Task<IDataWriteSession?> TryBeginWriteAsync(
        Guid transferId, string dataflow, DateTimeOffset now, DateTimeOffset? embargoUntil, CancellationToken cancellationToken) =>
        await BeginWriteAsync(transferId, dataflow, now, embargoUntil, cancellationToken);

    /// <summary>
    /// Without <see cref="DataQuery.AsOf"/> the current versions (valid_to IS NULL) are read rather than those
    /// valid at the clock's now: the store has no clock, and a version stamped ahead of it is still current.
    /// </summary>
    public async IAsyncEnumerable<StoredSeries> QueryAsync(DataQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var asOf = query.AsOf?.ToUniversalTime();
        var updatedAfter = query.UpdatedAfter?.ToUniversalTime();
        var cache = new DataReaderCache();
        string? after = null;
        while (true)
        {
            var chunk = (await connection.QueryAsync<SeriesRow>(new CommandDefinition(
                """
                SELECT TOP (@Chunk) s.series_pk AS SeriesPk, s.series_key AS SeriesKey, s.key_values AS KeyValues,
                       a.attributes AS Attributes, a.transfer_id AS AttributesTransferId
                FROM series s
                LEFT JOIN series_attributes a
                    ON a.series_pk = s.series_pk
                   AND ((@AsOf IS NULL AND a.valid_to IS NULL)
                        OR (@AsOf IS NOT NULL AND a.valid_from <= @AsOf AND (a.valid_to IS NULL OR a.valid_to > @AsOf)))
                WHERE s.dataflow = @Dataflow AND (@After IS NULL OR s.series_key > @After)
                ORDER BY s.series_key
                """,
                new { Chunk = ChunkSeries, AsOf = asOf, query.Dataflow, After = after },
                cancellationToken: cancellationToken))).ToList();
            if (chunk.Count == 0)
            {
                yield break;
            }

            after = chunk[^1].SeriesKey;
            var matching = chunk.Where(s => DataKeys.Matches(query, s.SeriesKey)).ToList();
            if (matching.Count > 0)
            {
                await foreach (var series in ReadChunkAsync(connection, matching, asOf, updatedAfter, query.AllVersions, cache, cancellationToken))
                {
                    yield return series;
                }
            }

            if (chunk.Count < ChunkSeries)
            {
                yield break;
            }
        }
    }

    /// <summary>The observations of a chunk's series in one statement ordered like the chunk (series key, then period).</summary>
    private static async IAsyncEnumerable<StoredSeries> ReadChunkAsync(
        SqlConnection connection, List<SeriesRow> chunk, DateTimeOffset? asOf, DateTimeOffset? updatedAfter, bool allVersions, DataReaderCache cache,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(
            """
            SELECT o.series_pk, o.time_period, o.obs_value, o.obs_is_nan, o.attributes, o.transfer_id, o.valid_from, o.valid_to, o.embargo_until
            FROM OPENJSON(@SeriesPks) WITH (series_pk bigint '$') k
            JOIN series s ON s.series_pk = k.series_pk
            JOIN observation o ON o.series_pk = k.series_pk
            WHERE ((@AsOf IS NULL AND (@AllVersions = 1 OR o.valid_to IS NULL))
                   OR (@AsOf IS NOT NULL AND o.valid_from <= @AsOf AND (@AllVersions = 1 OR o.valid_to IS NULL OR o.valid_to > @AsOf)))
              AND (@UpdatedAfter IS NULL OR o.valid_from > @UpdatedAfter)
            ORDER BY s.series_key, o.time_period, o.valid_from
            """,
            connection);
        command.CommandTimeout = 0;
        command.Parameters.Add("@SeriesPks", SqlDbType.NVarChar, -1).Value = JsonSerializer.Serialize(chunk.Select(s => s.SeriesPk));
        command.Parameters.Add("@AsOf", SqlDbType.DateTimeOffset).Value = (object?)asOf ?? DBNull.Value;
        command.Parameters.Add("@UpdatedAfter", SqlDbType.DateTimeOffset).Value = (object?)updatedAfter ?? DBNull.Value;
        command.Parameters.Add("@AllVersions", SqlDbType.Bit).Value = allVersions;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var index = 0;
        var more = await reader.ReadAsync(cancellationToken);
        while (more)
        {
            var seriesPk = reader.GetInt64(0);
            while (chunk[index].SeriesPk != seriesPk)
            {
                index++;
            }

            var observations = new List<StoredObservation>();
            while (more && reader.GetInt64(0) == seriesPk)
            {
                observations.Add(new StoredObservation(
                    reader.GetString(1),
                    reader.IsDBNull(2) ? (reader.GetBoolean(3) ? double.NaN : null) : reader.GetDouble(2),
                    cache.Attributes(reader.IsDBNull(4) ? null : reader.GetString(4)),
                    cache.TransferId(reader.GetString(5)),
                    reader.GetDateTimeOffset(6),
                    reader.IsDBNull(7) ? null : reader.GetDateTimeOffset(7),
                    reader.IsDBNull(8) ? null : reader.GetDateTimeOffset(8)));
                more = await reader.ReadAsync(cancellationToken);
            }

            var series = chunk[index];
            yield return new StoredSeries(
                series.SeriesKey,
                DataReaderCache.ParseObject(series.KeyValues),
                cache.Attributes(series.Attributes),
                series.AttributesTransferId is { } id ? cache.TransferId(id) : null,
                observations);
        }
    }

    public async Task AddAnnotationAsync(SeriesAnnotation annotation, Transfer transfer, CancellationToken cancellationToken)
    {
        DataKeys.CheckAnnotation(annotation, transfer);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO annotation (
                annotation_id, dataflow, series_key, time_period, annotation_type, organisation, principal, texts,
                proposed_value, reply_to, transfer_id, created_at)
            VALUES (
                @AnnotationId, @Dataflow, @SeriesKey, @TimePeriod, @Type, @Organisation, @Principal, @Texts,
                @ProposedValue, @ReplyTo, @TransferId, @CreatedAt)
            """,
            AnnotationRow<DateTimeOffset>.From(annotation, t => t.ToUniversalTime()),
            transaction,
            cancellationToken: cancellationToken));
        await SqlServerTransferStore.InsertAsync(connection, transaction, transfer, cancellationToken);
        await SqlServerTransferStore.DeleteStartAsync(connection, transaction, transfer.TransferId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SeriesAnnotation>> ListAnnotationsAsync(string dataflow, IReadOnlyCollection<string>? seriesKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataflow);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AnnotationRow<DateTimeOffset>>(new CommandDefinition(
            """
            SELECT annotation_id AS AnnotationId, dataflow AS Dataflow, series_key AS SeriesKey, time_period AS TimePeriod,
                   annotation_type AS Type, organisation AS Organisation, principal AS Principal, texts AS Texts,
                   proposed_value AS ProposedValue, reply_to AS ReplyTo, transfer_id AS TransferId, created_at AS CreatedAt
            FROM annotation
            WHERE dataflow = @Dataflow
              AND (@SeriesKeys IS NULL
                   OR series_key IN (SELECT value COLLATE Latin1_General_100_BIN2 FROM OPENJSON(@SeriesKeys)))
            ORDER BY created_at, annotation_id
            """,
            new { Dataflow = dataflow, SeriesKeys = seriesKeys is null ? null : AnnotationRow<DateTimeOffset>.KeysJson(seriesKeys) },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToAnnotation(t => t)).ToList();
    }

    public async Task<SeriesAnnotation?> GetAnnotationAsync(Guid annotationId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AnnotationRow<DateTimeOffset>>(new CommandDefinition(
            """
            SELECT annotation_id AS AnnotationId, dataflow AS Dataflow, series_key AS SeriesKey, time_period AS TimePeriod,
                   annotation_type AS Type, organisation AS Organisation, principal AS Principal, texts AS Texts,
                   proposed_value AS ProposedValue, reply_to AS ReplyTo, transfer_id AS TransferId, created_at AS CreatedAt
            FROM annotation
            WHERE annotation_id = @AnnotationId
            """,
            new { AnnotationId = TransferIds.ToText(annotationId) },
            cancellationToken: cancellationToken));
        return row?.ToAnnotation(t => t);
    }

    private sealed class SeriesRow
    {
        public long SeriesPk { get; set; }
        public string SeriesKey { get; set; } = "";
        public string KeyValues { get; set; } = "{}";
        public string? Attributes { get; set; }
        public string? AttributesTransferId { get; set; }
    }

    public async Task<IReadOnlyList<StoredCitation>> FindCitationsAsync(CitationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        TransferIds.CheckLimit(query.Limit);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CitationRow<DateTimeOffset?>>(new CommandDefinition(
            """
            SELECT TOP (@Limit) c.Dataflow, c.SeriesKey, c.SeriesCode, c.RefArea, c.TimePeriod, c.Value, c.AttributeValue, c.TransferId, c.EmbargoUntil
            FROM (
                SELECT s.dataflow AS Dataflow, s.series_key AS SeriesKey, s.series_code AS SeriesCode, s.ref_area AS RefArea,
                       o.time_period AS TimePeriod, o.obs_value AS Value, JSON_VALUE(o.attributes, @Path) AS AttributeValue,
                       o.transfer_id AS TransferId, o.embargo_until AS EmbargoUntil
                FROM observation o JOIN series s ON s.series_pk = o.series_pk
                WHERE o.valid_to IS NULL AND o.attributes IS NOT NULL AND CHARINDEX(@Text, JSON_VALUE(o.attributes, @Path)) > 0
                  AND (@Dataflow IS NULL OR s.dataflow = @Dataflow)
                UNION ALL
                SELECT s.dataflow, s.series_key, s.series_code, s.ref_area, NULL, NULL, JSON_VALUE(a.attributes, @Path), a.transfer_id, NULL
                FROM series_attributes a JOIN series s ON s.series_pk = a.series_pk
                WHERE a.valid_to IS NULL AND CHARINDEX(@Text, JSON_VALUE(a.attributes, @Path)) > 0
                  AND (@Dataflow IS NULL OR s.dataflow = @Dataflow)
            ) c
            ORDER BY c.Dataflow, c.SeriesKey, c.TimePeriod
            """,
            new { Path = DataKeys.JsonPath(query.Attribute), query.Text, query.Dataflow, query.Limit },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToCitation(static t => t)).ToList();
    }
}
