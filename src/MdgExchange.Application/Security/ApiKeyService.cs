using MdgExchange.Application.Exchange;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;

namespace MdgExchange.Application.Security;

/// <summary>A key to create: for which organisation and role, a name to tell it apart, and when it expires.</summary>
public sealed record ApiKeyRequest(string Organisation, string Role, string? Name = null, DateTimeOffset? ExpiresAt = null);

/// <summary>A key as its holders see it: the stored record and its status now (active, expired, revoked).</summary>
public sealed record ApiKeyView(ApiKeyRecord Record, string Status);

/// <summary>API keys, whatever transport asks: create (the secret shown once), list, revoke.</summary>
public sealed partial class ApiKeyService(IKeyStore keys, TimeProvider clock, ILogger<ApiKeyService> logger)
{
    /// <summary>Longest name a key may carry.</summary>
    public const int MaxNameLength = 256;

    /// <summary>A new key and the only copy of its secret.</summary>
    /// <exception cref="ExchangeRejectedException">The request is invalid; each violation names its field.</exception>
    public async Task<(ApiKeyView Key, string Token)> CreateAsync(ApiKeyRequest request, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var now = clock.GetUtcNow();
        var violations = Check(request, now);
        if (violations.Count > 0)
        {
            throw new ExchangeRejectedException(Guid.Empty, "the key request is invalid", violations);
        }

        var (record, token) = ApiKeys.Create(request.Organisation, request.Role, string.IsNullOrEmpty(request.Name) ? null : request.Name, now, caller.Principal, request.ExpiresAt);
        await keys.AddAsync(record, cancellationToken);
        Created(logger, record.KeyId, record.Organisation, record.Role, caller.Principal ?? "unknown");
        return (new ApiKeyView(record, ApiKeys.Status(record, now)), token);
    }

    /// <summary>Every key (of one organisation when given), oldest first; never a secret.</summary>
    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(string? organisation, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var list = await keys.ListAsync(string.IsNullOrEmpty(organisation) ? null : organisation, cancellationToken);
        return list.Select(k => new ApiKeyView(k, ApiKeys.Status(k, now))).ToList();
    }

    /// <summary>Revokes the key (again is harmless) and returns it as it now stands.</summary>
    /// <exception cref="ExchangeNotFoundException">There is no such key.</exception>
    public async Task<ApiKeyView> RevokeAsync(string keyId, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = clock.GetUtcNow();
        if (await keys.RevokeAsync(keyId, now, cancellationToken))
        {
            Revoked(logger, keyId, caller.Principal ?? "unknown");
        }

        var key = await keys.FindAsync(keyId, cancellationToken)
            ?? throw new ExchangeNotFoundException(Guid.Empty, "ApiKey", keyId, $"there is no API key {keyId}");
        return new ApiKeyView(key, ApiKeys.Status(key, now));
    }

    private static List<DataViolation> Check(ApiKeyRequest request, DateTimeOffset now)
    {
        var violations = new List<DataViolation>();
        if (!Identifiers.IsValidAgencyId(request.Organisation))
        {
            violations.Add(new("organisation", $"'{request.Organisation}' is not an SDMX organisation id"));
        }

        if (!Roles.IsValid(request.Role))
        {
            violations.Add(new("role", $"'{request.Role}' is not a role; use {string.Join(", ", Roles.All)}"));
        }

        if (request.ExpiresAt is { } expires && expires <= now)
        {
            violations.Add(new("expires_at", $"{expires:O} is not in the future"));
        }

        if (request.Name is { Length: > MaxNameLength })
        {
            violations.Add(new("name", $"at most {MaxNameLength} characters"));
        }

        return violations;
    }

    [LoggerMessage(1210, LogLevel.Information, "API key {KeyId} created for {Organisation} ({Role}) by {By}")]
    private static partial void Created(ILogger logger, string keyId, string organisation, string role, string by);

    [LoggerMessage(1211, LogLevel.Information, "API key {KeyId} revoked by {By}")]
    private static partial void Revoked(ILogger logger, string keyId, string by);
}
