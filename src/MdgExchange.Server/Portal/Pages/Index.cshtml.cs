using MdgExchange.Application.Exchange;
using MdgExchange.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>The portal's home: who the person is and the latest transfers of their organisation (the transfer log's rules apply).</summary>
public sealed class IndexModel(TransferLog log) : PageModel
{
    public Caller Caller { get; private set; } = Caller.Anonymous;

    public IReadOnlyList<Transfer> Transfers { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Caller = Caller.From(User);
        Transfers = await log.ListAsync(new TransferFilter { Limit = 50 }, PortalSession.ExchangeCaller(User), HttpContext.RequestAborted);
    }
}
