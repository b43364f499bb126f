using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MdgExchange.Server.Tests.Portal;

/// <summary>
/// An OpenID Connect issuer on loopback for the portal's "sign in with ..." tests (no real one can run here): discovery,
/// JWKS, an authorization endpoint with a sign-in form, and a token endpoint for the authorization code flow with PKCE
/// and a client secret — each request checked as the specification says, so that the portal's real OpenID Connect
/// handler is exercised against the protocol, not around it.
/// </summary>
public sealed class TestOidcIssuer : IAsyncDisposable
{
    public const string ClientId = "mdgx-portal";

    private readonly RSA _key = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    public TestOidcIssuer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(Discovery()));
        _app.MapGet("/jwks", () => Results.Json(Jwks()));
        _app.MapGet("/authorize", (HttpContext http) => Results.Content(SignInForm(http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), null), "text/html; charset=utf-8"));
        _app.MapPost("/authorize", AuthorizeAsync);
        _app.MapPost("/token", TokenAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        Issuer = _app.Urls.Single().TrimEnd('/');
    }

    /// <summary>The issuer URL (<c>http://127.0.0.1:PORT</c>).</summary>
    public string Issuer { get; }

    /// <summary>The client secret the portal must present; a fresh one per issuer, never written anywhere.</summary>
    public string ClientSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <summary>The people this issuer can sign in: email → (subject, name, whether the email is verified).</summary>
    public ConcurrentDictionary<string, (string Subject, string Name, bool Verified)> People { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Codes redeemed at the token endpoint (the portal's back channel).</summary>
    public int TokensIssued => _tokensIssued;

    private int _tokensIssued;

    private sealed record Grant(string RedirectUri, string? Nonce, string Challenge, string Email, DateTimeOffset Expires);

    private object Discovery() => new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
        ["jwks_uri"] = Issuer + "/jwks",
        ["response_types_supported"] = new[] { "code" },
        ["response_modes_supported"] = new[] { "query" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["scopes_supported"] = new[] { "openid", "email", "profile" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
    };

    private object Jwks()
    {
        var p = _key.ExportParameters(false);
        return new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "test-1", n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } };
    }

    private static string SignInForm(IReadOnlyDictionary<string, string> query, string? error)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Test issuer</title></head><body><main><h1>Test issuer</h1>");
        if (error is not null)
        {
            html.Append("<p id=\"issuer-error\">").Append(HtmlEncoder.Default.Encode(error)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/authorize\">");
        foreach (var (name, value) in query.Where(q => q.Key != "email"))
        {
            html.Append("<input type=\"hidden\" name=\"").Append(HtmlEncoder.Default.Encode(name)).Append("\" value=\"").Append(HtmlEncoder.Default.Encode(value)).Append("\">");
        }

        html.Append("<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\"><button type=\"submit\" id=\"issuer-signin\">Sign in</button></form></main></body></html>");
        return html.ToString();
    }

    /// <summary>The person signs in at the issuer; back to the client's redirect URI with a one-time code.</summary>
    private async Task<IResult> AuthorizeAsync(HttpRequest request)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        string Get(string name) => form.GetValueOrDefault(name, "");
        if (Get("client_id") != ClientId || Get("response_type") != "code" || Get("code_challenge_method") != "S256" || Get("code_challenge").Length == 0
            || !Get("scope").Split(' ').Contains("openid") || !Get("redirect_uri").EndsWith("/signin-oidc", StringComparison.Ordinal))
        {
            return Results.BadRequest("invalid_request: client_id, response_type=code, scope openid, PKCE S256 and the registered redirect_uri are required");
        }

        if (!People.ContainsKey(Get("email")))
        {
            return Results.Content(SignInForm(form, "unknown person"), "text/html; charset=utf-8");
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new Grant(Get("redirect_uri"), form.GetValueOrDefault("nonce"), Get("code_challenge"), Get("email"), DateTimeOffset.UtcNow.AddMinutes(2));
        return Results.Redirect($"{Get("redirect_uri")}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(Get("state"))}&iss={Uri.EscapeDataString(Issuer)}");
    }

    /// <summary>The client redeems the code with its secret and the PKCE verifier; the answer carries the signed ID token.</summary>
    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        // (An HttpRequest parameter: a method taking an HttpContext would bind as a RequestDelegate and drop the result.)
        var form = await request.ReadFormAsync();
        var (client, secret) = ClientOf(request, form);
        if (client != ClientId || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret ?? ""), Encoding.UTF8.GetBytes(ClientSecret)))
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant) || grant.Expires < DateTimeOffset.UtcNow
            || grant.RedirectUri != form["redirect_uri"] || grant.Challenge != Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))))
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        var person = People[grant.Email];
        var claims = new Dictionary<string, object> { ["sub"] = person.Subject, ["email"] = grant.Email, ["email_verified"] = person.Verified, ["name"] = person.Name };
        if (grant.Nonce is not null)
        {
            claims["nonce"] = grant.Nonce;
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow.AddSeconds(-5),
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_key) { KeyId = "test-1" }, SecurityAlgorithms.RsaSha256),
        });
        Interlocked.Increment(ref _tokensIssued);
        return Results.Json(new { access_token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)), token_type = "Bearer", expires_in = 300, id_token = token });
    }

    private static (string? Client, string? Secret) ClientOf(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null);
        }

        return (form["client_id"], form["client_secret"]);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
    }
}
