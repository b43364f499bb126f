using Dapper;
using MdgExchange.Storage.Sqlite;
using MdgExchange.Storage.SqlServer;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace MdgExchange.Storage.Tests;

/// <summary>A database of its own for one test: created and migrated before it, removed after it.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary>The migrations are stamped with this instant.</summary>
    public static readonly DateTimeOffset MigratedAt = new(2025, 1, 15, 8, 30, 0, TimeSpan.Zero);

    /// <summary>Why the dialect cannot be tested on this machine, or null.</summary>
    public virtual string? SkipReason => null;

    public abstract IDbConnectionFactory Connections { get; }

    public abstract IStructureStore CreateStructureStore();

    public abstract ITransferStore CreateTransferStore();

    public abstract IDataStore CreateDataStore();

    public abstract IKeyStore CreateKeyStore();

    public abstract IMetadataStore CreateMetadataStore();
    public abstract ICatalogStore CreateCatalogStore();

    public abstract IDiscrepancyStore CreateDiscrepancyStore();

    public abstract IForumStore CreateForumStore();

    public abstract Task CreateAsync();

    public abstract ValueTask DisposeAsync();

    protected Task MigrateAsync() =>
        new Migrator(Connections, new FixedClock(MigratedAt)).MigrateAsync(CancellationToken.None);
}

/// <summary>A temporary SQLite file under the system's temp folder.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly SqliteConnectionFactory _connections =
        new(Path.Combine(Path.GetTempPath(), $"mdgexchange-storage-{Guid.NewGuid():N}.db"));

    public override IDbConnectionFactory Connections => _connections;

    public SqliteConnectionFactory Sqlite => _connections;

    public override IStructureStore CreateStructureStore() => new SqliteStructureStore(_connections);

    public override ITransferStore CreateTransferStore() => new SqliteTransferStore(_connections);

    public override IDataStore CreateDataStore() => new SqliteDataStore(_connections);

    public override IKeyStore CreateKeyStore() => new SqliteKeyStore(_connections);

    public override IMetadataStore CreateMetadataStore() => new SqliteMetadataStore(_connections);
    public override ICatalogStore CreateCatalogStore() => new SqliteCatalogStore(_connections);

    public override IDiscrepancyStore CreateDiscrepancyStore() => new SqliteDiscrepancyStore(_connections);

    public override IForumStore CreateForumStore() => new SqliteForumStore(_connections);

    public override Task CreateAsync() => MigrateAsync();

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open, which would stop the delete on Windows.
        using (var connection = new SqliteConnection(_connections.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_connections.Path + suffix);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A database created for the test on the server named by <c>MDGX_SQLSERVER</c> and dropped after it.
/// Without the variable every SQL Server test is skipped.
/// </summary>
public sealed class SqlServerTestDatabase : TestDatabase
{
    public const string Variable = "MDGX_SQLSERVER";

    private readonly string? _server = Environment.GetEnvironmentVariable(Variable);
    private readonly string _name = $"mdgx_test_{Guid.NewGuid():N}";
    private SqlServerConnectionFactory? _connections;

    public override string? SkipReason => string.IsNullOrWhiteSpace(_server) ? $"{Variable} is not set" : null;

    public override IDbConnectionFactory Connections =>
        _connections ?? throw new InvalidOperationException("the test database is not created");

    public override IStructureStore CreateStructureStore() => new SqlServerStructureStore((SqlServerConnectionFactory)Connections);

    public override ITransferStore CreateTransferStore() => new SqlServerTransferStore((SqlServerConnectionFactory)Connections);

    public override IDataStore CreateDataStore() => new SqlServerDataStore((SqlServerConnectionFactory)Connections);

    public override IKeyStore CreateKeyStore() => new SqlServerKeyStore((SqlServerConnectionFactory)Connections);

    public override IMetadataStore CreateMetadataStore() => new SqlServerMetadataStore((SqlServerConnectionFactory)Connections);
    public override ICatalogStore CreateCatalogStore() => new SqlServerCatalogStore((SqlServerConnectionFactory)Connections);

    public override IDiscrepancyStore CreateDiscrepancyStore() => new SqlServerDiscrepancyStore((SqlServerConnectionFactory)Connections);

    public override IForumStore CreateForumStore() => new SqlServerForumStore((SqlServerConnectionFactory)Connections);

    public override async Task CreateAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        await using (var server = new SqlConnection(_server))
        {
            await server.OpenAsync();
            await server.ExecuteAsync(
                """
                DECLARE @sql nvarchar(max) = N'CREATE DATABASE ' + QUOTENAME(@Name);
                EXEC (@sql);
                """,
                new { Name = _name });
        }

        var database = new SqlConnectionStringBuilder(_server) { InitialCatalog = _name };
        _connections = new SqlServerConnectionFactory(database.ConnectionString);
        await MigrateAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (_connections is null)
        {
            return;
        }

        using (var connection = new SqlConnection(_connections.ConnectionString))
        {
            SqlConnection.ClearPool(connection);
        }

        await using var server = new SqlConnection(_server);
        await server.OpenAsync();
        await server.ExecuteAsync(
            """
            DECLARE @sql nvarchar(max) =
                N'ALTER DATABASE ' + QUOTENAME(@Name) + N' SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ' + QUOTENAME(@Name);
            EXEC (@sql);
            """,
            new { Name = _name });
    }
}

/// <summary>A clock that always says the same instant.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
