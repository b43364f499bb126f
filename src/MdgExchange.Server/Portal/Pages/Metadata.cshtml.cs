using MdgExchange.Application.Metadata;
using MdgExchange.Domain.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>The metadata reports (current versions) by indicator or series, area and organisation, as <c>ListMetadataReports</c> reads them.</summary>
public sealed class MetadataModel(MetadataService metadata) : PageModel
{
    public IReadOnlyList<MetadataReport> Reports { get; private set; } = [];

    public string Target { get; private set; } = "";

    public string Area { get; private set; } = "";

    public string Organisation { get; private set; } = "";

    public bool MaySubmit => AccessPolicy.Allows(Caller.From(User), Operations.MetadataSubmit);

    public string? Own => Caller.From(User).Organisation;

    public async Task OnGetAsync(string? target, string? area, string? org)
    {
        (Target, Area, Organisation) = ((target ?? "").Trim(), (area ?? "").Trim(), (org ?? "").Trim());
        var reports = await metadata.ListAsync(new MetadataQuery(TargetCode: Blank(Target), RefArea: Blank(Area), Organisation: Blank(Organisation)), HttpContext.RequestAborted);
        Reports = reports.OrderBy(r => r.TargetCode, StringComparer.Ordinal).ThenBy(r => r.RefArea ?? "", StringComparer.Ordinal).ThenBy(r => r.Organisation, StringComparer.Ordinal).ToList();
    }

    /// <summary>The report's comparison page: its indicator and area, or for global metadata the filter's area.</summary>
    public string? CompareLink(MetadataReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var area = report.RefArea ?? Blank(Area);
        return area is null ? null : $"/metadata/compare?target={Uri.EscapeDataString(report.TargetCode)}&area={Uri.EscapeDataString(area)}";
    }

    public static string EditLink(MetadataReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"/metadata/edit?kind={report.TargetKind}&target={Uri.EscapeDataString(report.TargetCode)}&area={Uri.EscapeDataString(report.RefArea ?? "")}&lang={PortalText.Language}";
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}
