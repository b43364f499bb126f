using MdgExchange.Application.Accounts;
using MdgExchange.Application.Exchange;
using MdgExchange.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>Sign-up from an invitation's one-time link; the person is signed in once the account exists.</summary>
public sealed class SignupModel(PortalAccounts accounts, IOptions<MdgExchangeOptions> options) : PageModel
{
    /// <summary>The issuer's name on the button, when one is configured.</summary>
    public string? Issuer => options.Value.Auth.PortalOidc.Enabled ? options.Value.Auth.PortalOidc.DisplayName : null;

    public PortalInvitation? Invitation { get; private set; }

    public string Token { get; private set; } = "";

    public string? Name { get; private set; }

    public List<string> Errors { get; } = [];

    public async Task OnGetAsync(string? token)
    {
        Token = token ?? "";
        Invitation = await accounts.OpenInvitationAsync(Token, HttpContext.RequestAborted);
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public async Task<IActionResult> OnPostAsync(string? token, string? name, string? password, string? confirm, string? language)
    {
        Token = token ?? "";
        Name = name;
        Invitation = await accounts.OpenInvitationAsync(Token, HttpContext.RequestAborted);
        if (Invitation is not null && password != confirm)
        {
            Errors.Add(PortalText.T("mismatch"));
        }

        if (Invitation is null || Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            var account = await accounts.SignUpAsync(Token, name ?? "", password ?? "", language, HttpContext.RequestAborted);
            await PortalSession.SignInAsync(HttpContext, account);
            return LocalRedirect("/");
        }
        catch (ExchangeRejectedException ex)
        {
            Errors.AddRange(ex.Violations.Select(v => $"{v.Field}: {v.Description}"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    /// <summary>Accepting the invitation through the issuer: the account is made when the issuer's verified email is the invited one.</summary>
    public async Task<IActionResult> OnPostIssuerAsync(string? token, string? language)
    {
        if (Issuer is null || await accounts.OpenInvitationAsync(token ?? "", HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        return Challenge(PortalOidc.Challenge("/", token, language), PortalOidc.Scheme);
    }
}
