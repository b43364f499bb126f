namespace MdgExchange.Server.Portal;

public static partial class PortalText
{
    /// <summary>Signing in, signing up and the OpenID Connect sign-in.</summary>
    private static Dictionary<string, (string En, string Es)> SignInWords() => new(StringComparer.Ordinal)
    {
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
        ["signinwith"] = ("Sign in with {0}", "Iniciar sesión con {0}"),
        ["signupwith"] = ("Create the account with {0}", "Crear la cuenta con {0}"),
        ["orissuer"] = ("Or, without a password of this site: your invited email address, confirmed by your organisation's sign-in.", "O bien, sin contraseña de este sitio: su correo invitado, confirmado por el inicio de sesión de su organización."),
        ["continue"] = ("Continue", "Continuar"),
        ["oidc:failed"] = ("The sign-in service did not sign you in (refused, cancelled or expired). Try again.", "El servicio de inicio de sesión no lo identificó (rechazo, cancelación o vencimiento). Inténtelo de nuevo."),
        ["oidc:unverified"] = ("The sign-in service gave no verified email address.", "El servicio de inicio de sesión no dio un correo verificado."),
        ["oidc:noaccount"] = ("No account of this site has that email address; ask your coordinator for an invitation.", "Ninguna cuenta de este sitio tiene ese correo; pida una invitación a su coordinación."),
        ["oidc:locked"] = ("This account is locked for a while after repeated failed sign-ins.", "Esta cuenta está bloqueada por un tiempo tras varios intentos fallidos."),
        ["oidc:mismatch"] = ("The sign-in service gave another email address than the invitation's: sign in there with the invited address.", "El servicio de inicio de sesión dio otro correo que el de la invitación: inicie sesión allí con el correo invitado."),
        ["oidc:invitation"] = ("The invitation link is unknown, used or expired; ask for a new one.", "El enlace de invitación es desconocido, ya se usó o venció; pida uno nuevo."),
    };
}
