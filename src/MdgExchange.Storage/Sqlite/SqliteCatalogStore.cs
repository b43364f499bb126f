using Dapper;
using MdgExchange.Domain.Catalog;
using Microsoft.Data.Sqlite;

namespace MdgExchange.Storage.Sqlite;

/// <summary>The catalogue of statistical operations in SQLite.</summary>
public sealed class SqliteCatalogStore(SqliteConnectionFactory connections) : ICatalogStore
{
    public async Task<IReadOnlyList<string>> SaveAsync(IReadOnlyList<StatisticalOperation> operations, Transfer transfer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(transfer);
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var replaced = new List<string>();
        foreach (var operation in operations)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                DELETE FROM catalog_indicator WHERE operation_id = @Id
                """,
                new { operation.Id },
                transaction,
                cancellationToken: cancellationToken));
            var existed = await connection.ExecuteAsync(new CommandDefinition(
                """
                DELETE FROM catalog_operation WHERE operation_id = @Id
                """,
                new { operation.Id },
                transaction,
                cancellationToken: cancellationToken)) == 1;
            if (existed)
            {
                replaced.Add(operation.Id);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO catalog_operation (
                    operation_id, country, name_en, name_es, producer, operation_type, periodicity, reference_years, next_round,
                    universe, coverage, sample_size, lowest_level, methodology_url, area_codelist, areas, updated_at, updated_by, transfer_id)
                VALUES (
                    @OperationId, @Country, @NameEn, @NameEs, @Producer, @OperationType, @Periodicity, @ReferenceYears, @NextRound,
                    @Universe, @Coverage, @SampleSize, @LowestLevel, @MethodologyUrl, @AreaCodelist, @Areas, @UpdatedAt, @UpdatedBy, @TransferId)
                """,
                CatalogOperationRow<string>.From(operation, SqliteText.FromTimestamp),
                transaction,
                cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO catalog_indicator (operation_id, indicator, series_code, disaggregations)
                VALUES (@OperationId, @Indicator, @SeriesCode, @Disaggregations)
                """,
                CatalogRows.IndicatorRows(operation).ToList(),
                transaction,
                cancellationToken: cancellationToken));
        }

        await SqliteTransferStore.InsertAsync(connection, transaction, transfer, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return replaced;
    }

    public async Task<IReadOnlyList<StatisticalOperation>> ListAsync(string? country, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var operations = await connection.QueryAsync<CatalogOperationRow<string>>(new CommandDefinition(
            """
            SELECT operation_id AS OperationId, country AS Country, name_en AS NameEn, name_es AS NameEs, producer AS Producer,
                   operation_type AS OperationType, periodicity AS Periodicity, reference_years AS ReferenceYears, next_round AS NextRound,
                   universe AS Universe, coverage AS Coverage, sample_size AS SampleSize, lowest_level AS LowestLevel,
                   methodology_url AS MethodologyUrl, area_codelist AS AreaCodelist, areas AS Areas, updated_at AS UpdatedAt,
                   updated_by AS UpdatedBy, transfer_id AS TransferId
            FROM catalog_operation WHERE @Country IS NULL OR country = @Country
            ORDER BY country, operation_id
            """,
            new { Country = country },
            transaction,
            cancellationToken: cancellationToken));
        var indicators = await connection.QueryAsync<CatalogIndicatorRow>(new CommandDefinition(
            """
            SELECT i.operation_id AS OperationId, i.indicator AS Indicator, i.series_code AS SeriesCode, i.disaggregations AS Disaggregations
            FROM catalog_indicator i JOIN catalog_operation o ON o.operation_id = i.operation_id
            WHERE @Country IS NULL OR o.country = @Country
            """,
            new { Country = country },
            transaction,
            cancellationToken: cancellationToken));
        return CatalogRows.Assemble(operations, indicators, SqliteText.ToTimestamp);
    }

    public async Task<StatisticalOperation?> GetAsync(string operationId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var operation = await connection.QuerySingleOrDefaultAsync<CatalogOperationRow<string>>(new CommandDefinition(
            """
            SELECT operation_id AS OperationId, country AS Country, name_en AS NameEn, name_es AS NameEs, producer AS Producer,
                   operation_type AS OperationType, periodicity AS Periodicity, reference_years AS ReferenceYears, next_round AS NextRound,
                   universe AS Universe, coverage AS Coverage, sample_size AS SampleSize, lowest_level AS LowestLevel,
                   methodology_url AS MethodologyUrl, area_codelist AS AreaCodelist, areas AS Areas, updated_at AS UpdatedAt,
                   updated_by AS UpdatedBy, transfer_id AS TransferId
            FROM catalog_operation WHERE operation_id = @Id
            """,
            new { Id = operationId },
            transaction,
            cancellationToken: cancellationToken));
        if (operation is null)
        {
            return null;
        }

        var indicators = await connection.QueryAsync<CatalogIndicatorRow>(new CommandDefinition(
            """
            SELECT operation_id AS OperationId, indicator AS Indicator, series_code AS SeriesCode, disaggregations AS Disaggregations
            FROM catalog_indicator WHERE operation_id = @Id
            """,
            new { Id = operationId },
            transaction,
            cancellationToken: cancellationToken));
        return CatalogRows.Assemble([operation], indicators, SqliteText.ToTimestamp)[0];
    }

    public async Task<bool> DeleteAsync(string operationId, Transfer transfer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM catalog_indicator WHERE operation_id = @Id
            """,
            new { Id = operationId },
            transaction,
            cancellationToken: cancellationToken));
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM catalog_operation WHERE operation_id = @Id
            """,
            new { Id = operationId },
            transaction,
            cancellationToken: cancellationToken)) == 1;
        if (!deleted)
        {
            return false;
        }

        await SqliteTransferStore.InsertAsync(connection, transaction, transfer, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
