using System.Security.Claims;
using MdgExchange.Application.Accounts;
using MdgExchange.Application.Exchange;
using MdgExchange.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MdgExchange.Server.Portal;

/// <summary>
/// The portal's session: a cookie (HttpOnly, SameSite=Strict, Secure under TLS) carrying the same claims as an API key
/// — organisation, role, principal — so that the access table and the use cases see a person exactly like a key.
/// </summary>
public static class PortalSession
{
    public const string Scheme = "portal";
    public const string CookieName = "mdgx.portal";
    public const string AccountClaim = "mdgx:account";

    public const string LanguageClaim = "mdgx:lang";

    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        // The pages are this assembly's, whichever assembly hosts the server (a test host, too).
        services.AddRazorPages(o => o.RootDirectory = "/Portal/Pages").AddApplicationPart(typeof(PortalSession).Assembly);
        services.AddSingleton<PortalUploads>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "mdgx.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>The cookie scheme, added to the authentication the API uses.</summary>
    public static AuthenticationBuilder AddPortalCookie(this AuthenticationBuilder builder) =>
        builder.AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/login";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateAsync;
        });

    public static Task SignInAsync(HttpContext context, PortalAccount account)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.SignInAsync(Scheme, Principal(account));
    }

    /// <summary>The session's principal for an account: the same claims as an API key of its organisation and role.</summary>
    public static ClaimsPrincipal Principal(PortalAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var claims = new List<Claim>
        {
            new(AccountClaim, account.AccountId),
            new(MdgxClaims.Organisation, account.Organisation),
            new(MdgxClaims.Role, account.Role),
            new(MdgxClaims.Principal, PortalAccounts.Principal(account)),
            new(ClaimTypes.Name, account.DisplayName),
        };
        if (account.Language is { } language)
        {
            claims.Add(new Claim(LanguageClaim, language));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);

    /// <summary>The person as the use cases take a caller, on the portal channel.</summary>
    public static ExchangeCaller ExchangeCaller(ClaimsPrincipal user)
    {
        var caller = Caller.From(user);
        return new("portal", caller.Principal, caller.Organisation, caller.Roles);
    }

    /// <summary>A return address inside the portal; anything else goes home (no open redirect).</summary>
    public static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    /// <summary>A session whose account was disabled or removed ends at its next request.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirst(AccountClaim)?.Value;
        var accounts = context.HttpContext.RequestServices.GetRequiredService<PortalAccounts>();
        if (id is null || await accounts.GetAsync(id, context.HttpContext.RequestAborted) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
