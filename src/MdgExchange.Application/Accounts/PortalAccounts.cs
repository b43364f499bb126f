using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Security;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;

namespace MdgExchange.Application.Accounts;

/// <summary>Hashes and checks passwords; the host supplies it (ASP.NET Core Identity's <c>PasswordHasher</c>).</summary>
public interface IPasswordHashing
{
    string Hash(string password);

    /// <summary>Whether the password is the hashed one; <paramref name="rehash"/> true when the hash should be renewed.</summary>
    bool Verify(string hash, string password, out bool rehash);
}

/// <summary>An invitation as its creator sees it: the record and the one-time token (shown once).</summary>
public sealed record IssuedInvitation(PortalInvitation Invitation, string Token, Guid TransferId);

/// <summary>How a sign-in ended: the person (acting for one organisation in one role), or why not.</summary>
public sealed record SignInResult(PortalAccount? Account, string? Refusal, DateTimeOffset? LockedUntil = null)
{
    public bool Succeeded => Account is not null;
}

/// <summary>
/// The portal's people: invitations (a coordinator or admin invites a person for an organisation and role; the one-time
/// link is the only way to an account), sign-up, sign-in with lockout after repeated failures. Every invitation and
/// sign-up is a recorded transfer.
/// </summary>
public sealed class PortalAccounts(IAccountStore accounts, ITransferStore transfers, IPasswordHashing passwords, TimeProvider clock)
{
    /// <summary>Failed sign-ins in a row that lock an account, and for how long.</summary>
    public const int MaxFailures = 5;

    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    /// <summary>How long an invitation can be used.</summary>
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>Shortest password accepted.</summary>
    public const int MinPasswordLength = 12;

    private const string Refused = "the email or the password is wrong, or the account is locked";

    /// <summary>Invites a person; only a coordinator or an admin may, and only an admin invites an admin.</summary>
    /// <exception cref="ExchangeRejectedException">A field is invalid; each violation names it.</exception>
    /// <exception cref="ExchangeDeniedException">The caller may not invite for that role.</exception>
    public async Task<IssuedInvitation> InviteAsync(string organisation, string role, string email, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = clock.GetUtcNow();
        var violations = new List<DataViolation>();
        if (!Identifiers.IsValidAgencyId(organisation))
        {
            violations.Add(new("organisation", $"'{organisation}' is not an SDMX organisation id"));
        }

        if (!Roles.IsValid(role))
        {
            violations.Add(new("role", $"'{role}' is not a role; use {string.Join(", ", Roles.All)}"));
        }

        var normalised = NormaliseEmail(email);
        if (normalised is null)
        {
            violations.Add(new("email", $"'{email}' is not an email address"));
        }

        if (violations.Count > 0)
        {
            var rejected = await RecordAsync("user-invite", caller, "rejected", organisation, "the invitation is invalid: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")), now);
            throw new ExchangeRejectedException(rejected, "the invitation is invalid", violations);
        }

        if (role == Roles.Admin && caller.Roles?.Contains(Roles.Admin) != true)
        {
            const string why = "only an admin invites an admin";
            var denied = await RecordAsync("user-invite", caller, "rejected", organisation, why, now);
            throw new ExchangeDeniedException(denied, why, [new DataViolation("role", why)]);
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var invitation = new PortalInvitation(Sha256(token), normalised!, organisation, role, now, caller.Principal, now + InvitationLifetime);
        await accounts.AddInvitationAsync(invitation, cancellationToken);
        var transferId = await RecordAsync("user-invite", caller, "completed", organisation, null, now);
        return new IssuedInvitation(invitation, token, transferId);
    }

    /// <summary>The invitation a token names, when it can still be used; null otherwise (unknown, used or expired).</summary>
    public async Task<PortalInvitation?> OpenInvitationAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var invitation = await accounts.FindInvitationAsync(Sha256(token), cancellationToken);
        return invitation is null || invitation.UsedAt is not null || invitation.ExpiresAt <= clock.GetUtcNow() ? null : invitation;
    }

    /// <summary>Creates the account an invitation is for.</summary>
    /// <exception cref="ExchangeRejectedException">The token, the name or the password is not acceptable.</exception>
    public async Task<PortalAccount> SignUpAsync(string token, string displayName, string password, string? language, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var invitation = await OpenInvitationAsync(token, cancellationToken);
        var violations = new List<DataViolation>();
        if (invitation is null)
        {
            violations.Add(new("token", "the invitation link is unknown, used or expired; ask for a new one"));
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 256)
        {
            violations.Add(new("name", "give your name (at most 256 characters)"));
        }

        if (password is null || password.Length < MinPasswordLength || password.Length > 256)
        {
            violations.Add(new("password", $"a password has {MinPasswordLength} to 256 characters"));
        }

        if (violations.Count > 0)
        {
            throw new ExchangeRejectedException(Guid.Empty, "the account cannot be created", violations);
        }

        return await CreateAsync(invitation!, displayName, passwords.Hash(password!), language, now, cancellationToken);
    }

    /// <summary>
    /// Creates the account an invitation is for, for a person whom the configured OpenID Connect issuer signed in: its
    /// verified email must be the invitation's. The account has no usable password (a random one, hashed and
    /// forgotten): the person signs in through the issuer.
    /// </summary>
    /// <exception cref="ExchangeRejectedException">The token is unusable, the email is not the invitation's, or the name is missing.</exception>
    public async Task<PortalAccount> SignUpExternalAsync(string token, string email, string displayName, string? language, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var invitation = await OpenInvitationAsync(token, cancellationToken);
        var violations = new List<DataViolation>();
        if (invitation is null)
        {
            violations.Add(new("token", "the invitation link is unknown, used or expired; ask for a new one"));
        }
        else if (!string.Equals(NormaliseEmail(email), invitation.Email, StringComparison.Ordinal))
        {
            violations.Add(new("email", "the sign-in service gave another email address than the invitation's; sign in there with the invited address"));
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 256)
        {
            violations.Add(new("name", "the sign-in service gave no name (at most 256 characters)"));
        }

        if (violations.Count > 0)
        {
            throw new ExchangeRejectedException(Guid.Empty, "the account cannot be created", violations);
        }

        var unusable = passwords.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return await CreateAsync(invitation!, displayName, unusable, language, now, cancellationToken);
    }

    /// <summary>
    /// Signs in a person whom the configured OpenID Connect issuer authenticated, by its verified email: the account
    /// must exist (an invitation made it), not be disabled nor locked.
    /// </summary>
    public async Task<SignInResult> SignInExternalAsync(string email, CancellationToken cancellationToken)
    {
        var account = NormaliseEmail(email) is { } normalised ? await accounts.FindByEmailAsync(normalised, cancellationToken) : null;
        if (account is null || account.DisabledAt is not null)
        {
            return new SignInResult(null, "no account of this service has that email address; ask your coordinator for an invitation");
        }

        if (account.LockedUntil is { } locked && locked > clock.GetUtcNow())
        {
            return new SignInResult(null, Refused, locked);
        }

        await accounts.RecordSignInAsync(account.AccountId, cancellationToken);
        return new SignInResult(account with { FailedSignIns = 0, LockedUntil = null }, null);
    }

    private async Task<PortalAccount> CreateAsync(PortalInvitation invitation, string displayName, string passwordHash, string? language, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var account = new PortalAccount(Guid.NewGuid().ToString("N"), invitation.Email, displayName.Trim(), invitation.Organisation, invitation.Role, passwordHash, language is "en" or "es" ? language : null, now, invitation.CreatedBy);
        bool accepted;
        try
        {
            accepted = await accounts.AcceptInvitationAsync(invitation.TokenSha256, account, now, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            throw new ExchangeRejectedException(Guid.Empty, "the account cannot be created", [new DataViolation("email", $"an account for {invitation.Email} exists; sign in instead")]);
        }

        if (!accepted)
        {
            throw new ExchangeRejectedException(Guid.Empty, "the account cannot be created", [new DataViolation("token", "the invitation was used meanwhile")]);
        }

        await RecordAsync("user-signup", new ExchangeCaller("portal", Principal(account), account.Organisation), "completed", account.Organisation, null, now);
        return account;
    }

    /// <summary>Checks email and password. The refusal never says which was wrong; a locked account says until when.</summary>
    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var account = NormaliseEmail(email) is { } normalised ? await accounts.FindByEmailAsync(normalised, cancellationToken) : null;
        if (account is null || account.DisabledAt is not null)
        {
            // The same work as a real check, so that timing does not tell which emails have accounts.
            passwords.Verify(DummyHash.Value, password ?? "", out _);
            return new SignInResult(null, Refused);
        }

        if (account.LockedUntil is { } locked && locked > now)
        {
            return new SignInResult(null, Refused, locked);
        }

        if (!passwords.Verify(account.PasswordHash, password ?? "", out _))
        {
            var after = await accounts.RecordFailedSignInAsync(account.AccountId, MaxFailures, now + Lockout, cancellationToken);
            return new SignInResult(null, Refused, after?.LockedUntil > now ? after.LockedUntil : null);
        }

        await accounts.RecordSignInAsync(account.AccountId, cancellationToken);
        return new SignInResult(account with { FailedSignIns = 0, LockedUntil = null }, null);
    }

    /// <summary>The account of a signed-in person, when it still may sign in (not disabled).</summary>
    public async Task<PortalAccount?> GetAsync(string accountId, CancellationToken cancellationToken) =>
        await accounts.GetAsync(accountId, cancellationToken) is { DisabledAt: null } account ? account : null;

    /// <summary>How a person appears in the transfer log: <c>user:email</c>.</summary>
    public static string Principal(PortalAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return $"user:{account.Email}";
    }

    private readonly Lazy<string> DummyHash = new(() => passwords.Hash(Guid.NewGuid().ToString()));

    private static string? NormaliseEmail(string? email)
    {
        var text = email?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 256 || !MailAddress.TryCreate(text, out var address) || address.Address != text)
        {
            return null;
        }

        return text.ToLowerInvariant();
    }

    private static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private Task<Guid> RecordAsync(string kind, ExchangeCaller caller, string outcome, string? receiver, string? error, DateTimeOffset now) =>
        transfers.RecordAsync(now, kind, caller.Channel, caller.Organisation, caller.Principal, outcome, error, receiver);
}
