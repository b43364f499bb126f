using MdgExchange.Application.Catalog;
using MdgExchange.Application.Exchange;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>Deletes an operation of the catalogue through the same use case as <c>DeleteOperation</c> (its country's writers only, recorded as a transfer).</summary>
public sealed class CatalogDeleteModel(CatalogWriter writes) : PageModel
{
    public string? Refusal { get; private set; }

    public Guid? RefusalTransfer { get; private set; }

    /// <summary>Deleting is a post from an operation's sheet; opened directly, the page goes to the catalogue.</summary>
    public IActionResult OnGet() => Redirect("/catalog");

    public async Task<IActionResult> OnPostAsync(string? id, bool confirm)
    {
        if (string.IsNullOrWhiteSpace(id) || !confirm)
        {
            Refusal = PortalText.T("fm:opdeletewhat");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            await writes.DeleteAsync(id.Trim(), PortalSession.ExchangeCaller(User), HttpContext.RequestAborted);
            return Redirect("/catalog?deleted=" + Uri.EscapeDataString(id.Trim()));
        }
        catch (ExchangeNotFoundException ex)
        {
            (Refusal, RefusalTransfer) = (ex.Message, ex.TransferId);
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        catch (ExchangeDeniedException ex)
        {
            (Refusal, RefusalTransfer) = (ex.Message, ex.TransferId);
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return Page();
    }
}
