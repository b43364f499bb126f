namespace MdgExchange.Application.Configuration;

/// <summary>Configuration section <c>MdgExchange:Auth</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>The organisation of the admin key a fresh install creates; default <c>MDGX</c>.</summary>
    public string AdminOrganisation { get; set; } = "MDGX";

    /// <summary>
    /// Where a fresh install writes its first admin key (readable by the service account only); default
    /// <c>admin-api-key</c> beside the SQLite database, or in the working directory for SQL Server.
    /// </summary>
    public string? AdminKeyPath { get; set; }

    /// <summary>OIDC bearer tokens (JWT); off unless <see cref="OidcOptions.Audience"/> and an authority or signing keys are set.</summary>
    public OidcOptions Oidc { get; set; } = new();

    /// <summary>Portal sign-in through an OpenID Connect issuer (authorization code with PKCE); off unless an authority and a client id are set.</summary>
    public PortalOidcOptions PortalOidc { get; set; } = new();
}

/// <summary>
/// Configuration section <c>MdgExchange:Auth:PortalOidc</c>: the portal's "sign in with ..." button. The issuer
/// authenticates the person; the account (organisation and role) is still the one an invitation made, found by the
/// issuer's verified email.
/// </summary>
public sealed class PortalOidcOptions
{
    /// <summary>The issuer URL; its discovery document (<c>/.well-known/openid-configuration</c>) gives the endpoints and keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The client id registered at the issuer for this portal (redirect URI <c>https://PORTAL/signin-oidc</c>).</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret, for a confidential client; give it in the environment (<c>MdgExchange__Auth__PortalOidc__ClientSecret</c>), never in a file of the repository.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The name on the button: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>The claim that carries the email; default <c>email</c>.</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>Refuse an email the issuer does not mark <c>email_verified</c>; default true.</summary>
    public bool RequireVerifiedEmail { get; set; } = true;

    /// <summary>Require HTTPS for the issuer's metadata; default true.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>Configuration section <c>MdgExchange:Auth:Oidc</c>: which tokens are accepted and where their claims are.</summary>
public sealed class OidcOptions
{
    /// <summary>The OpenID Connect authority (issuer URL); its discovery document gives the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The expected <c>iss</c>; default the authority.</summary>
    public string? Issuer { get; set; }

    /// <summary>The expected <c>aud</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>A JSON Web Key Set file with the signing keys, for installations that cannot reach the authority's discovery document.</summary>
    public string? JwksPath { get; set; }

    /// <summary>The claim that carries the organisation id; default <c>org</c>.</summary>
    public string OrganisationClaim { get; set; } = "org";

    /// <summary>The claim that carries the roles (repeated or an array); default <c>roles</c>.</summary>
    public string RolesClaim { get; set; } = "roles";

    /// <summary>Require HTTPS for the authority's metadata; default true.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Audience) && (!string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(JwksPath));
}
