namespace MdgExchange.Storage.SqlServer;

/// <summary>Series, observation versions and annotations in SQL Server.</summary>
public sealed class SqlServerDataStore(SqlServerConnectionFactory connections) : IDataStore
{
    public Task<IDataWriteSession> BeginWriteAsync(Guid transferId, string dataflow, DateTimeOffset now, DateTimeOffset? embargoUntil, CancellationToken cancellationToken) =>
        throw new NotImplementedException(connections.ConnectionString.Length > 0 ? "SQL Server data store: in progress" : "");

    public IAsyncEnumerable<StoredSeries> QueryAsync(DataQuery query, CancellationToken cancellationToken) =>
        throw new NotImplementedException("SQL Server data store: in progress");

    public Task AddAnnotationAsync(SeriesAnnotation annotation, Transfer transfer, CancellationToken cancellationToken) =>
        throw new NotImplementedException("SQL Server data store: in progress");

    public Task<IReadOnlyList<SeriesAnnotation>> ListAnnotationsAsync(string dataflow, IReadOnlyCollection<string>? seriesKeys, CancellationToken cancellationToken) =>
        throw new NotImplementedException("SQL Server data store: in progress");

    public Task<SeriesAnnotation?> GetAnnotationAsync(Guid annotationId, CancellationToken cancellationToken) =>
        throw new NotImplementedException("SQL Server data store: in progress");
}
