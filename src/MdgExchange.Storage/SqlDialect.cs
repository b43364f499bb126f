namespace MdgExchange.Storage;

/// <summary>The database dialects the stores and the migrator support.</summary>
public enum SqlDialect
{
    Sqlite,
    SqlServer,
}
