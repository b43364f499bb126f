using System.Data.Common;
using MdgExchange.Storage.Sqlite;
using MdgExchange.Storage.SqlServer;

namespace MdgExchange.Storage;

/// <summary>
/// Brings a database up to the schema of this build: applies, in name order and each in its own transaction,
/// every embedded script of the dialect that the journal (<c>schema_journal</c>) does not list yet.
/// </summary>
public sealed class Migrator
{
    private readonly IDbConnectionFactory _connections;
    private readonly IMigrationDialect _dialect;
    private readonly TimeProvider _clock;

    public Migrator(IDbConnectionFactory connections, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(connections);
        _connections = connections;
        _clock = clock ?? TimeProvider.System;
        _dialect = connections.Dialect switch
        {
            SqlDialect.Sqlite => new SqliteMigrationDialect(),
            SqlDialect.SqlServer => new SqlServerMigrationDialect(),
            _ => throw new ArgumentOutOfRangeException(nameof(connections), connections.Dialect, "unknown dialect"),
        };
        Scripts = SchemaScript.For(connections.Dialect);
    }

    /// <summary>The scripts this build knows, in the order they are applied.</summary>
    public IReadOnlyList<SchemaScript> Scripts { get; }

    /// <summary>
    /// Applies the missing scripts and returns their names. Refuses (<see cref="SchemaMigrationException"/>)
    /// to touch a database whose applied scripts were edited since, or that a newer build has migrated.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await _dialect.EnsureJournalAsync(connection, cancellationToken);
        var journal = await _dialect.ReadJournalAsync(connection, null, cancellationToken);
        CheckJournal(journal);

        var applied = new List<string>();
        foreach (var script in Scripts.Where(s => !journal.ContainsKey(s.Name)))
        {
            if (await ApplyAsync(connection, script, cancellationToken))
            {
                applied.Add(script.Name);
            }
        }

        return applied;
    }

    /// <summary>
    /// The scripts this build would apply, without applying them; refuses like <see cref="MigrateAsync"/>
    /// on an edited or newer database. Used when start-up migration is off.
    /// </summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await _dialect.EnsureJournalAsync(connection, cancellationToken);
        var journal = await _dialect.ReadJournalAsync(connection, null, cancellationToken);
        CheckJournal(journal);
        return Scripts.Where(s => !journal.ContainsKey(s.Name)).Select(s => s.Name).ToList();
    }

    private void CheckJournal(IReadOnlyDictionary<string, string> journal)
    {
        var known = Scripts.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var unknown = journal.Keys.Where(name => !known.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new SchemaMigrationException(
                $"the database has schema script(s) {string.Join(", ", unknown)} applied, which this build does not know: "
                + "the database was migrated by a newer version; run that version or a newer one");
        }

        foreach (var (name, checksum) in journal)
        {
            var script = known[name];
            if (!string.Equals(script.Checksum, checksum, StringComparison.OrdinalIgnoreCase))
            {
                throw new SchemaMigrationException(
                    $"the schema script {name} was changed after it was applied to this database "
                    + $"(journal checksum {checksum}, this build {script.Checksum}); applied scripts must never be "
                    + "edited: restore it and put the change in a new script");
            }
        }
    }

    private async Task<bool> ApplyAsync(DbConnection connection, SchemaScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await _dialect.LockJournalAsync(connection, transaction, cancellationToken);

        // Another process may have applied the script since the journal was read.
        var journal = await _dialect.ReadJournalAsync(connection, transaction, cancellationToken);
        if (journal.ContainsKey(script.Name))
        {
            return false;
        }

        foreach (var (batch, index) in _dialect.SplitBatches(script.Text).Select((b, i) => (b, i)))
        {
            try
            {
                await _dialect.ExecuteBatchAsync(connection, transaction, batch, cancellationToken);
            }
            catch (DbException e)
            {
                throw new SchemaMigrationException($"schema script {script.Name} failed in batch {index + 1}: {e.Message}", e);
            }
        }

        await _dialect.RecordAsync(connection, transaction, script, _clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

/// <summary>What the migrator does differently per dialect: the journal's DDL and DML, and batches.</summary>
internal interface IMigrationDialect
{
    Task EnsureJournalAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Serialises migrators of several processes on the same database.</summary>
    Task LockJournalAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Script name → checksum.</summary>
    Task<IReadOnlyDictionary<string, string>> ReadJournalAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken);

    IEnumerable<string> SplitBatches(string script);

    Task ExecuteBatchAsync(DbConnection connection, DbTransaction transaction, string batch, CancellationToken cancellationToken);

    Task RecordAsync(DbConnection connection, DbTransaction transaction, SchemaScript script, DateTimeOffset appliedAt, CancellationToken cancellationToken);
}
