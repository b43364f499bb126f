using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using MdgExchange.Server.Portal;
using Microsoft.IdentityModel.Tokens;

namespace MdgExchange.Server.Security;

/// <summary>
/// Authentication: API keys always; OIDC bearer tokens (JWT) when configured. One policy scheme picks the handler
/// by the header the caller sent. Either way the principal ends up with the server's own claims
/// (<see cref="MdgxClaims"/>): its organisation, its roles and a principal name for the transfer log.
/// </summary>
public static class AuthenticationSetup
{
    public const string Scheme = "mdgx";

    public static IServiceCollection AddMdgExchangeAuthentication(this IServiceCollection services, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var oidc = options.Oidc;
        var builder = services.AddAuthentication(o => o.DefaultScheme = Scheme)
            .AddPolicyScheme(Scheme, "API key, bearer token or portal session", p => p.ForwardDefaultSelector = context => Select(context, oidc.Enabled))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPortalCookie();
        if (oidc.Enabled)
        {
            builder.AddJwtBearer(jwt => Configure(jwt, oidc));
        }

        if (options.PortalOidc.Enabled)
        {
            builder.AddPortalOidc(options.PortalOidc);
        }

        return services;
    }

    /// <summary>
    /// Credentials a request presents choose the scheme: a bearer token (when OIDC is configured), else an API key; a
    /// browser that sends neither but the portal's session cookie is the person signed in.
    /// </summary>
    private static string Select(HttpContext context, bool oidc)
    {
        var headers = context.Request.Headers;
        if (oidc && headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        return headers.ContainsKey(ApiKeyAuthenticationHandler.Header) || headers.Authorization.Count > 0 || !context.Request.Cookies.ContainsKey(Portal.PortalSession.CookieName)
            ? ApiKeyAuthenticationHandler.SchemeName
            : Portal.PortalSession.Scheme;
    }

    private static void Configure(JwtBearerOptions jwt, OidcOptions oidc)
    {
        jwt.Authority = string.IsNullOrWhiteSpace(oidc.Authority) ? null : oidc.Authority;
        jwt.Audience = oidc.Audience;
        jwt.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = oidc.Issuer ?? oidc.Authority,
            ValidateAudience = true,
            ValidAudience = oidc.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        };
        if (!string.IsNullOrWhiteSpace(oidc.JwksPath))
        {
            jwt.TokenValidationParameters.IssuerSigningKeys = new JsonWebKeySet(File.ReadAllText(oidc.JwksPath)).GetSigningKeys();
        }

        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var token = context.Principal!;
                var organisation = token.FindFirst(oidc.OrganisationClaim)?.Value;
                if (string.IsNullOrWhiteSpace(organisation))
                {
                    context.Fail($"the token has no '{oidc.OrganisationClaim}' claim naming the caller's organisation");
                    return Task.CompletedTask;
                }

                var roles = RolesOf(token, oidc.RolesClaim).Where(Roles.IsValid).Distinct(StringComparer.Ordinal).ToList();
                var subject = token.FindFirst("sub")?.Value ?? token.FindFirst("client_id")?.Value ?? "unknown";
                var identity = new ClaimsIdentity(
                    [new Claim(MdgxClaims.Principal, $"oidc:{subject}"), new Claim(MdgxClaims.Organisation, organisation), .. roles.Select(r => new Claim(MdgxClaims.Role, r))],
                    JwtBearerDefaults.AuthenticationScheme,
                    MdgxClaims.Principal,
                    MdgxClaims.Role);
                context.Principal = new ClaimsPrincipal(identity);
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>Roles as separate claims, or one claim holding a JSON array or a space-separated list.</summary>
    private static IEnumerable<string> RolesOf(ClaimsPrincipal token, string claim)
    {
        foreach (var value in token.FindAll(claim).Select(c => c.Value))
        {
            if (value.StartsWith('['))
            {
                foreach (var role in JsonSerializer.Deserialize<string[]>(value) ?? [])
                {
                    yield return role;
                }
            }
            else
            {
                foreach (var role in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return role;
                }
            }
        }
    }
}
