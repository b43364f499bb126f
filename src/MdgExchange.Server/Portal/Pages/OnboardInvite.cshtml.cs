using MdgExchange.Application.Accounts;
using MdgExchange.Application.Exchange;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>What the invitation form shows: the values given and their problems.</summary>
public sealed record InviteFormValues(string Organisation, string Role, string Email, PortalFormErrors? Errors = null);

/// <summary>
/// The coordinator invites a person for an organisation and a role, through the same use case as <c>mdgx users invite</c>
/// and <c>InviteUser</c> (recorded as a transfer); the one-time sign-up link is shown once, on this answer only.
/// </summary>
public sealed class OnboardInviteModel(PortalAccounts accounts, InvitationMail mail, IOptions<MdgExchangeOptions> options) : PageModel
{
    public InviteFormValues Form { get; private set; } = new("", Roles.Provider, "");

    public IssuedInvitation? Issued { get; private set; }

    public string? SignUpLink => Issued is null ? null : PortalLinks.SignUp(options.Value, Issued.Token);

    /// <summary>What became of mailing the link (sent, no mail server, failed and why); the link is shown either way.</summary>
    public MailDelivery? Delivery { get; private set; }

    public Guid? RefusalTransfer { get; private set; }

    public PortalFormErrors Errors { get; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? organisation, string? role, string? email)
    {
        Form = new((organisation ?? "").Trim(), (role ?? "").Trim(), (email ?? "").Trim(), Errors);
        try
        {
            Issued = await accounts.InviteAsync(Form.Organisation, Form.Role, Form.Email, PortalSession.ExchangeCaller(User), HttpContext.RequestAborted);
            Delivery = await mail.SendAsync(Issued, SignUpLink!, HttpContext.RequestAborted);
            Form = new("", Roles.Provider, "");
            // The link is a credential: not kept by any cache.
            Response.Headers.CacheControl = "no-store";
        }
        catch (ExchangeRejectedException ex)
        {
            Refuse(ex.TransferId, ex.Violations, StatusCodes.Status400BadRequest);
        }
        catch (ExchangeDeniedException ex)
        {
            Refuse(ex.TransferId, ex.Violations, StatusCodes.Status403Forbidden);
        }

        return Page();
    }

    private void Refuse(Guid transferId, IReadOnlyList<Domain.Data.DataViolation> violations, int status)
    {
        RefusalTransfer = transferId;
        foreach (var v in violations)
        {
            Errors.Add(v.Field, v.Description, ["organisation", "role", "email"]);
        }

        Response.StatusCode = status;
    }
}
