using MdgExchange.Storage.Sqlite;
using MdgExchange.Storage.SqlServer;

namespace MdgExchange.Storage;

/// <summary>The stores and the migrator of one database.</summary>
public sealed record StorageServices(
    IDbConnectionFactory Connections,
    IStructureStore Structures,
    ITransferStore Transfers,
    Migrator Migrator,
    IDataStore Data,
    IKeyStore Keys,
    IMetadataStore Metadata,
    ICatalogStore Catalog,
    IDiscrepancyStore Discrepancies,
    IAccountStore Accounts,
    IForumStore Forum);

/// <summary>Builds the stores for the configured provider, so that callers never name a dialect.</summary>
public static class StorageFactory
{
    public static StorageServices Create(StorageOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.Equals(options.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.SqlitePath))
            {
                throw new ArgumentException("Storage:SqlitePath is empty; give the path of the SQLite database file", nameof(options));
            }

            var sqlite = new SqliteConnectionFactory(options.SqlitePath);
            return new StorageServices(sqlite, new SqliteStructureStore(sqlite), new SqliteTransferStore(sqlite), new Migrator(sqlite, clock), new SqliteDataStore(sqlite), new SqliteKeyStore(sqlite), new SqliteMetadataStore(sqlite), new SqliteCatalogStore(sqlite), new SqliteDiscrepancyStore(sqlite), new AccountStore(sqlite), new SqliteForumStore(sqlite));
        }

        if (string.Equals(options.Provider, StorageProviders.SqlServer, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.SqlServerConnectionString))
            {
                throw new ArgumentException("Storage:Provider is sqlserver but Storage:SqlServerConnectionString is not set", nameof(options));
            }

            var sqlServer = new SqlServerConnectionFactory(options.SqlServerConnectionString);
            return new StorageServices(sqlServer, new SqlServerStructureStore(sqlServer), new SqlServerTransferStore(sqlServer), new Migrator(sqlServer, clock), new SqlServerDataStore(sqlServer), new SqlServerKeyStore(sqlServer), new SqlServerMetadataStore(sqlServer), new SqlServerCatalogStore(sqlServer), new SqlServerDiscrepancyStore(sqlServer), new AccountStore(sqlServer), new SqlServerForumStore(sqlServer));
        }

        throw new ArgumentException(
            $"Storage:Provider '{options.Provider}' is not supported; use '{StorageProviders.Sqlite}' or '{StorageProviders.SqlServer}'",
            nameof(options));
    }
}
