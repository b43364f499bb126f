using Dapper;
using MdgExchange.Domain.Metadata;
using Microsoft.Data.Sqlite;

namespace MdgExchange.Storage.Sqlite;

/// <summary>Reference-metadata reports and their versions in SQLite.</summary>
public sealed class SqliteMetadataStore(SqliteConnectionFactory connections) : IMetadataStore
{
    public async Task<IReadOnlyList<MetadataReport>> SubmitAsync(IReadOnlyList<MetadataReport> reports, Guid transferId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        MetadataRows.CheckSubmittable(reports);
        var now = SqliteText.FromTimestamp(at);
        var transfer = TransferIds.ToText(transferId);
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var stored = new List<MetadataReport>(reports.Count);
        foreach (var report in reports)
        {
            var set = new { report.Organisation, report.SetId };
            var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                SELECT coalesce(max(version), 0) + 1 FROM metadata_report WHERE organisation = @Organisation AND set_id = @SetId
                """,
                set,
                transaction,
                cancellationToken: cancellationToken));

            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE metadata_report SET valid_to = @At
                WHERE organisation = @Organisation AND set_id = @SetId AND valid_to IS NULL
                """,
                new { report.Organisation, report.SetId, At = now },
                transaction,
                cancellationToken: cancellationToken));

            var reportPk = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO metadata_report (
                    organisation, set_id, version, metadataflow, reporting_type, target_kind, target_code, ref_area, name,
                    valid_from, valid_to, transfer_id)
                VALUES (
                    @Organisation, @SetId, @Version, @Metadataflow, @ReportingType, @TargetKind, @TargetCode, @RefArea, @Name,
                    @At, NULL, @TransferId)
                RETURNING report_pk
                """,
                new
                {
                    report.Organisation,
                    report.SetId,
                    Version = version,
                    Metadataflow = MetadataRows.MetadataflowText(report.Metadataflow),
                    report.ReportingType,
                    report.TargetKind,
                    report.TargetCode,
                    report.RefArea,
                    report.Name,
                    At = now,
                    TransferId = transfer,
                },
                transaction,
                cancellationToken: cancellationToken));

            // A report has tens of values, not the millions of a push: one command run per value is enough here.
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO metadata_value (report_pk, ordinal, concept, lang, text)
                VALUES (@ReportPk, @Ordinal, @Concept, @Lang, @Text)
                """,
                MetadataRows.ValueRows(reportPk, report),
                transaction,
                cancellationToken: cancellationToken));

            stored.Add(MetadataRows.Stored(report, checked((int)version), transferId, at.ToUniversalTime()));
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<IReadOnlyList<MetadataReport>> ListAsync(MetadataQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await connections.OpenAsync(cancellationToken);

        // Validity: with @AsOf NULL, "valid_to > @AsOf" is never true, so only current versions pass unless every
        // version is asked for; with @AsOf set, the version valid then, or every version that had begun by then.
        var rows = await connection.QueryAsync<MetadataReportRow<string, string?>>(new CommandDefinition(
            """
            SELECT r.report_pk AS ReportPk, r.organisation AS Organisation, r.set_id AS SetId, r.version AS Version,
                   r.metadataflow AS Metadataflow, r.reporting_type AS ReportingType, r.target_kind AS TargetKind,
                   r.target_code AS TargetCode, r.ref_area AS RefArea, r.name AS Name, r.valid_from AS ValidFrom,
                   r.valid_to AS ValidTo, r.transfer_id AS TransferId,
                   v.ordinal AS Ordinal, v.concept AS Concept, v.lang AS Lang, v.text AS Text
            FROM metadata_report r
            LEFT JOIN metadata_value v ON v.report_pk = r.report_pk
            WHERE (@TargetCode IS NULL OR r.target_code = @TargetCode)
              AND (@RefArea IS NULL OR r.ref_area = @RefArea)
              AND (@Organisation IS NULL OR r.organisation = @Organisation)
              AND (@ReportingType IS NULL OR r.reporting_type = @ReportingType)
              AND (@SetId IS NULL OR r.set_id = @SetId)
              AND (@AsOf IS NULL OR r.valid_from <= @AsOf)
              AND (@AllVersions = 1 OR r.valid_to IS NULL OR r.valid_to > @AsOf)
            ORDER BY r.organisation, r.set_id, r.version, v.ordinal
            """,
            new
            {
                query.TargetCode,
                query.RefArea,
                query.Organisation,
                query.ReportingType,
                query.SetId,
                AsOf = SqliteText.FromTimestamp(query.AsOf),
                query.AllVersions,
            },
            cancellationToken: cancellationToken));
        return MetadataReportRow<string, string?>.ToReports(rows, SqliteText.ToTimestamp, t => t is null ? null : SqliteText.ToTimestamp(t));
    }
}
