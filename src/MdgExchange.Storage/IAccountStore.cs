namespace MdgExchange.Storage;

/// <summary>A person who works in the portal, acting for one organisation in one role (like an API key).</summary>
public sealed record PortalAccount(
    string AccountId,
    string Email,
    string DisplayName,
    string Organisation,
    string Role,
    string PasswordHash,
    string? Language,
    DateTimeOffset CreatedAt,
    string? InvitedBy,
    int FailedSignIns = 0,
    DateTimeOffset? LockedUntil = null,
    DateTimeOffset? DisabledAt = null);

/// <summary>An invitation to create an account; only the SHA-256 of its one-time token is kept.</summary>
public sealed record PortalInvitation(
    string TokenSha256,
    string Email,
    string Organisation,
    string Role,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt = null);

/// <summary>Portal accounts and their invitations. Emails are stored as given (the caller normalises them).</summary>
public interface IAccountStore
{
    Task AddInvitationAsync(PortalInvitation invitation, CancellationToken cancellationToken);

    Task<PortalInvitation?> FindInvitationAsync(string tokenSha256, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the account and marks the invitation used, in one transaction. False when the invitation was used
    /// meanwhile (nothing is written).
    /// </summary>
    /// <exception cref="InvalidOperationException">An account with that email exists.</exception>
    Task<bool> AcceptInvitationAsync(string tokenSha256, PortalAccount account, DateTimeOffset at, CancellationToken cancellationToken);

    Task<PortalAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<PortalAccount?> GetAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Every account (of one organisation when given), oldest first.</summary>
    Task<IReadOnlyList<PortalAccount>> ListAsync(string? organisation, CancellationToken cancellationToken);

    /// <summary>
    /// Counts a failed sign-in atomically; at <paramref name="maxFailures"/> failures in a row the account is locked
    /// until <paramref name="lockUntil"/>. Returns the account as it now stands.
    /// </summary>
    Task<PortalAccount?> RecordFailedSignInAsync(string accountId, int maxFailures, DateTimeOffset lockUntil, CancellationToken cancellationToken);

    /// <summary>A successful sign-in: the failure count and the lock are cleared.</summary>
    Task RecordSignInAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The language the person chose (<c>en</c>, <c>es</c>; null: the browser's).</summary>
    Task SetLanguageAsync(string accountId, string? language, CancellationToken cancellationToken);
}
