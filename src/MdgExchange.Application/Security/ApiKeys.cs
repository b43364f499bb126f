using System.Security.Cryptography;
using System.Text;
using MdgExchange.Storage;

namespace MdgExchange.Application.Security;

/// <summary>
/// API keys: <c>mdgx_&lt;key id&gt;_&lt;secret&gt;</c>, a 16-character public id (lower-case base32) and 256 random bits
/// (base64url). The store keeps the SHA-256 of the secret; checking compares hashes in constant time.
/// </summary>
public static class ApiKeys
{
    private const string Prefix = "mdgx_";
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A new key: its record (to store) and the text to give the client once.</summary>
    public static (ApiKeyRecord Record, string Token) Create(string organisation, string role, string? name, DateTimeOffset now, string? createdBy, DateTimeOffset? expiresAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organisation);
        if (!Roles.IsValid(role))
        {
            throw new ArgumentException($"'{role}' is not a role; use {string.Join(", ", Roles.All)}", nameof(role));
        }

        var idBytes = RandomNumberGenerator.GetBytes(16);
        var keyId = string.Create(16, idBytes, static (span, bytes) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Base32[bytes[i] & 31];
            }
        });
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var record = new ApiKeyRecord(keyId, Hash(secret), organisation, role, name, now, createdBy, expiresAt, null);
        return (record, $"{Prefix}{keyId}_{secret}");
    }

    /// <summary>Splits a presented key; false when it does not have the shape of one.</summary>
    public static bool TryParse(string? token, out string keyId, out string secret)
    {
        keyId = secret = "";
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length != Prefix.Length + 16 + 1 + 43 || token[Prefix.Length + 16] != '_')
        {
            return false;
        }

        keyId = token.Substring(Prefix.Length, 16);
        secret = token[(Prefix.Length + 17)..];
        return keyId.All(c => Base32.Contains(c, StringComparison.Ordinal));
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether the secret is the one whose hash is stored (constant time).</summary>
    public static bool Matches(ApiKeyRecord key, string secret)
    {
        ArgumentNullException.ThrowIfNull(key);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(key.SecretSha256));
    }

    public static string Status(ApiKeyRecord key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.RevokedAt is not null ? "revoked" : key.ExpiresAt is { } e && e <= now ? "expired" : "active";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
