using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace MdgExchange.Storage.Sqlite;

/// <summary>Connections to one SQLite database file, with foreign keys enforced and write-ahead logging.</summary>
public sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    public SqliteConnectionFactory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
        }.ToString();
    }

    /// <summary>
    /// Switches SQLite to its multi-thread mode (no mutex taken on every call of its API: each connection is used
    /// by one thread at a time, which ADO.NET requires anyway). SQLite allows this only before it is first used, so
    /// a process calls it at its very start (the server's and the benchmark's entry points); false, and nothing
    /// changed, when SQLite is already in use or refuses.
    /// </summary>
    public static bool UseMultiThreadMode()
    {
        SQLitePCL.Batteries_V2.Init();
        if (SQLitePCL.raw.sqlite3_threadsafe() == 0)
        {
            return false;
        }

        // SQLite initialises itself on first use; config is accepted only after shutdown and before initialise.
        if (SQLitePCL.raw.sqlite3_shutdown() != SQLitePCL.raw.SQLITE_OK)
        {
            return false;
        }

        var configured = SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD) == SQLitePCL.raw.SQLITE_OK;
        MultiThreadMode = SQLitePCL.raw.sqlite3_initialize() == SQLitePCL.raw.SQLITE_OK && configured;
        return MultiThreadMode;
    }

    /// <summary>Whether <see cref="UseMultiThreadMode"/> switched this process's SQLite to multi-thread mode.</summary>
    public static bool MultiThreadMode { get; private set; }

    // One gate per database file for the whole process, however many factories point at it.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriterGates = new(StringComparer.Ordinal);

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    public string ConnectionString { get; }

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // WAL lets readers go on while the server writes; it is a property of the file, set once and kept.
            await connection.ExecuteAsync(new CommandDefinition(
                """
                PRAGMA journal_mode = WAL
                """,
                cancellationToken: cancellationToken));

            // The busy timeout belongs to the connection: without it a second writer (the CLI beside the server)
            // fails at once with SQLITE_BUSY instead of waiting up to five seconds for the lock.
            await connection.ExecuteAsync(new CommandDefinition(
                """
                PRAGMA busy_timeout = 5000
                """,
                cancellationToken: cancellationToken));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits (asynchronously, for as long as it takes) until no other writer of this process holds the database,
    /// and holds it until the lease is disposed. SQLite has one writer at a time; without the gate a short write
    /// (a transfer record, a start note) arriving during a long push would fail after the busy timeout instead of
    /// waiting its turn. Writers in other processes still meet the busy timeout.
    /// </summary>
    public async Task<IDisposable> EnterWriterAsync(CancellationToken cancellationToken)
    {
        var gate = WriterGates.GetOrAdd(Path, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new WriterLease(gate);
    }

    /// <summary>Enters the writer gate only if no other writer of this process holds it; null otherwise.</summary>
    public IDisposable? TryEnterWriter()
    {
        var gate = WriterGates.GetOrAdd(Path, static _ => new SemaphoreSlim(1, 1));
        return gate.Wait(0) ? new WriterLease(gate) : null;
    }

    async Task<DbConnection> IDbConnectionFactory.OpenAsync(CancellationToken cancellationToken) =>
        await OpenAsync(cancellationToken);
}

/// <summary>Releases the writer gate once, however often it is disposed.</summary>
internal sealed class WriterLease(SemaphoreSlim gate) : IDisposable
{
    private int _released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            gate.Release();
        }
    }
}
