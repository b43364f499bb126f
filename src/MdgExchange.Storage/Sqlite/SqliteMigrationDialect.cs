using System.Data.Common;
using Dapper;

namespace MdgExchange.Storage.Sqlite;

internal sealed class SqliteMigrationDialect : IMigrationDialect
{
    public Task EnsureJournalAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TABLE IF NOT EXISTS schema_journal (
                script_name     TEXT NOT NULL PRIMARY KEY,
                checksum_sha256 TEXT NOT NULL,
                applied_at      TEXT NOT NULL
            ) STRICT
            """,
            cancellationToken: cancellationToken));

    // The transaction is BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default), which already holds the
    // database's write lock: no other process can apply a script until it ends.
    public Task LockJournalAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

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

    // Microsoft.Data.Sqlite runs every statement of a command text, so a script is one batch.
    public IEnumerable<string> SplitBatches(string script) => [script];

    public Task ExecuteBatchAsync(DbConnection connection, DbTransaction transaction, string batch, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(batch, transaction: transaction, cancellationToken: cancellationToken));

    public Task RecordAsync(DbConnection connection, DbTransaction transaction, SchemaScript script, DateTimeOffset appliedAt, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO schema_journal (script_name, checksum_sha256, applied_at) VALUES (@Name, @Checksum, @AppliedAt)
            """,
            new { script.Name, script.Checksum, AppliedAt = SqliteText.FromTimestamp(appliedAt) },
            transaction,
            cancellationToken: cancellationToken));
}
