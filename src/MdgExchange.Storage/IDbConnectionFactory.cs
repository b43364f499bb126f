using System.Data.Common;

namespace MdgExchange.Storage;

/// <summary>Opens ready-to-use connections to one database of one dialect.</summary>
public interface IDbConnectionFactory
{
    SqlDialect Dialect { get; }

    /// <summary>An open connection; the caller disposes it.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
