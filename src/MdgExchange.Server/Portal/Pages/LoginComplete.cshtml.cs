using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>
/// Where a sign-in through the issuer lands. The session cookie is SameSite=Strict, and a browser does not send it on
/// a navigation that a redirect from another site started; this page navigates on by itself (a same-site navigation),
/// so the person arrives signed in.
/// </summary>
public sealed class LoginCompleteModel : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = PortalSession.LocalOrHome(returnUrl);
}
