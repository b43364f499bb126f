using System.Globalization;

namespace MdgExchange.Server.Portal;

/// <summary>The portal's words in English and Spanish, chosen by the request culture (the person's choice, else Accept-Language).</summary>
public static class PortalText
{
    private static readonly Dictionary<string, (string En, string Es)> Texts = new(StringComparer.Ordinal)
    {
        ["title"] = ("MdgExchange — collaborative site", "MdgExchange — sitio colaborativo"),
        ["signin"] = ("Sign in", "Iniciar sesión"),
        ["signout"] = ("Sign out", "Cerrar sesión"),
        ["signup"] = ("Create your account", "Crear su cuenta"),
        ["email"] = ("Email", "Correo electrónico"),
        ["password"] = ("Password", "Contraseña"),
        ["confirm"] = ("Repeat the password", "Repita la contraseña"),
        ["name"] = ("Your name", "Su nombre"),
        ["language"] = ("Language", "Idioma"),
        ["mismatch"] = ("The two passwords differ.", "Las dos contraseñas no coinciden."),
        ["refused"] = ("The email or the password is wrong, or the account is locked.", "El correo o la contraseña no son correctos, o la cuenta está bloqueada."),
        ["locked"] = ("After repeated failures the account is locked until {0}.", "Tras varios intentos fallidos la cuenta está bloqueada hasta el {0}."),
        ["badlink"] = ("This invitation link is unknown, used or expired; ask the coordinator for a new one.", "Este enlace de invitación es desconocido, ya fue usado o venció; pida uno nuevo a la coordinación."),
        ["invitedas"] = ("You were invited to act for {0} as {1}.", "Fue invitado a actuar por {0} como {1}."),
        ["welcome"] = ("Signed in as {0}, for {1} ({2}).", "Sesión iniciada como {0}, por {1} ({2})."),
        ["transfers"] = ("Your organisation's latest transfers", "Últimas transferencias de su organización"),
        ["none"] = ("No transfers yet.", "Aún no hay transferencias."),
        ["when"] = ("When", "Cuándo"),
        ["kind"] = ("Kind", "Tipo"),
        ["outcome"] = ("Outcome", "Resultado"),
        ["dataflow"] = ("Dataflow", "Flujo de datos"),
        ["observations"] = ("Observations", "Observaciones"),
        ["denied"] = ("You may not open this page.", "No puede abrir esta página."),
        ["skip"] = ("Skip to content", "Ir al contenido"),
        ["reports"] = ("Reports", "Informes"),
        ["upload"] = ("Send a data file", "Enviar un archivo de datos"),
        ["uploadhelp"] = ("SDMX-ML or SDMX-CSV. Nothing is stored unless the whole file is valid; every problem is listed with its line and rule.", "SDMX-ML o SDMX-CSV. No se guarda nada si el archivo no es válido en su totalidad; cada problema se indica con su línea y su regla."),
        ["file"] = ("File", "Archivo"),
        ["action"] = ("Action", "Acción"),
        ["asfile"] = ("As the file says (else insert)", "La del archivo (si no, insertar)"),
        ["insert"] = ("insert or revise", "insertar o revisar"),
        ["replace"] = ("replace the series", "reemplazar las series"),
        ["send"] = ("Send", "Enviar"),
        ["stored"] = ("Stored: {0} series, {1} observations ({2} new, {3} revised).", "Guardado: {0} series, {1} observaciones ({2} nuevas, {3} revisadas)."),
        ["transfer"] = ("Transfer", "Transferencia"),
        ["where"] = ("Where", "Dónde"),
        ["rule"] = ("Problem", "Problema"),
        ["nofile"] = ("Choose a file and a dataflow.", "Elija un archivo y un flujo de datos."),
        ["toolarge"] = ("The file is over the limit of {0} bytes.", "El archivo supera el límite de {0} bytes."),
    };

    private static readonly AsyncLocal<string?> Current = new();

    /// <summary>The text in the request's language (Spanish for <c>es</c>, English otherwise).</summary>
    public static string T(string key) => IsSpanish ? Texts[key].Es : Texts[key].En;

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

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

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
