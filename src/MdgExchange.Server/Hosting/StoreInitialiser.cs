using MdgExchange.Application.Seed;
using MdgExchange.Storage;

namespace MdgExchange.Server.Hosting;

/// <summary>Start-up: migrate the database, then seed what a fresh install needs.</summary>
public static class StoreInitialiser
{
    /// <summary>Migrates and seeds; returns false when the process should exit (migrate-only).</summary>
    public static async Task<bool> InitialiseStoreAsync(this WebApplication app, string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MdgExchange.Startup");
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MdgExchangeOptions>>().Value;
        var migrateOnly = args.Contains(ServerHost.MigrateOnlyFlag);

        var storage = app.Services.GetRequiredService<StorageBundle>();
        HostLog.StorageOpened(logger, storage.Provider, storage.Location);
        if (string.Equals(storage.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            HostLog.SqliteThreading(logger, Storage.Sqlite.SqliteConnectionFactory.MultiThreadMode ? "multi-thread" : "serialized");
        }
        if (options.MigrateOnStart || migrateOnly)
        {
            var applied = await storage.MigrateAsync(cancellationToken);
            foreach (var script in applied)
            {
                HostLog.MigrationApplied(logger, script);
            }
        }

        await storage.EnsureUpToDateAsync(cancellationToken);

        // Transfers the previous process did not finish (it was killed or crashed): recorded as failed, never "completed".
        var clock = app.Services.GetRequiredService<TimeProvider>();
        foreach (var interrupted in await app.Services.GetRequiredService<ITransferStore>().RecoverInterruptedAsync(clock.GetUtcNow(), cancellationToken))
        {
            HostLog.TransferRecovered(logger, interrupted.TransferId, interrupted.Kind);
        }

        if (options.SeedOnStart || migrateOnly)
        {
            await app.Services.GetRequiredService<StructureSeeding>().SeedAsync(cancellationToken);
        }

        var defaultKeyPath = string.Equals(storage.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.Storage.SqlitePath))!, "admin-api-key")
            : Path.Combine(Directory.GetCurrentDirectory(), "admin-api-key");
        if (await Security.AdminKeyBootstrap.EnsureAsync(app.Services.GetRequiredService<IKeyStore>(), clock, options.Auth, defaultKeyPath, cancellationToken) is { } keyFile)
        {
            Security.SecurityLog.AdminKeyWritten(logger, keyFile);
        }

        return !migrateOnly;
    }
}
