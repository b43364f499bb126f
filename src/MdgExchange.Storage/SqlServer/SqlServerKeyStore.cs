using Dapper;
using Microsoft.Data.SqlClient;

namespace MdgExchange.Storage.SqlServer;

/// <summary>API keys in SQL Server.</summary>
public sealed class SqlServerKeyStore(SqlServerConnectionFactory connections) : IKeyStore
{
    // Violation of a PRIMARY KEY or UNIQUE constraint.
    private const int PrimaryKeyViolation = 2627;


    public async Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
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
                    CreatedAt = key.CreatedAt.ToUniversalTime(), key.CreatedBy,
                    ExpiresAt = key.ExpiresAt?.ToUniversalTime(), RevokedAt = key.RevokedAt?.ToUniversalTime(),
                },
                cancellationToken: cancellationToken));
        }
        catch (SqlException e) when (e.Number == PrimaryKeyViolation)
        {
            throw new InvalidOperationException($"an API key with id {key.KeyId} already exists", e);
        }
    }

    public async Task<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApiKeyRecord>(new CommandDefinition(
            """
            SELECT key_id AS KeyId, secret_sha256 AS SecretSha256, organisation AS Organisation, role AS Role, name AS Name,
                   created_at AS CreatedAt, created_by AS CreatedBy, expires_at AS ExpiresAt, revoked_at AS RevokedAt
            FROM api_key WHERE key_id = @KeyId
            """,
            new { KeyId = keyId },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string? organisation, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ApiKeyRecord>(new CommandDefinition(
            """
            SELECT key_id AS KeyId, secret_sha256 AS SecretSha256, organisation AS Organisation, role AS Role, name AS Name,
                   created_at AS CreatedAt, created_by AS CreatedBy, expires_at AS ExpiresAt, revoked_at AS RevokedAt
            FROM api_key WHERE @Organisation IS NULL OR organisation = @Organisation ORDER BY created_at, key_id
            """,
            new { Organisation = organisation },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<bool> RevokeAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE api_key SET revoked_at = @At WHERE key_id = @KeyId AND revoked_at IS NULL
            """,
            new { KeyId = keyId, At = at.ToUniversalTime() },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> AnyAsync(string role, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            SELECT CASE WHEN EXISTS (SELECT 1 FROM api_key WHERE role = @Role) THEN 1 ELSE 0 END
            """,
            new { Role = role },
            cancellationToken: cancellationToken)) == 1;
    }
}
