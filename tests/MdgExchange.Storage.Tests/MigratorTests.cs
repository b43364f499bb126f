using Dapper;
using MdgExchange.Storage.Sqlite;
using MdgExchange.Storage.SqlServer;

namespace MdgExchange.Storage.Tests;

public sealed class MigratorTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SqliteTestDatabase _database = new();

    private SqliteConnectionFactory Connections => _database.Sqlite;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private Migrator NewMigrator() => new(Connections, new FixedClock(TestDatabase.MigratedAt));

    private async Task<List<(string Name, string Checksum, string AppliedAt)>> JournalAsync()
    {
        await using var connection = await Connections.OpenAsync(None);
        var rows = await connection.QueryAsync<(string, string, string)>(
            "SELECT script_name, checksum_sha256, applied_at FROM schema_journal ORDER BY script_name");
        return rows.ToList();
    }

    [Fact]
    public async Task A_fresh_database_gets_every_script_and_a_journal_of_them()
    {
        var migrator = NewMigrator();

        var applied = await migrator.MigrateAsync(None);

        migrator.Scripts.Should().NotBeEmpty();
        applied.Should().Equal(migrator.Scripts.Select(s => s.Name));
        applied.Should().Contain("0001_create_registry.sql");
        (await JournalAsync()).Should().Equal(
            migrator.Scripts.Select(s => (s.Name, s.Checksum, "2025-01-15T08:30:00.0000000Z")));
        await using var connection = await Connections.OpenAsync(None);
        (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'"))
            .Should().Contain(["artefact", "artefact_reference", "code", "transfer", "schema_journal"]);
    }

    [Fact]
    public async Task Pending_lists_what_a_migration_would_apply_without_applying_it()
    {
        var migrator = NewMigrator();

        (await migrator.PendingAsync(None)).Should().Equal(migrator.Scripts.Select(s => s.Name));
        (await JournalAsync()).Should().BeEmpty();

        await migrator.MigrateAsync(None);
        (await migrator.PendingAsync(None)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_database_migrated_with_only_0001_gets_0002_and_keeps_its_transfers()
    {
        var first = SchemaScript.For(SqlDialect.Sqlite)[0];
        first.Name.Should().Be("0001_create_registry.sql");
        var dialect = new SqliteMigrationDialect();
        await using (var connection = await Connections.OpenAsync(None))
        {
            await dialect.EnsureJournalAsync(connection, None);
            await using var transaction = await connection.BeginTransactionAsync(None);
            await dialect.ExecuteBatchAsync(connection, transaction, first.Text, None);
            await dialect.RecordAsync(connection, transaction, first, TestDatabase.MigratedAt, None);
            await connection.ExecuteAsync(
                """
                INSERT INTO transfer (transfer_id, kind, channel, series_count, observation_count, annotation_count, artefact_count,
                                      bytes, started_at, finished_at, outcome)
                VALUES ('6f1c2a9e-0b7d-4a53-9a56-2f0e1b3c4d5e', 'structure-submit', 'grpc', 0, 0, 0, 3, 100,
                        '2024-12-01T10:00:00.0000000Z', '2024-12-01T10:00:01.0000000Z', 'completed')
                """,
                transaction: transaction);
            await transaction.CommitAsync(None);
        }

        var applied = await NewMigrator().MigrateAsync(None);

        applied.Should().Equal("0002_create_data.sql", "0003_create_api_key.sql", "0004_add_transfer_shared_with.sql", "0005_create_metadata.sql", "0006_create_catalog.sql", "0007_create_transfer_flow.sql", "0008_create_discrepancy.sql", "0009_create_portal_account.sql", "0010_create_forum.sql");
        (await JournalAsync()).Select(j => j.Name).Should().Equal("0001_create_registry.sql", "0002_create_data.sql", "0003_create_api_key.sql", "0004_add_transfer_shared_with.sql", "0005_create_metadata.sql", "0006_create_catalog.sql", "0007_create_transfer_flow.sql", "0008_create_discrepancy.sql", "0009_create_portal_account.sql", "0010_create_forum.sql");
        var old = await new SqliteTransferStore(Connections).GetAsync(Guid.Parse("6f1c2a9e-0b7d-4a53-9a56-2f0e1b3c4d5e"), None);
        old.Should().NotBeNull();
        old!.ArtefactCount.Should().Be(3);
        old.Action.Should().BeNull();
        old.ObservationsInserted.Should().Be(0);
        await using var check = await Connections.OpenAsync(None);
        (await check.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'"))
            .Should().Contain(["series", "series_attributes", "observation", "annotation", "transfer_start", "metadata_report", "metadata_value", "transfer_flow", "transfer_flow_event", "discrepancy_pair", "discrepancy_code", "discrepancy_event"]);
    }

    [Fact]
    public async Task A_fresh_database_gets_every_script_in_order()
    {
        (await NewMigrator().MigrateAsync(None)).Should().Equal("0001_create_registry.sql", "0002_create_data.sql", "0003_create_api_key.sql", "0004_add_transfer_shared_with.sql", "0005_create_metadata.sql", "0006_create_catalog.sql", "0007_create_transfer_flow.sql", "0008_create_discrepancy.sql", "0009_create_portal_account.sql", "0010_create_forum.sql");
    }

    [Fact]
    public async Task A_second_run_applies_nothing()
    {
        await NewMigrator().MigrateAsync(None);
        var journal = await JournalAsync();

        var applied = await NewMigrator().MigrateAsync(None);

        applied.Should().BeEmpty();
        (await JournalAsync()).Should().Equal(journal);
    }

    [Fact]
    public async Task A_script_changed_after_it_was_applied_makes_it_refuse()
    {
        await NewMigrator().MigrateAsync(None);
        await using (var connection = await Connections.OpenAsync(None))
        {
            await connection.ExecuteAsync(
                "UPDATE schema_journal SET checksum_sha256 = @Checksum WHERE script_name = '0001_create_registry.sql'",
                new { Checksum = new string('0', 64) });
        }

        var act = () => NewMigrator().MigrateAsync(None);

        await act.Should().ThrowAsync<SchemaMigrationException>()
            .WithMessage("*0001_create_registry.sql*changed after it was applied*");
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_build_makes_it_refuse()
    {
        await NewMigrator().MigrateAsync(None);
        await using (var connection = await Connections.OpenAsync(None))
        {
            await connection.ExecuteAsync(
                "INSERT INTO schema_journal (script_name, checksum_sha256, applied_at) VALUES ('9999_add_future.sql', @Checksum, '2030-01-01T00:00:00.0000000Z')",
                new { Checksum = new string('f', 64) });
        }

        var act = () => NewMigrator().MigrateAsync(None);

        await act.Should().ThrowAsync<SchemaMigrationException>().WithMessage("*9999_add_future.sql*newer*");
    }

    [Fact]
    public void Both_dialects_embed_scripts_named_NNNN_verb_object()
    {
        foreach (var dialect in Enum.GetValues<SqlDialect>())
        {
            var scripts = SchemaScript.For(dialect);
            scripts.Should().NotBeEmpty();
            scripts.Select(s => s.Name).Should().BeInAscendingOrder(StringComparer.Ordinal)
                .And.AllSatisfy(n => n.Should().MatchRegex(@"^[0-9]{4}_[a-z0-9]+(_[a-z0-9]+)+\.sql$"));
        }
    }

    [Fact]
    public void The_checksum_does_not_depend_on_line_endings()
    {
        SchemaScript.FromText("0001_a_b.sql", "CREATE TABLE t (c int);\r\nGO\r\n").Checksum
            .Should().Be(SchemaScript.FromText("0001_a_b.sql", "CREATE TABLE t (c int);\nGO\n").Checksum);
    }

    [Fact]
    public void SqlServer_scripts_are_split_on_GO_lines_only()
    {
        var script = "CREATE TABLE a (x int);\nGO\nCREATE TABLE b (category int);\n  go  -- next\nGOTO done;\r\nGO\r\n\nGO\n";

        var batches = new SqlServerMigrationDialect().SplitBatches(script);

        batches.Should().Equal("CREATE TABLE a (x int);", "CREATE TABLE b (category int);", "GOTO done;");
    }

    [Fact]
    public async Task Sqlite_connections_enforce_foreign_keys_and_use_write_ahead_logging()
    {
        await using var connection = await Connections.OpenAsync(None);

        (await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys")).Should().Be(1);
        (await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode")).Should().Be("wal");
        (await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout")).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task The_factory_builds_sqlite_storage_in_a_folder_it_creates()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mdgexchange-factory-{Guid.NewGuid():N}");
        try
        {
            var storage = StorageFactory.Create(new StorageOptions { Provider = "SQLite", SqlitePath = Path.Combine(folder, "sub", "x.db") });

            storage.Connections.Dialect.Should().Be(SqlDialect.Sqlite);
            storage.Structures.Should().BeOfType<SqliteStructureStore>();
            storage.Transfers.Should().BeOfType<SqliteTransferStore>();
            storage.Data.Should().BeOfType<SqliteDataStore>();
            storage.Metadata.Should().BeOfType<SqliteMetadataStore>();
            Directory.Exists(Path.Combine(folder, "sub")).Should().BeTrue();
            (await storage.Migrator.MigrateAsync(None)).Should().NotBeEmpty();
            using var pooled = new Microsoft.Data.Sqlite.SqliteConnection(((SqliteConnectionFactory)storage.Connections).ConnectionString);
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(pooled);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_factory_builds_sql_server_storage_and_rejects_bad_options()
    {
        var storage = StorageFactory.Create(new StorageOptions { Provider = "sqlserver", SqlServerConnectionString = "Server=localhost;Database=x" });

        storage.Structures.Should().BeOfType<SqlServerStructureStore>();
        storage.Transfers.Should().BeOfType<SqlServerTransferStore>();
        storage.Data.Should().BeOfType<SqlServerDataStore>();
        storage.Metadata.Should().BeOfType<SqlServerMetadataStore>();
        storage.Migrator.Scripts.Should().NotBeEmpty();
        FluentActions.Invoking(() => StorageFactory.Create(new StorageOptions { Provider = "sqlserver" }))
            .Should().Throw<ArgumentException>().WithMessage("*SqlServerConnectionString*");
        FluentActions.Invoking(() => StorageFactory.Create(new StorageOptions { Provider = "postgres" }))
            .Should().Throw<ArgumentException>().WithMessage("*'postgres'*");
    }
}
