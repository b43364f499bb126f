namespace MdgExchange.Application.Configuration;

/// <summary>
/// Configuration section <c>MdgExchange:Mail</c>: the optional mail server through which invitations are also sent
/// (the sign-up link is always shown to the person who invites, mail or not). Empty <see cref="Host"/> = no mail.
/// Give the password through the environment (<c>MdgExchange__Mail__Password</c>) or a secret store, never a file
/// in the repository; it is never logged or shown.
/// </summary>
public sealed class MailOptions
{
    /// <summary>The SMTP server's host name; empty = invitations are not mailed.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>
    /// <c>starttls</c> (default: refuse a server that cannot upgrade), <c>tls</c> (TLS from the first byte, port 465)
    /// or <c>none</c> (only for a relay on loopback or a trusted network).
    /// </summary>
    public string Security { get; set; } = "starttls";

    /// <summary>The sender address, e.g. <c>MdgExchange &lt;no-reply@example.org&gt;</c>.</summary>
    public string From { get; set; } = "";

    /// <summary>The account on the mail server; empty = no authentication.</summary>
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>How long one delivery may take before it counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
