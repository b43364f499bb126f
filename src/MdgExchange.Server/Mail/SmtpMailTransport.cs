using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MdgExchange.Application.Accounts;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MdgExchange.Server.Mail;

/// <summary>
/// Sends mail through the configured SMTP server with MailKit: STARTTLS required by default (or TLS from the start, or
/// none for a loopback relay), authentication when a user name is configured. Failures name the server and the
/// stage, never the password.
/// </summary>
public sealed class SmtpMailTransport(IOptions<MdgExchangeOptions> options) : Application.Accounts.IMailTransport
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var settings = options.Value.Mail;
        var message = new MimeMessage();
        try
        {
            message.From.Add(MailboxAddress.Parse(settings.From));
            message.To.Add(MailboxAddress.Parse(mail.To));
        }
        catch (ParseException ex)
        {
            throw new MailTransportException($"MdgExchange:Mail:From or the invited address is not a mail address ({ex.Message})", ex);
        }

        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.Body };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds)));
        using var client = new SmtpClient { Timeout = Math.Max(1, settings.TimeoutSeconds) * 1000 };
        var stage = "connect to";
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, Security(settings.Security), timeout.Token);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                stage = "sign in to";
                await client.AuthenticateAsync(settings.UserName, settings.Password, timeout.Token);
            }

            stage = "send through";
            await client.SendAsync(message, timeout.Token);
            await client.DisconnectAsync(true, timeout.Token);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException or ServiceNotConnectedException or OperationCanceledException)
        {
            var why = ex is OperationCanceledException && !cancellationToken.IsCancellationRequested ? $"no answer within {settings.TimeoutSeconds} s" : ex.Message;
            throw new MailTransportException($"could not {stage} the mail server {settings.Host}:{settings.Port}: {why}", ex);
        }
    }

    private static SecureSocketOptions Security(string security) => security.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "tls" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}
