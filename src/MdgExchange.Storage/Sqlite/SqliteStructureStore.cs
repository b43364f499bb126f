using Dapper;
using MdgExchange.Domain.Structure;
using Microsoft.Data.Sqlite;

namespace MdgExchange.Storage.Sqlite;

/// <summary>The structure registry in SQLite.</summary>
public sealed class SqliteStructureStore(SqliteConnectionFactory connections) : IStructureStore
{
    // SQLITE_CONSTRAINT_UNIQUE: the extended code tells a duplicate key from other constraint failures.
    private const int UniqueViolation = 2067;

    public async Task<StoredArtefact?> GetAsync(ArtefactRef reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var version = await ResolveVersionAsync(connection, reference, cancellationToken);
        if (version is null)
        {
            return null;
        }

        var row = await connection.QuerySingleOrDefaultAsync<BodyRow>(new CommandDefinition(
            """
            SELECT body AS Body, body_sha256 AS BodySha256, created_at AS CreatedAt, updated_at AS UpdatedAt
            FROM artefact
            WHERE artefact_type = @Type AND agency_id = @AgencyId AND artefact_id = @Id AND version = @Version
            """,
            new { Type = StoreMapping.TypeName(reference.Type), reference.AgencyId, reference.Id, Version = version },
            cancellationToken: cancellationToken));
        return row is null
            ? null
            : new StoredArtefact(
                ArtefactJson.Deserialize(row.Body),
                row.BodySha256,
                SqliteText.ToTimestamp(row.CreatedAt),
                SqliteText.ToTimestamp(row.UpdatedAt));
    }

    public async Task<IReadOnlyList<ArtefactSummary>> ListAsync(ArtefactType? type, string? agencyId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(
            """
            SELECT artefact_type AS Type, agency_id AS AgencyId, artefact_id AS Id, version AS Version,
                   is_final AS IsFinal, name AS Name, updated_at AS UpdatedAt
            FROM artefact
            WHERE (@Type IS NULL OR artefact_type = @Type) AND (@AgencyId IS NULL OR agency_id = @AgencyId)
            """,
            new { Type = type is { } t ? StoreMapping.TypeName(t) : null, AgencyId = agencyId },
            cancellationToken: cancellationToken));
        return rows
            .Select(r => new ArtefactSummary(
                new ArtefactRef(StoreMapping.ParseType(r.Type), r.AgencyId, r.Id, r.Version),
                r.IsFinal != 0,
                r.Name,
                SqliteText.ToTimestamp(r.UpdatedAt)))
            .Order(Comparer<ArtefactSummary>.Create((a, b) => StoreMapping.Compare(a.Ref, b.Ref)))
            .ToList();
    }

    public async Task<IReadOnlyList<ArtefactRef>> ReferencedByAsync(ArtefactRef reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RefRow>(new CommandDefinition(
            """
            SELECT a.artefact_type AS Type, a.agency_id AS AgencyId, a.artefact_id AS Id, a.version AS Version
            FROM artefact_reference r
            JOIN artefact a ON a.artefact_pk = r.artefact_pk
            WHERE r.ref_type = @Type AND r.ref_agency_id = @AgencyId AND r.ref_artefact_id = @Id AND r.ref_version = @Version
            """,
            new { Type = StoreMapping.TypeName(reference.Type), reference.AgencyId, reference.Id, reference.Version },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRef()).Order(Comparer<ArtefactRef>.Create(StoreMapping.Compare)).ToList();
    }

    public async Task SaveAsync(IReadOnlyList<ArtefactChange> changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        StoreMapping.CheckStorable(changes);
        var timestamp = SqliteText.FromTimestamp(now);
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insertCode = CodeInserter.Create(connection, transaction);
        foreach (var (write, artefact) in changes)
        {
            var artefactPk = write == ArtefactWrite.Create
                ? await InsertAsync(connection, transaction, artefact, timestamp, cancellationToken)
                : await UpdateAsync(connection, transaction, artefact, timestamp, cancellationToken);

            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO artefact_reference (artefact_pk, ref_type, ref_agency_id, ref_artefact_id, ref_version)
                VALUES (@ArtefactPk, @Type, @AgencyId, @Id, @Version)
                """,
                StoreMapping.References(artefact)
                    .Select(r => new { ArtefactPk = artefactPk, Type = StoreMapping.TypeName(r.Type), r.AgencyId, r.Id, r.Version })
                    .ToList(),
                transaction,
                cancellationToken: cancellationToken));

            if (artefact is Codelist codelist)
            {
                await insertCode.InsertAsync(artefactPk, codelist, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(ArtefactRef reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);

        // References and codes go with the row (ON DELETE CASCADE; the connection enforces foreign keys).
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM artefact
            WHERE artefact_type = @Type AND agency_id = @AgencyId AND artefact_id = @Id AND version = @Version
            """,
            new { Type = StoreMapping.TypeName(reference.Type), reference.AgencyId, reference.Id, reference.Version },
            cancellationToken: cancellationToken));
        return deleted > 0;
    }

    public async Task<IReadOnlyList<Code>> GetCodesAsync(ArtefactRef codelist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codelist);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var version = await ResolveVersionAsync(connection, codelist, cancellationToken);
        if (version is null)
        {
            return [];
        }

        var rows = await connection.QueryAsync<CodeRow>(new CommandDefinition(
            """
            SELECT c.code_id AS CodeId, c.parent_code_id AS ParentCodeId, c.uri AS Uri,
                   c.names AS Names, c.descriptions AS Descriptions, c.annotations AS Annotations
            FROM code c
            JOIN artefact a ON a.artefact_pk = c.artefact_pk
            WHERE a.artefact_type = @Type AND a.agency_id = @AgencyId AND a.artefact_id = @Id AND a.version = @Version
            ORDER BY c.position
            """,
            new { Type = StoreMapping.TypeName(codelist.Type), codelist.AgencyId, codelist.Id, Version = version },
            cancellationToken: cancellationToken));
        return rows.Select(StoreMapping.ToCode).ToList();
    }

    private static async Task<string?> ResolveVersionAsync(SqliteConnection connection, ArtefactRef reference, CancellationToken cancellationToken)
    {
        if (!reference.IsLatest)
        {
            return reference.Version;
        }

        var versions = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT version FROM artefact
            WHERE artefact_type = @Type AND agency_id = @AgencyId AND artefact_id = @Id
            """,
            new { Type = StoreMapping.TypeName(reference.Type), reference.AgencyId, reference.Id },
            cancellationToken: cancellationToken));
        return StoreMapping.Latest(versions);
    }

    private static async Task<long> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, MaintainableArtefact artefact, string now, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO artefact (artefact_type, agency_id, artefact_id, version, is_final, name, body, body_sha256, created_at, updated_at)
                VALUES (@Type, @AgencyId, @Id, @Version, @IsFinal, @Name, @Body, @BodySha256, @Now, @Now)
                RETURNING artefact_pk
                """,
                new
                {
                    Type = StoreMapping.TypeName(artefact.Type),
                    artefact.AgencyId,
                    artefact.Id,
                    artefact.Version,
                    artefact.IsFinal,
                    Name = artefact.NameIn(),
                    Body = ArtefactJson.Serialize(artefact),
                    BodySha256 = ArtefactJson.Hash(artefact),
                    Now = now,
                },
                transaction,
                cancellationToken: cancellationToken));
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == UniqueViolation)
        {
            throw new ArtefactExistsException(artefact.Ref, e);
        }
    }

    private static async Task<long> UpdateAsync(SqliteConnection connection, SqliteTransaction transaction, MaintainableArtefact artefact, string now, CancellationToken cancellationToken)
    {
        var artefactPk = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            UPDATE artefact
            SET is_final = @IsFinal, name = @Name, body = @Body, body_sha256 = @BodySha256, updated_at = @Now
            WHERE artefact_type = @Type AND agency_id = @AgencyId AND artefact_id = @Id AND version = @Version
            RETURNING artefact_pk
            """,
            new
            {
                Type = StoreMapping.TypeName(artefact.Type),
                artefact.AgencyId,
                artefact.Id,
                artefact.Version,
                artefact.IsFinal,
                Name = artefact.NameIn(),
                Body = ArtefactJson.Serialize(artefact),
                BodySha256 = ArtefactJson.Hash(artefact),
                Now = now,
            },
            transaction,
            cancellationToken: cancellationToken))
            ?? throw new ArtefactNotFoundException(artefact.Ref);

        // The new version of the artefact brings its own references and codes.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM artefact_reference WHERE artefact_pk = @ArtefactPk
            """,
            new { ArtefactPk = artefactPk },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM code WHERE artefact_pk = @ArtefactPk
            """,
            new { ArtefactPk = artefactPk },
            transaction,
            cancellationToken: cancellationToken));
        return artefactPk;
    }

    /// <summary>
    /// Codes go through one prepared command reused for every row: a codelist such as CL_AREA has hundreds of
    /// codes, and Dapper with a list would build and bind a command per row.
    /// </summary>
    private sealed class CodeInserter : IAsyncDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _artefactPk;
        private readonly SqliteParameter _position;
        private readonly SqliteParameter _codeId;
        private readonly SqliteParameter _parentCodeId;
        private readonly SqliteParameter _uri;
        private readonly SqliteParameter _names;
        private readonly SqliteParameter _descriptions;
        private readonly SqliteParameter _annotations;

        private CodeInserter(SqliteCommand command)
        {
            _command = command;
            _artefactPk = command.Parameters.Add("@ArtefactPk", SqliteType.Integer);
            _position = command.Parameters.Add("@Position", SqliteType.Integer);
            _codeId = command.Parameters.Add("@CodeId", SqliteType.Text);
            _parentCodeId = command.Parameters.Add("@ParentCodeId", SqliteType.Text);
            _uri = command.Parameters.Add("@Uri", SqliteType.Text);
            _names = command.Parameters.Add("@Names", SqliteType.Text);
            _descriptions = command.Parameters.Add("@Descriptions", SqliteType.Text);
            _annotations = command.Parameters.Add("@Annotations", SqliteType.Text);
        }

        public static CodeInserter Create(SqliteConnection connection, SqliteTransaction transaction)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                """
                INSERT INTO code (artefact_pk, position, code_id, parent_code_id, uri, names, descriptions, annotations)
                VALUES (@ArtefactPk, @Position, @CodeId, @ParentCodeId, @Uri, @Names, @Descriptions, @Annotations)
                """;
            return new CodeInserter(command);
        }

        public async Task InsertAsync(long artefactPk, Codelist codelist, CancellationToken cancellationToken)
        {
            for (var i = 0; i < codelist.Items.Count; i++)
            {
                var row = StoreMapping.ToRow(codelist.Items[i], i);
                _artefactPk.Value = artefactPk;
                _position.Value = row.Position;
                _codeId.Value = row.CodeId;
                _parentCodeId.Value = (object?)row.ParentCodeId ?? DBNull.Value;
                _uri.Value = (object?)row.Uri ?? DBNull.Value;
                _names.Value = row.Names;
                _descriptions.Value = row.Descriptions;
                _annotations.Value = row.Annotations;
                await _command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        public ValueTask DisposeAsync() => _command.DisposeAsync();
    }

    private sealed class BodyRow
    {
        public string Body { get; set; } = "";
        public string BodySha256 { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public string UpdatedAt { get; set; } = "";
    }

    private sealed class SummaryRow
    {
        public string Type { get; set; } = "";
        public string AgencyId { get; set; } = "";
        public string Id { get; set; } = "";
        public string Version { get; set; } = "";
        public long IsFinal { get; set; }
        public string Name { get; set; } = "";
        public string UpdatedAt { get; set; } = "";
    }
}
