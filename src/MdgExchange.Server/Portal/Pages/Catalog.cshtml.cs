using MdgExchange.Application.Catalog;
using MdgExchange.Domain.Catalog;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>The catalogue of statistical operations by country, as <c>ListOperations</c> reads it; each one's sheet opens for revision by those who may write its country.</summary>
public sealed class CatalogModel(CatalogReader reads, CatalogWriter writes, CatalogRegistry registry) : PageModel
{
    public IReadOnlyList<StatisticalOperation> Operations { get; private set; } = [];

    public IReadOnlyDictionary<string, BilingualName> Countries { get; private set; } = new Dictionary<string, BilingualName>();

    public string Country { get; private set; } = "";

    public string? Refusal { get; private set; }

    /// <summary>The operation just deleted (the page is where a deletion lands).</summary>
    public string? Deleted { get; private set; }

    public bool MayWrite => AccessPolicy.Allows(Caller.From(User), Application.Security.Operations.CatalogImport);

    /// <summary>The countries the person may write: null for every country (coordinator, admin).</summary>
    public IReadOnlySet<string>? Writable { get; private set; }

    public async Task OnGetAsync(string? country, string? deleted)
    {
        Country = (country ?? "").Trim();
        Deleted = string.IsNullOrWhiteSpace(deleted) ? null : deleted;
        Countries = await registry.CountriesAsync(HttpContext.RequestAborted);
        Writable = await writes.WritableCountriesAsync(PortalSession.ExchangeCaller(User), HttpContext.RequestAborted);
        try
        {
            Operations = await reads.ListAsync(new CatalogQueryText(Country: Country), HttpContext.RequestAborted);
        }
        catch (CatalogQueryException ex)
        {
            Refusal = ex.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public string CountryName(string code) => Countries.GetValueOrDefault(code) is { } name ? $"{name.In(PortalText.Language)} ({code})" : code;

    public bool MayEdit(StatisticalOperation operation) => MayWrite && (Writable is null || Writable.Contains(operation?.Country ?? ""));
}
