using System.Security.Cryptography;
using MdgExchange.Domain.Inventory;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Reports;
using MdgExchange.Storage;

namespace MdgExchange.Application.Inventory;

/// <summary>A rendered inventory report and the transfer that recorded its export.</summary>
public sealed record RenderedInventoryReport(string Format, string MediaType, string FileName, byte[] Content, Guid TransferId);

/// <summary>The inventory report (<see cref="InventoryReport"/>) rendered for a caller, every export recorded as a <c>report-export</c> transfer.</summary>
public sealed class InventoryReports(IInventory inventory, IStructureStore structures, ITransferStore transfers, TimeProvider clock, ILogger<InventoryReports> logger)
{
    public const string ReportKind = "report-export";

    public async Task<RenderedInventoryReport> RenderAsync(InventoryQuery query, string format, string lang, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(caller);
        format = string.IsNullOrWhiteSpace(format) ? ReportFormats.Html : format.Trim().ToLowerInvariant();
        lang = string.IsNullOrWhiteSpace(lang) ? "en" : lang.Trim().ToLowerInvariant();
        if (!ReportFormats.All.Contains(format))
        {
            throw new InventoryQueryException("format", $"'{format}' is not a report format; use {string.Join(", ", ReportFormats.All)}");
        }

        if (!ReportFormats.Languages.Contains(lang))
        {
            throw new InventoryQueryException("lang", $"'{lang}' is not a report language; use {string.Join(", ", ReportFormats.Languages)}");
        }

        var started = clock.GetUtcNow();
        var result = await inventory.ComputeAsync(query, cancellationToken);
        var names = await new ReportNameRegistry(structures).LoadAsync(lang, cancellationToken);
        var content = ReportRenderer.Render(InventoryReport.Build(result, lang, names), format);
        var transferId = Guid.NewGuid();
        await transfers.AppendAsync(
            new Transfer
            {
                TransferId = transferId, Kind = ReportKind, Channel = caller.Channel, Format = $"inventory-{format}", ReceiverOrganisation = caller.Organisation,
                Principal = caller.Principal, RefAreas = query.Country, Bytes = content.Length, PayloadSha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
                ArtefactCount = result.Flows.Count, StartedAt = started, FinishedAt = clock.GetUtcNow(), Outcome = "completed",
            },
            CancellationToken.None);
        InventoryReportLog.ReportExported(logger, format, lang, result.Flows.Count, transferId);
        return new RenderedInventoryReport(format, ReportFormats.MediaType(format), $"inventory-{query.Country ?? "region"}-{lang}.{format}", content, transferId);
    }
}

internal static partial class InventoryReportLog
{
    [LoggerMessage(1650, LogLevel.Information, "Inventory report {Format}/{Lang} ({Flows} flows) exported, transfer {TransferId}")]
    public static partial void ReportExported(ILogger logger, string format, string lang, int flows, Guid transferId);
}
