namespace MdgExchange.Server.Hosting;

/// <summary>The host's own source-generated log messages (start-up, the REST pipeline), with stable event ids.</summary>
internal static partial class HostLog
{
    [LoggerMessage(1000, LogLevel.Information, "Storage: {Provider} at {Location}")]
    public static partial void StorageOpened(ILogger logger, string provider, string location);

    [LoggerMessage(1005, LogLevel.Information, "SQLite threading mode: {Mode}")]
    public static partial void SqliteThreading(ILogger logger, string mode);

    [LoggerMessage(1001, LogLevel.Information, "Applied migration {Script}")]
    public static partial void MigrationApplied(ILogger logger, string script);

    [LoggerMessage(1103, LogLevel.Warning, "Transfer {TransferId} ({Kind}) was interrupted by a stop of the server; recorded as failed")]
    public static partial void TransferRecovered(ILogger logger, Guid transferId, string kind);

    [LoggerMessage(1400, LogLevel.Error, "SDMX REST {Method} {Path} failed")]
    public static partial void RestFailed(ILogger logger, Exception exception, string method, string path);
}
