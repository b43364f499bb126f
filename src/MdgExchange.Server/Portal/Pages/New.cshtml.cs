using MdgExchange.Application.Exchange;
using MdgExchange.Domain.Structure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>
/// What's new for the person's organisation: series that others pushed since its last pull of them, filtered by
/// dataflow, series codes and areas, each with download links in the SDMX formats (an SDMX REST pull, recorded).
/// </summary>
public sealed class NewModel(WhatsNew news) : PageModel
{
    public IReadOnlyList<NewData> Items { get; private set; } = [];

    public string? Series { get; private set; }

    public string? Area { get; private set; }

    public async Task OnGetAsync(string? series, string? area)
    {
        (Series, Area) = (Blank(series), Blank(area));
        Items = await news.ListAsync(
            new WhatsNewRequest(Series: Codes(Series), Areas: Codes(Area)),
            PortalSession.ExchangeCaller(User),
            HttpContext.RequestAborted);
    }

    /// <summary>The SDMX REST 2.0 query of one series code in one area, in a format (<c>format</c> as the standard's names).</summary>
    public static string Download(NewData item, string format)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!ArtefactRef.TryParse(item.Dataflow, ArtefactType.Dataflow, out var flow, out _))
        {
            return "#";
        }

        return $"/sdmx/v2/data/dataflow/{Uri.EscapeDataString(flow.AgencyId)}/{Uri.EscapeDataString(flow.Id)}/{Uri.EscapeDataString(flow.Version)}/*"
            + $"?c%5BSERIES%5D={Uri.EscapeDataString(item.SeriesCode)}&c%5BREF_AREA%5D={Uri.EscapeDataString(item.Area)}&format={Uri.EscapeDataString(format)}";
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string[]? Codes(string? value) => value?.Split([' ', ',', '+'], StringSplitOptions.RemoveEmptyEntries);
}
