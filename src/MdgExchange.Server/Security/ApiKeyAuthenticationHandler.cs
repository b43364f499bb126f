using System.Security.Claims;
using System.Text.Encodings.Web;
using MdgExchange.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MdgExchange.Server.Security;

/// <summary>
/// Authenticates <c>x-api-key: mdgx_...</c> (or <c>authorization: ApiKey mdgx_...</c>) against the key store. No
/// key: no result (the caller is anonymous). A key that is malformed, unknown, wrong, revoked or expired fails
/// with the reason, and the call is refused as UNAUTHENTICATED even where anonymous callers are allowed.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IKeyStore keys, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "x-api-key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = null;
        if (Request.Headers.TryGetValue(Header, out var values))
        {
            token = values.ToString().Trim();
        }
        else if (Request.Headers.Authorization.ToString() is { } authorization && authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            token = authorization[(SchemeName.Length + 1)..].Trim();
        }

        if (token is null)
        {
            // A bearer token reaches this handler only when OIDC is not configured: say so rather than ignore it.
            return Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? AuthenticateResult.Fail("this server does not accept bearer tokens (MdgExchange:Auth:Oidc is not configured); use an API key")
                : AuthenticateResult.NoResult();
        }

        if (!ApiKeys.TryParse(token, out var keyId, out var secret))
        {
            return AuthenticateResult.Fail("the API key is malformed; it looks like mdgx_<16 characters>_<43 characters>");
        }

        var key = await keys.FindAsync(keyId, Context.RequestAborted);
        if (key is null || !ApiKeys.Matches(key, secret))
        {
            return AuthenticateResult.Fail($"the API key {keyId} is not valid");
        }

        var now = clock.GetUtcNow();
        if (key.RevokedAt is not null)
        {
            return AuthenticateResult.Fail($"the API key {keyId} was revoked");
        }

        if (key.ExpiresAt is { } expires && expires <= now)
        {
            return AuthenticateResult.Fail($"the API key {keyId} expired at {expires:O}");
        }

        var identity = new ClaimsIdentity(
            [new Claim(MdgxClaims.Principal, $"key:{key.KeyId}"), new Claim(MdgxClaims.Organisation, key.Organisation), new Claim(MdgxClaims.Role, key.Role)],
            SchemeName,
            MdgxClaims.Principal,
            MdgxClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
