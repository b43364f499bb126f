namespace MdgExchange.Server.Portal;

/// <summary>Absolute links into the portal, for messages sent outside it (the sign-up link of an invitation).</summary>
public static class PortalLinks
{
    /// <summary>The portal's public address: <c>MdgExchange:PortalUrl</c>, or the HTTP endpoint's.</summary>
    public static string BaseUrl(MdgExchangeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.PortalUrl))
        {
            return options.PortalUrl.TrimEnd('/');
        }

        var scheme = string.IsNullOrEmpty(options.Http.CertificatePath) ? "http" : "https";
        return $"{scheme}://{options.Http.Host}:{options.Http.Port}";
    }

    public static string SignUp(MdgExchangeOptions options, string token) => $"{BaseUrl(options)}/signup?token={Uri.EscapeDataString(token)}";
}
