using Dapper;
using MdgExchange.Storage.Sqlite;

namespace MdgExchange.Storage;

/// <summary>
/// Portal accounts, written once for every dialect: the SQL is standard, and the dialects differ only in how an instant
/// is stored (SQLite: ISO-8601 UTC text; SQL Server: datetimeoffset), how a unique key violation is reported, and in
/// SQLite's single writer.
/// </summary>
public sealed class AccountStore(IDbConnectionFactory connections) : IAccountStore
{
    private const string Columns =
        """
        account_id AS AccountId, email AS Email, display_name AS DisplayName, organisation AS Organisation, role AS Role,
        password_hash AS PasswordHash, language AS Language, created_at AS CreatedAt, invited_by AS InvitedBy,
        failed_sign_ins AS FailedSignIns, locked_until AS LockedUntil, disabled_at AS DisabledAt
        """;

    private bool IsSqlite => connections.Dialect == SqlDialect.Sqlite;

    public async Task AddInvitationAsync(PortalInvitation invitation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        using var writer = await WriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO portal_invitation (token_sha256, email, organisation, role, created_at, created_by, expires_at, used_at)
            VALUES (@TokenSha256, @Email, @Organisation, @Role, @CreatedAt, @CreatedBy, @ExpiresAt, NULL)
            """,
            new
            {
                invitation.TokenSha256, invitation.Email, invitation.Organisation, invitation.Role,
                CreatedAt = Instant(invitation.CreatedAt), invitation.CreatedBy, ExpiresAt = Instant(invitation.ExpiresAt),
            },
            cancellationToken: cancellationToken));
    }

    public async Task<PortalInvitation?> FindInvitationAsync(string tokenSha256, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<InvitationRow>(new CommandDefinition(
            """
            SELECT token_sha256 AS TokenSha256, email AS Email, organisation AS Organisation, role AS Role, created_at AS CreatedAt,
                   created_by AS CreatedBy, expires_at AS ExpiresAt, used_at AS UsedAt
            FROM portal_invitation WHERE token_sha256 = @TokenSha256
            """,
            new { TokenSha256 = tokenSha256 },
            cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task<bool> AcceptInvitationAsync(string tokenSha256, PortalAccount account, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var writer = await WriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var used = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE portal_invitation SET used_at = @At WHERE token_sha256 = @TokenSha256 AND used_at IS NULL",
            new { TokenSha256 = tokenSha256, At = Instant(at) },
            transaction,
            cancellationToken: cancellationToken));
        if (used != 1)
        {
            return false;
        }

        if (await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM portal_account WHERE email = @Email", new { account.Email }, transaction, cancellationToken: cancellationToken)) > 0)
        {
            throw new InvalidOperationException($"an account with the email {account.Email} exists");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO portal_account (account_id, email, display_name, organisation, role, password_hash, language, created_at, invited_by, failed_sign_ins, locked_until, disabled_at)
            VALUES (@AccountId, @Email, @DisplayName, @Organisation, @Role, @PasswordHash, @Language, @CreatedAt, @InvitedBy, 0, NULL, NULL)
            """,
            new
            {
                account.AccountId, account.Email, account.DisplayName, account.Organisation, account.Role, account.PasswordHash, account.Language,
                CreatedAt = Instant(account.CreatedAt), account.InvitedBy,
            },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public Task<PortalAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        SingleAsync($"SELECT {Columns} FROM portal_account WHERE email = @Value", email, cancellationToken);

    public Task<PortalAccount?> GetAsync(string accountId, CancellationToken cancellationToken) =>
        SingleAsync($"SELECT {Columns} FROM portal_account WHERE account_id = @Value", accountId, cancellationToken);

    public async Task<IReadOnlyList<PortalAccount>> ListAsync(string? organisation, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(
            $"SELECT {Columns} FROM portal_account WHERE @Organisation IS NULL OR organisation = @Organisation ORDER BY created_at, account_id",
            new { Organisation = organisation },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<PortalAccount?> RecordFailedSignInAsync(string accountId, int maxFailures, DateTimeOffset lockUntil, CancellationToken cancellationToken)
    {
        using (await WriterAsync(cancellationToken))
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE portal_account
                SET failed_sign_ins = failed_sign_ins + 1,
                    locked_until = CASE WHEN failed_sign_ins + 1 >= @MaxFailures THEN @LockUntil ELSE locked_until END
                WHERE account_id = @AccountId
                """,
                new { AccountId = accountId, MaxFailures = maxFailures, LockUntil = Instant(lockUntil) },
                cancellationToken: cancellationToken));
        }

        return await GetAsync(accountId, cancellationToken);
    }

    public async Task RecordSignInAsync(string accountId, CancellationToken cancellationToken)
    {
        using var writer = await WriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE portal_account SET failed_sign_ins = 0, locked_until = NULL WHERE account_id = @AccountId",
            new { AccountId = accountId },
            cancellationToken: cancellationToken));
    }

    public async Task SetLanguageAsync(string accountId, string? language, CancellationToken cancellationToken)
    {
        using var writer = await WriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE portal_account SET language = @Language WHERE account_id = @AccountId",
            new { AccountId = accountId, Language = language },
            cancellationToken: cancellationToken));
    }

    private async Task<PortalAccount?> SingleAsync(string sql, string value, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(sql, new { Value = value }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <summary>SQLite has one writer at a time (the factory's lock); SQL Server's transactions need none.</summary>
    private async Task<IDisposable?> WriterAsync(CancellationToken cancellationToken) =>
        connections is SqliteConnectionFactory sqlite ? await sqlite.EnterWriterAsync(cancellationToken) : null;

    private object? Instant(DateTimeOffset? value) => value is not { } v ? null : IsSqlite ? SqliteText.FromTimestamp(v) : v.ToUniversalTime();

    private static DateTimeOffset ReadInstant(object value) => value switch
    {
        DateTimeOffset instant => instant,
        string text => SqliteText.ToTimestamp(text),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => throw new InvalidCastException($"not an instant: {value.GetType().Name}"),
    };

    private static DateTimeOffset? ReadInstantOrNull(object? value) => value is null or DBNull ? null : ReadInstant(value);

    private sealed class AccountRow
    {
        public string AccountId { get; init; } = "";
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Organisation { get; init; } = "";
        public string Role { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public string? Language { get; init; }
        public object CreatedAt { get; init; } = "";
        public string? InvitedBy { get; init; }
        public long FailedSignIns { get; init; }
        public object? LockedUntil { get; init; }
        public object? DisabledAt { get; init; }

        public PortalAccount ToRecord() => new(
            AccountId, Email, DisplayName, Organisation, Role, PasswordHash, Language, ReadInstant(CreatedAt), InvitedBy,
            (int)FailedSignIns, ReadInstantOrNull(LockedUntil), ReadInstantOrNull(DisabledAt));
    }

    private sealed class InvitationRow
    {
        public string TokenSha256 { get; init; } = "";
        public string Email { get; init; } = "";
        public string Organisation { get; init; } = "";
        public string Role { get; init; } = "";
        public object CreatedAt { get; init; } = "";
        public string? CreatedBy { get; init; }
        public object ExpiresAt { get; init; } = "";
        public object? UsedAt { get; init; }

        public PortalInvitation ToRecord() => new(TokenSha256, Email, Organisation, Role, ReadInstant(CreatedAt), CreatedBy, ReadInstant(ExpiresAt), ReadInstantOrNull(UsedAt));
    }
}
