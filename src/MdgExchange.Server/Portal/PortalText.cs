using System.Globalization;

namespace MdgExchange.Server.Portal;

/// <summary>The portal's words in English and Spanish, chosen by the request culture (the person's choice, else Accept-Language).</summary>
public static partial class PortalText
{
    private static readonly AsyncLocal<string?> Current = new();

    /// <summary>The text in the request's language (Spanish for <c>es</c>, English otherwise).</summary>
    public static string T(string key) => IsSpanish ? Texts[key].Es : Texts[key].En;

    /// <summary>A reconciliation state's name (the code itself when unknown).</summary>
    public static string State(string state) => Texts.ContainsKey("st:" + state) ? T("st:" + state) : state;

    /// <summary>A typology code's status or origin on a pair (proposed, confirmed, removed; automatic, manual).</summary>
    public static string CodeStatus(string status) => Texts.ContainsKey("cs:" + status) ? T("cs:" + status) : status;

    /// <summary>A pair history entry's kind.</summary>
    public static string EventKind(string kind) => Texts.ContainsKey("ev:" + kind) ? T("ev:" + kind) : kind;

    public static string T(string key, params object[] values) => string.Format(CultureInfo.InvariantCulture, T(key), values);

    public static bool IsSpanish => Current.Value == "es";

    public static string Language => IsSpanish ? "es" : "en";

    /// <summary>
    /// The service runs without ICU (invariant globalisation keeps its output byte-stable), so the portal formats for
    /// its two languages itself: instants in ISO 8601 UTC (unambiguous in both), numbers grouped by thin spaces as
    /// ISO 80000 writes them, with the decimal comma in Spanish and the point in English.
    /// </summary>
    public static string Number(double value, int decimals = 0)
    {
        var text = value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace(",", "\u202F", StringComparison.Ordinal);
        return IsSpanish ? text.Replace('.', ',') : text;
    }

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Chooses the request's language: the person's choice (a claim of the session), else the first of the browser's
    /// Accept-Language that the portal speaks, else English.
    /// </summary>
    public static IApplicationBuilder UsePortalLanguage(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Only the portal's pages: an AsyncLocal set here would flow through every await of an SDMX export or a gRPC
        // stream, which have no use for it.
        if (context.Request.Path.StartsWithSegments("/sdmx", StringComparison.Ordinal)
            || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            return next(context);
        }

        Current.Value = context.User.FindFirst(PortalSession.LanguageClaim)?.Value ?? FromAcceptLanguage(context.Request.Headers.AcceptLanguage.ToString());
        return next(context);
    });

    private static string FromAcceptLanguage(string header)
    {
        var wanted = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split(';', StringSplitOptions.TrimEntries))
            .Select(parts => (Tag: parts[0].ToLowerInvariant(), Q: parts.Skip(1).Where(p => p.StartsWith("q=", StringComparison.Ordinal)).Select(p => double.TryParse(p[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : 0).FirstOrDefault(1.0)))
            .OrderByDescending(t => t.Q);
        foreach (var (tag, _) in wanted)
        {
            if (tag.StartsWith("es", StringComparison.Ordinal))
            {
                return "es";
            }

            if (tag.StartsWith("en", StringComparison.Ordinal))
            {
                return "en";
            }
        }

        return "en";
    }
}
