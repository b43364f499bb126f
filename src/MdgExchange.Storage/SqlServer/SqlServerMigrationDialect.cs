using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;

namespace MdgExchange.Storage.SqlServer;

internal sealed partial class SqlServerMigrationDialect : IMigrationDialect
{
    // Index builds on a large table can outlast the default 30 seconds.
    private const int BatchTimeoutSeconds = 600;

    public Task EnsureJournalAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            IF OBJECT_ID(N'schema_journal', N'U') IS NULL
                CREATE TABLE schema_journal (
                    script_name     nvarchar(255) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_schema_journal PRIMARY KEY,
                    checksum_sha256 char(64)          NOT NULL,
                    applied_at      datetimeoffset(7) NOT NULL
                );
            """,
            cancellationToken: cancellationToken));

    public async Task LockJournalAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var result = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            DECLARE @result int;
            EXEC @result = sp_getapplock @Resource = N'mdgexchange.schema_journal', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = @TimeoutMs;
            SELECT @result;
            """,
            new { TimeoutMs = BatchTimeoutSeconds * 1000 },
            transaction,
            BatchTimeoutSeconds + 10,
            cancellationToken: cancellationToken));
        if (result < 0)
        {
            throw new SchemaMigrationException($"another migrator holds the schema lock (sp_getapplock returned {result})");
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> ReadJournalAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Name, string Checksum)>(new CommandDefinition(
            """
            SELECT script_name, checksum_sha256 FROM schema_journal
            """,
            transaction: transaction,
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Name, r => r.Checksum, StringComparer.Ordinal);
    }

    /// <summary>
    /// Splits on lines holding only <c>GO</c> (sqlcmd's batch separator, which the server does not know).
    /// A <c>GO</c> line inside a block comment or a string would be split too; the scripts avoid that.
    /// </summary>
    public IEnumerable<string> SplitBatches(string script) =>
        GoLine().Split(script).Where(batch => !string.IsNullOrWhiteSpace(batch)).Select(batch => batch.Trim());

    public Task ExecuteBatchAsync(DbConnection connection, DbTransaction transaction, string batch, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(batch, transaction: transaction, commandTimeout: BatchTimeoutSeconds, cancellationToken: cancellationToken));

    public Task RecordAsync(DbConnection connection, DbTransaction transaction, SchemaScript script, DateTimeOffset appliedAt, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO schema_journal (script_name, checksum_sha256, applied_at) VALUES (@Name, @Checksum, @AppliedAt)
            """,
            new { script.Name, script.Checksum, AppliedAt = appliedAt.ToUniversalTime() },
            transaction,
            cancellationToken: cancellationToken));

    [GeneratedRegex(@"^[ \t]*GO[ \t]*(?:--[^\n]*)?\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();
}
