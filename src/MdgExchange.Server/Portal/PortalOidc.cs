using MdgExchange.Application.Accounts;
using MdgExchange.Application.Exchange;
using MdgExchange.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MdgExchange.Server.Portal;

/// <summary>
/// "Sign in with ..." on the portal: the authorization code flow with PKCE against the configured issuer. The issuer
/// says who the person is (its verified email); the account — organisation and role — is the one an invitation made,
/// so a person acts exactly as with a password. An invitation can also be accepted this way: the issuer's email must
/// be the invited one. The session is then the portal's own cookie.
/// </summary>
public static class PortalOidc
{
    public const string Scheme = "portal-oidc";
    public const string CallbackPath = "/signin-oidc";

    /// <summary>The invitation token a sign-up through the issuer carries (inside the protected state).</summary>
    public const string InvitationItem = "mdgx.invitation";
    public const string LanguageItem = "mdgx.lang";

    public static AuthenticationBuilder AddPortalOidc(this AuthenticationBuilder builder, PortalOidcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return builder.AddOpenIdConnect(Scheme, options.DisplayName, o =>
        {
            o.Authority = options.Authority;
            o.ClientId = options.ClientId;
            o.ClientSecret = string.IsNullOrEmpty(options.ClientSecret) ? null : options.ClientSecret;
            o.RequireHttpsMetadata = options.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // A GET back from the issuer: the correlation and nonce cookies can then be SameSite=Lax (a form post back
            // would need SameSite=None, refused over plain HTTP).
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CallbackPath = CallbackPath;
            o.SignInScheme = PortalSession.Scheme;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("email");
            o.Scope.Add("profile");
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.DisableTelemetry = true;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events = new OpenIdConnectEvents
            {
                OnTokenValidated = context => AccountOfAsync(context, options),
                OnRemoteFailure = context =>
                {
                    // The issuer refused, the state was forged or expired: back to the sign-in page, which says so.
                    context.Response.Redirect("/login?external=failed");
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
            };
        });
    }

    /// <summary>Replaces the issuer's identity with the portal account's, or ends the flow on the sign-in page with the reason.</summary>
    private static async Task AccountOfAsync(TokenValidatedContext context, PortalOidcOptions options)
    {
        var token = context.Principal!;
        var email = token.FindFirst(options.EmailClaim)?.Value ?? "";
        var verified = string.Equals(token.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        if (email.Length == 0 || (options.RequireVerifiedEmail && !verified))
        {
            Refuse(context, "unverified");
            return;
        }

        var accounts = context.HttpContext.RequestServices.GetRequiredService<PortalAccounts>();
        var cancel = context.HttpContext.RequestAborted;
        PortalAccount? account;
        if (context.Properties?.Items.TryGetValue(InvitationItem, out var invitation) == true && invitation is not null)
        {
            var name = token.FindFirst("name")?.Value ?? token.FindFirst("preferred_username")?.Value ?? email;
            context.Properties.Items.TryGetValue(LanguageItem, out var language);
            try
            {
                account = await accounts.SignUpExternalAsync(invitation, email, name, language, cancel);
            }
            catch (ExchangeRejectedException ex)
            {
                Refuse(context, ex.Violations.Any(v => v.Field == "email") ? "mismatch" : "invitation");
                return;
            }
        }
        else
        {
            var result = await accounts.SignInExternalAsync(email, cancel);
            if (!result.Succeeded)
            {
                Refuse(context, result.LockedUntil is null ? "noaccount" : "locked");
                return;
            }

            account = result.Account!;
        }

        context.Principal = PortalSession.Principal(account);
    }

    private static void Refuse(TokenValidatedContext context, string reason)
    {
        context.Response.Redirect("/login?external=" + reason);
        context.HandleResponse();
    }

    /// <summary>Where the issuer's answer finally lands: a page that navigates on to the return address (see <c>/login/complete</c>).</summary>
    public static AuthenticationProperties Challenge(string returnUrl, string? invitation = null, string? language = null)
    {
        var properties = new AuthenticationProperties { RedirectUri = "/login/complete?returnUrl=" + Uri.EscapeDataString(PortalSession.LocalOrHome(returnUrl)) };
        if (invitation is not null)
        {
            properties.Items[InvitationItem] = invitation;
            properties.Items[LanguageItem] = language is "es" or "en" ? language : null;
        }

        return properties;
    }
}
