using MdgExchange.Application.Configuration;
using MdgExchange.Storage;
using Microsoft.Extensions.Options;

namespace MdgExchange.Application.Accounts;

/// <summary>A plain-text mail to one person.</summary>
public sealed record OutgoingMail(string To, string Subject, string Body);

/// <summary>What became of mailing an invitation: sent, not configured (no mail server), or failed and why.</summary>
public sealed record MailDelivery(string State, string? Problem = null)
{
    public const string Sent = "sent";
    public const string NotConfigured = "not-configured";
    public const string Failed = "failed";

    public override string ToString() => Problem is null ? State : $"{State}: {Problem}";
}

/// <summary>Hands a mail to the configured mail server (SMTP); the transport is the host's.</summary>
public interface IMailTransport
{
    /// <exception cref="MailTransportException">The server refused the mail or could not be reached.</exception>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>The mail server refused the mail or could not be reached; the message names what failed, never a secret.</summary>
public sealed class MailTransportException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Sends an invitation's sign-up link to the invited address, in English and Spanish, when a mail server is configured.
/// A mail that fails does not undo the invitation: the link is still shown to whoever invited, who can pass it on.
/// </summary>
public sealed class InvitationMail(IMailTransport transport, IOptions<MdgExchangeOptions> options, ILogger<InvitationMail> logger)
{
    public async Task<MailDelivery> SendAsync(IssuedInvitation issued, string signUpUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issued);
        if (!options.Value.Mail.Enabled)
        {
            return new MailDelivery(MailDelivery.NotConfigured);
        }

        var invitation = issued.Invitation;
        try
        {
            await transport.SendAsync(Compose(invitation, signUpUrl), cancellationToken);
            logger.LogInformation("Invitation for {Organisation} ({Role}) mailed to {Email}", invitation.Organisation, invitation.Role, invitation.Email);
            return new MailDelivery(MailDelivery.Sent);
        }
        catch (MailTransportException ex)
        {
            logger.LogWarning("Invitation for {Organisation} could not be mailed to {Email}: {Problem}", invitation.Organisation, invitation.Email, ex.Message);
            return new MailDelivery(MailDelivery.Failed, ex.Message);
        }
    }

    /// <summary>The mail: who invites the person, for which organisation and role, the link and until when it works.</summary>
    public static OutgoingMail Compose(PortalInvitation invitation, string signUpUrl)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var expires = invitation.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        var body =
            $"""
            You are invited to the MdgExchange collaborative site, to act for {invitation.Organisation} as {invitation.Role}.
            Create your account with this link (it works once, until {expires}):

            {signUpUrl}

            Se le invita al sitio colaborativo MdgExchange, para actuar por {invitation.Organisation} como {invitation.Role}.
            Cree su cuenta con este enlace (sirve una sola vez, hasta el {expires}):

            {signUpUrl}

            If you did not expect this invitation, ignore this mail. / Si no esperaba esta invitación, ignore este correo.
            """;
        return new OutgoingMail(invitation.Email, $"MdgExchange: invitation for {invitation.Organisation} / invitación por {invitation.Organisation}", body);
    }
}
