using Dapper;
using Microsoft.Data.Sqlite;

namespace MdgExchange.Storage.Sqlite;

/// <summary>API keys in SQLite.</summary>
public sealed class SqliteKeyStore(SqliteConnectionFactory connections) : IKeyStore
{
    // SQLITE_CONSTRAINT_PRIMARYKEY
    private const int PrimaryKeyViolation = 1555;


    public async Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO api_key (key_id, secret_sha256, organisation, role, name, created_at, created_by, expires_at, revoked_at)
                VALUES (@KeyId, @SecretSha256, @Organisation, @Role, @Name, @CreatedAt, @CreatedBy, @ExpiresAt, @RevokedAt)
                """,
                new
                {
                    key.KeyId, key.SecretSha256, key.Organisation, key.Role, key.Name,
                    CreatedAt = SqliteText.FromTimestamp(key.CreatedAt), key.CreatedBy,
                    ExpiresAt = SqliteText.FromTimestamp(key.ExpiresAt), RevokedAt = SqliteText.FromTimestamp(key.RevokedAt),
                },
                cancellationToken: cancellationToken));
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == PrimaryKeyViolation)
        {
            throw new InvalidOperationException($"an API key with id {key.KeyId} already exists", e);
        }
    }

    public async Task<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT key_id AS KeyId, secret_sha256 AS SecretSha256, organisation AS Organisation, role AS Role, name AS Name,
                   created_at AS CreatedAt, created_by AS CreatedBy, expires_at AS ExpiresAt, revoked_at AS RevokedAt
            FROM api_key WHERE key_id = @KeyId
            """,
            new { KeyId = keyId },
            cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string? organisation, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT key_id AS KeyId, secret_sha256 AS SecretSha256, organisation AS Organisation, role AS Role, name AS Name,
                   created_at AS CreatedAt, created_by AS CreatedBy, expires_at AS ExpiresAt, revoked_at AS RevokedAt
            FROM api_key WHERE @Organisation IS NULL OR organisation = @Organisation ORDER BY created_at, key_id
            """,
            new { Organisation = organisation },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<bool> RevokeAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE api_key SET revoked_at = @At WHERE key_id = @KeyId AND revoked_at IS NULL
            """,
            new { KeyId = keyId, At = SqliteText.FromTimestamp(at) },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> AnyAsync(string role, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT EXISTS (SELECT 1 FROM api_key WHERE role = @Role)
            """,
            new { Role = role },
            cancellationToken: cancellationToken)) == 1;
    }

    private sealed record Row(string KeyId, string SecretSha256, string Organisation, string Role, string? Name, string CreatedAt, string? CreatedBy, string? ExpiresAt, string? RevokedAt)
    {
        public ApiKeyRecord ToRecord() => new(
            KeyId, SecretSha256, Organisation, Role, Name, SqliteText.ToTimestamp(CreatedAt), CreatedBy,
            ExpiresAt is null ? null : SqliteText.ToTimestamp(ExpiresAt), RevokedAt is null ? null : SqliteText.ToTimestamp(RevokedAt));
    }
}
