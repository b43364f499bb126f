using MdgExchange.Application.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>Sign-in with email and password; lockout after repeated failures (<see cref="PortalAccounts"/>).</summary>
public sealed class LoginModel(PortalAccounts accounts) : PageModel
{
    public string? Error { get; private set; }

    public string? Email { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = PortalSession.LocalOrHome(returnUrl);

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
}
