namespace MdgExchange.Server.Portal;

/// <summary>Links into the portal: absolute ones for messages sent outside it (the sign-up link of an invitation), relative ones between its pages.</summary>
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

    /// <summary>A series page (and, when given, as of a vintage).</summary>
    public static string Series(string dataflow, string seriesKey, DateTimeOffset? asOf = null) =>
        $"/series?flow={Uri.EscapeDataString(dataflow)}&key={Uri.EscapeDataString(seriesKey)}" + (asOf is { } at ? $"&asof={Uri.EscapeDataString(at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}" : "");

    /// <summary>A forum thread's page (and, when given, one of its posts).</summary>
    public static string ForumThread(Guid threadId, int? post = null) =>
        $"/forum/thread?id={threadId:D}" + (post is { } ordinal ? $"#p-{ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "");

    /// <summary>The forum's threads on a subject.</summary>
    public static string Forum(string kind, string? code) =>
        $"/forum?kind={Uri.EscapeDataString(kind)}" + (string.IsNullOrEmpty(code) ? "" : $"&code={Uri.EscapeDataString(code)}");
}
