using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace MdgExchange.Storage.SqlServer;

/// <summary>Connections to one SQL Server database.</summary>
public sealed class SqlServerConnectionFactory : IDbConnectionFactory
{
    public SqlServerConnectionFactory(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public SqlDialect Dialect => SqlDialect.SqlServer;

    public async Task<SqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    async Task<DbConnection> IDbConnectionFactory.OpenAsync(CancellationToken cancellationToken) =>
        await OpenAsync(cancellationToken);
}
