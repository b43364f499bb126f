using MdgExchange.Application.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>
/// Sign-in with email and password (lockout after repeated failures, <see cref="PortalAccounts"/>), or through the
/// configured OpenID Connect issuer (<see cref="PortalOidc"/>).
/// </summary>
public sealed class LoginModel(PortalAccounts accounts, IOptions<MdgExchangeOptions> options) : PageModel
{
    private static readonly HashSet<string> ExternalRefusals = ["failed", "unverified", "noaccount", "locked", "mismatch", "invitation"];

    public string? Error { get; private set; }

    public string? Email { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    /// <summary>The issuer's name on the button, when one is configured.</summary>
    public string? Issuer => options.Value.Auth.PortalOidc.Enabled ? options.Value.Auth.PortalOidc.DisplayName : null;

    public void OnGet(string? returnUrl, string? external)
    {
        ReturnUrl = PortalSession.LocalOrHome(returnUrl);
        if (external is not null && ExternalRefusals.Contains(external))
        {
            Error = PortalText.T("oidc:" + external);
            Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl)
    {
        ReturnUrl = PortalSession.LocalOrHome(returnUrl);
        Email = email;
        var result = await accounts.SignInAsync(email ?? "", password ?? "", HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Error = result.LockedUntil is { } until ? PortalText.T("locked", PortalText.Instant(until)) : PortalText.T("refused");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await PortalSession.SignInAsync(HttpContext, result.Account!);
        return LocalRedirect(ReturnUrl);
    }

    /// <summary>"Sign in with ...": off to the issuer (a post with the antiforgery token, so no other site can start it).</summary>
    public IActionResult OnPostIssuer(string? returnUrl) =>
        Issuer is null ? NotFound() : Challenge(PortalOidc.Challenge(returnUrl ?? "/"), PortalOidc.Scheme);
}
