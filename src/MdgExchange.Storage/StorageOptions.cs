namespace MdgExchange.Storage;

/// <summary>Which database the service uses (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>sqlite</c> (default, embedded) or <c>sqlserver</c>.</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>The SQLite database file; its folder is created when missing.</summary>
    public string SqlitePath { get; set; } = "./data/mdgexchange.db";

    /// <summary>Required when <see cref="Provider"/> is <c>sqlserver</c>.</summary>
    public string? SqlServerConnectionString { get; set; }
}

/// <summary>The values of <see cref="StorageOptions.Provider"/>.</summary>
public static class StorageProviders
{
    public const string Sqlite = "sqlite";
    public const string SqlServer = "sqlserver";
}
