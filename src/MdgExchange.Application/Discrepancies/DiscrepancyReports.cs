using System.Security.Cryptography;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Reports;
using MdgExchange.Storage;

namespace MdgExchange.Application.Discrepancies;

/// <summary>A rendered discrepancy report and the transfer that recorded its export.</summary>
public sealed record RenderedDiscrepancyReport(string Format, string MediaType, string FileName, byte[] Content, Guid TransferId);

/// <summary>A report request the server refuses (a bad format or language): 400 over HTTP, InvalidArgument over gRPC.</summary>
public sealed class DiscrepancyReportException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>The discrepancy typology report (<see cref="DiscrepancyReport"/>) rendered for a caller, every export recorded as a <c>report-export</c> transfer.</summary>
public sealed class DiscrepancyReports(IDiscrepancyStore store, IStructureStore structures, ITransferStore transfers, TimeProvider clock, ILogger<DiscrepancyReports> logger)
{
    public const string ReportKind = "report-export";

    /// <summary>The most pairs a report reads.</summary>
    public const int MaxPairs = 100_000;

    public async Task<RenderedDiscrepancyReport> RenderAsync(DiscrepancyFilter filter, string format, string lang, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(caller);
        format = string.IsNullOrWhiteSpace(format) ? ReportFormats.Html : format.Trim().ToLowerInvariant();
        lang = string.IsNullOrWhiteSpace(lang) ? "en" : lang.Trim().ToLowerInvariant();
        if (!ReportFormats.All.Contains(format))
        {
            throw new DiscrepancyReportException("format", $"'{format}' is not a report format; use {string.Join(", ", ReportFormats.All)}");
        }

        if (!ReportFormats.Languages.Contains(lang))
        {
            throw new DiscrepancyReportException("lang", $"'{lang}' is not a report language; use {string.Join(", ", ReportFormats.Languages)}");
        }

        var started = clock.GetUtcNow();
        var pairs = await store.ListAsync(filter with { Limit = MaxPairs }, cancellationToken);
        var indicators = await SeriesIndicators.LoadAsync(structures, cancellationToken);
        var names = await new ReportNameRegistry(structures).LoadAsync(lang, cancellationToken);
        var content = ReportRenderer.Render(DiscrepancyReport.Build(pairs, indicators, lang, started, names), format);
        var transferId = Guid.NewGuid();
        var areas = pairs.Select(p => p.Area).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        await transfers.AppendAsync(
            new Transfer
            {
                TransferId = transferId, Kind = ReportKind, Channel = caller.Channel, Format = $"discrepancy-{format}", ReceiverOrganisation = caller.Organisation,
                Principal = caller.Principal, Dataflow = filter.Dataflow, RefAreas = areas.Count == 0 ? null : string.Join(',', areas), Bytes = content.Length,
                PayloadSha256 = Convert.ToHexStringLower(SHA256.HashData(content)), ArtefactCount = pairs.Count, StartedAt = started, FinishedAt = clock.GetUtcNow(), Outcome = "completed",
            },
            CancellationToken.None);
        DiscrepancyReportLog.ReportExported(logger, format, lang, pairs.Count, transferId);
        return new RenderedDiscrepancyReport(format, ReportFormats.MediaType(format), $"discrepancies-{lang}.{format}", content, transferId);
    }
}

internal static partial class DiscrepancyReportLog
{
    [LoggerMessage(1760, LogLevel.Information, "Discrepancy report {Format}/{Lang} ({Pairs} pairs) exported, transfer {TransferId}")]
    public static partial void ReportExported(ILogger logger, string format, string lang, int pairs, Guid transferId);
}
