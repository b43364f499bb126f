namespace MdgExchange.Application.Configuration;

/// <summary>Source-generated log messages with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(1003, LogLevel.Information, "Seeded {Count} artefacts: {Artefacts}")]
    public static partial void Seeded(ILogger logger, int count, string artefacts);

    [LoggerMessage(1004, LogLevel.Information, "Seed artefacts already present; nothing to do")]
    public static partial void SeedPresent(ILogger logger);

    [LoggerMessage(1010, LogLevel.Information, "Structure submission {TransferId}: {Outcome} ({Artefacts} artefacts, {Bytes} bytes)")]
    public static partial void StructuresSubmitted(ILogger logger, Guid transferId, string outcome, int artefacts, long bytes);

    [LoggerMessage(1011, LogLevel.Warning, "Structure submission {TransferId} rejected: {Reason}")]
    public static partial void StructuresRejected(ILogger logger, Guid transferId, string reason);

    [LoggerMessage(1012, LogLevel.Information, "Deleted {Artefact} (transfer {TransferId})")]
    public static partial void ArtefactDeleted(ILogger logger, string artefact, Guid transferId);

    [LoggerMessage(1100, LogLevel.Information, "Push {TransferId} to {Dataflow}: {Series} series, {Observations} observations ({Inserted} inserted, {Revised} revised, {Deleted} deleted)")]
    public static partial void Pushed(ILogger logger, Guid transferId, string? dataflow, long series, long observations, long inserted, long revised, long deleted);

    [LoggerMessage(1101, LogLevel.Warning, "Push {TransferId} rejected: {Reason}")]
    public static partial void PushRejected(ILogger logger, Guid transferId, string reason);

    [LoggerMessage(1105, LogLevel.Information, "Push {TransferId}: the caller sent nothing for {Seconds} s; the writer is released and the push goes on through its spool")]
    public static partial void WriteThroughStopped(ILogger logger, Guid transferId, double seconds);

    [LoggerMessage(1102, LogLevel.Information, "Pull {TransferId} from {Dataflow}: {Series} series, {Observations} observations")]
    public static partial void Pulled(ILogger logger, Guid transferId, string? dataflow, long series, long observations);

}
