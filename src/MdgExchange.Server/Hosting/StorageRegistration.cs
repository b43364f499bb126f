using MdgExchange.Storage;

namespace MdgExchange.Server.Hosting;

/// <summary>The configured database: its stores, and the migrator the start-up uses.</summary>
public sealed class StorageBundle(StorageServices services, StorageOptions options)
{
    public string Provider { get; } = options.Provider;

    /// <summary>Where the data lives, without secrets: the SQLite file, or the SQL Server data source and database.</summary>
    public string Location { get; } = string.Equals(options.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase)
        ? Path.GetFullPath(options.SqlitePath)
        : "SQL Server (connection string from configuration; not logged)";

    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken) =>
        services.Migrator.MigrateAsync(cancellationToken);

    /// <summary>Refuses to run on a database with scripts still to apply (when migration at start-up is off).</summary>
    public async Task EnsureUpToDateAsync(CancellationToken cancellationToken)
    {
        var pending = await services.Migrator.PendingAsync(cancellationToken);
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database needs migrations {string.Join(", ", pending)}; run the server with --migrate-only or set MdgExchange:MigrateOnStart=true.");
        }
    }
}

public static class StorageRegistration
{
    public static IServiceCollection AddMdgExchangeStorage(this IServiceCollection services, StorageOptions options)
    {
        var storage = StorageFactory.Create(options, TimeProvider.System);
        services.AddSingleton(storage);
        services.AddSingleton(new StorageBundle(storage, options));
        services.AddSingleton(storage.Structures);
        services.AddSingleton(storage.Transfers);
        services.AddSingleton(storage.Data);
        services.AddSingleton(storage.Keys);
        services.AddSingleton(storage.Metadata);
        services.AddSingleton(storage.Discrepancies);
        services.AddSingleton(storage.Catalog);
        services.AddSingleton(storage.Accounts);
        services.AddSingleton(storage.Forum);
        return services;
    }
}
