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
        ["locked"] = ("After repeated failures the account is locked until {0}.", "Tras varios intentos fallidos la cuenta está bloqueada hasta las {0}."),
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
    };

    /// <summary>The text in the current UI culture (Spanish for <c>es</c>, English otherwise).</summary>
    public static string T(string key) => IsSpanish ? Texts[key].Es : Texts[key].En;

    public static string T(string key, params object[] values) => string.Format(CultureInfo.CurrentCulture, T(key), values);

    public static bool IsSpanish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es";

    public static string Language => IsSpanish ? "es" : "en";
}
