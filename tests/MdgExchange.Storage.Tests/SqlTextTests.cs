using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace MdgExchange.Storage.Tests;

/// <summary>
/// Checks the SQL that no test can run here: the T-SQL scripts and statements parse, and the SQL Server
/// schema has the same tables and columns as the SQLite one.
/// </summary>
public sealed partial class SqlTextTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => _database.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public void Every_sql_server_script_parses()
    {
        var errors = SchemaScript.For(SqlDialect.SqlServer)
            .SelectMany(script => Parse(script.Text, out _).Select(e => $"{script.Name}: {e}"))
            .ToList();

        errors.Should().BeEmpty();
    }

    [Fact]
    public void The_embedded_scripts_are_the_files_in_schemas()
    {
        foreach (var (dialect, folder) in new[] { (SqlDialect.Sqlite, "sqlite"), (SqlDialect.SqlServer, "sqlserver") })
        {
            var files = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "schemas", folder), "*.sql")
                .Select(f => SchemaScript.FromText(Path.GetFileName(f), File.ReadAllText(f)))
                .OrderBy(s => s.Name, StringComparer.Ordinal);

            SchemaScript.For(dialect).Should().Equal(files);
        }
    }

    [Fact]
    public void Every_statement_of_the_sql_server_stores_parses()
    {
        var statements = RawStringLiterals("SqlServer");

        var errors = statements
            .SelectMany(s => Parse(s.Text, out _).Select(e => $"{s.Source}: {e}\n{s.Text}"))
            .ToList();

        statements.Should().HaveCountGreaterThanOrEqualTo(15, "every store statement and the journal's are raw string literals");
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Every_statement_of_the_sqlite_stores_compiles_against_the_migrated_schema()
    {
        var statements = RawStringLiterals("Sqlite");
        await using var connection = await _database.Sqlite.OpenAsync(CancellationToken.None);
        var errors = new List<string>();
        foreach (var (source, text) in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = text;
            try
            {
                // Preparing compiles the statement, which checks every table and column name.
                command.Prepare();
            }
            catch (SqliteException e)
            {
                errors.Add($"{source}: {e.Message}\n{text}");
            }
        }

        statements.Should().HaveCountGreaterThanOrEqualTo(15);
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Both_dialects_create_the_same_tables_and_columns()
    {
        var sqlServer = new SchemaCollector();
        foreach (var script in SchemaScript.For(SqlDialect.SqlServer))
        {
            Parse(script.Text, out var fragment).Should().BeEmpty();
            fragment.Accept(sqlServer);
        }

        await using var connection = await _database.Sqlite.OpenAsync(CancellationToken.None);
        var sqlite = (await connection.QueryAsync<(string Table, string Column)>(
            """
            SELECT m.name, p.name
            FROM sqlite_master m
            JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.name <> 'schema_journal'
            """)).ToList();

        sqlServer.Tables.Should().BeEquivalentTo(sqlite.Select(c => c.Table).Distinct());
        sqlServer.Tables.Should().Contain(["artefact", "artefact_reference", "code", "transfer", "transfer_start", "series", "series_attributes", "observation", "annotation", "metadata_report", "metadata_value", "transfer_flow", "transfer_flow_event", "discrepancy_pair", "discrepancy_code", "discrepancy_event", "forum_thread", "forum_post"]);
        sqlServer.Columns.Should().Contain(["transfer.action", "transfer.observations_inserted", "transfer.warnings"], "columns added by ALTER TABLE count");
        sqlServer.Columns.Should().BeEquivalentTo(sqlite.Select(c => $"{c.Table}.{c.Column}"));
    }

    [Fact]
    public void The_transfer_table_has_a_column_for_every_field_of_Transfer()
    {
        var sqlServer = new SchemaCollector();
        foreach (var script in SchemaScript.For(SqlDialect.SqlServer))
        {
            Parse(script.Text, out var fragment);
            fragment.Accept(sqlServer);
        }

        var fields = typeof(Transfer).GetProperties()
            .Where(p => p.Name is not ("EqualityContract" or nameof(Transfer.FlowParts))) // flow parts live in transfer_flow
            .Select(p => "transfer." + SnakeCase().Replace(p.Name, "$1_$2").ToLowerInvariant());

        sqlServer.Columns.Where(c => c.StartsWith("transfer.", StringComparison.Ordinal)).Should().BeEquivalentTo(fields);
    }

    private static List<string> Parse(string text, out TSqlFragment fragment)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        fragment = parser.Parse(new StringReader(text), out var errors);
        return errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}").ToList();
    }

    /// <summary>Every <c>"""</c> raw string literal in the dialect's folder of the Storage project.</summary>
    private static List<(string Source, string Text)> RawStringLiterals(string folder)
    {
        var directory = Path.Combine(RepositoryRoot.Path, "src", "MdgExchange.Storage", folder);
        var literals = new List<(string Source, string Text)>();
        foreach (var file in Directory.GetFiles(directory, "*.cs").Order(StringComparer.Ordinal))
        {
            var code = File.ReadAllText(file);
            foreach (Match match in RawString().Matches(code))
            {
                var line = code.AsSpan(0, match.Index).Count('\n') + 1;
                literals.Add(($"{Path.GetFileName(file)}, line {line}", match.Groups["text"].Value));
            }
        }

        return literals;
    }

    [GeneratedRegex("\"\"\"[ \\t]*\\r?\\n(?<text>.*?)\\r?\\n[ \\t]*\"\"\"", RegexOptions.Singleline)]
    private static partial Regex RawString();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex SnakeCase();

    /// <summary>Tables and <c>table.column</c> pairs as the scripts leave them, in script order.</summary>
    private sealed class SchemaCollector : TSqlFragmentVisitor
    {
        public HashSet<string> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> Columns { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(CreateTableStatement node)
        {
            var table = node.SchemaObjectName.BaseIdentifier.Value;
            Tables.Add(table);
            foreach (var column in node.Definition.ColumnDefinitions)
            {
                Columns.Add($"{table}.{column.ColumnIdentifier.Value}");
            }
        }

        public override void Visit(AlterTableAddTableElementStatement node)
        {
            var table = node.SchemaObjectName.BaseIdentifier.Value;
            foreach (var column in node.Definition.ColumnDefinitions)
            {
                Columns.Add($"{table}.{column.ColumnIdentifier.Value}");
            }
        }

        public override void Visit(AlterTableDropTableElementStatement node)
        {
            var table = node.SchemaObjectName.BaseIdentifier.Value;
            foreach (var element in node.AlterTableDropTableElements.Where(e => e.TableElementType == TableElementType.Column))
            {
                Columns.Remove($"{table}.{element.Name.Value}");
            }
        }

        public override void Visit(DropTableStatement node)
        {
            foreach (var name in node.Objects)
            {
                var table = name.BaseIdentifier.Value;
                Tables.Remove(table);
                Columns.RemoveWhere(c => c.StartsWith(table + ".", StringComparison.OrdinalIgnoreCase));
            }
        }
    }
}
