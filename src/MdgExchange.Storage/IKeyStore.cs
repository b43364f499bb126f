namespace MdgExchange.Storage;

/// <summary>An API key as stored: never the secret, only its SHA-256.</summary>
public sealed record ApiKeyRecord(
    string KeyId,
    string SecretSha256,
    string Organisation,
    string Role,
    string? Name,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>Whether the key authenticates at <paramref name="now"/>: not revoked and not expired.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>API keys. Keys are added and revoked, never deleted (the transfer log names them).</summary>
public interface IKeyStore
{
    /// <exception cref="InvalidOperationException">A key with that id exists.</exception>
    Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    Task<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>Every key (of one organisation when given), oldest first.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string? organisation, CancellationToken cancellationToken);

    /// <summary>Marks the key revoked at that instant; false when there is no such key or it was already revoked.</summary>
    Task<bool> RevokeAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Whether any key with the role exists (revoked or not): the first start creates an admin key only once.</summary>
    Task<bool> AnyAsync(string role, CancellationToken cancellationToken);
}
