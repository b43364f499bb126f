using MdgExchange.Domain.Metadata;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Storage;

/// <summary>
/// A row of <c>metadata_report</c> left-joined with one of its <c>metadata_value</c> rows (columns aliased to these
/// names; the value columns are null for a report without values). The timestamp type is the dialect's (ISO text in
/// SQLite, datetimeoffset in SQL Server); <typeparamref name="TOptionalTimestamp"/> is its nullable form.
/// </summary>
internal sealed class MetadataReportRow<TTimestamp, TOptionalTimestamp>
    where TTimestamp : notnull
{
    public long ReportPk { get; set; }
    public string Organisation { get; set; } = "";
    public string SetId { get; set; } = "";
    public long Version { get; set; }
    public string Metadataflow { get; set; } = "";
    public string ReportingType { get; set; } = "";
    public string TargetKind { get; set; } = "";
    public string TargetCode { get; set; } = "";
    public string? RefArea { get; set; }
    public string? Name { get; set; }
    public TTimestamp ValidFrom { get; set; } = default!;
    public TOptionalTimestamp ValidTo { get; set; } = default!;
    public string TransferId { get; set; } = "";
    public long? Ordinal { get; set; }
    public string? Concept { get; set; }
    public string? Lang { get; set; }
    public string? Text { get; set; }

    /// <summary>The reports of rows ordered by report then value ordinal, in the order the rows come.</summary>
    public static List<MetadataReport> ToReports(
        IEnumerable<MetadataReportRow<TTimestamp, TOptionalTimestamp>> rows,
        Func<TTimestamp, DateTimeOffset> timestamp,
        Func<TOptionalTimestamp, DateTimeOffset?> optionalTimestamp)
    {
        var reports = new List<MetadataReport>();
        MetadataReportRow<TTimestamp, TOptionalTimestamp>? current = null;
        var values = new List<MetadataValue>();
        foreach (var row in rows)
        {
            if (current is not null && row.ReportPk != current.ReportPk)
            {
                reports.Add(current.ToReport(values, timestamp, optionalTimestamp));
                values = [];
            }

            current = row;
            if (row.Ordinal is not null)
            {
                values.Add(new MetadataValue(row.Concept!, row.Lang!, row.Text!));
            }
        }

        if (current is not null)
        {
            reports.Add(current.ToReport(values, timestamp, optionalTimestamp));
        }

        return reports;
    }

    private MetadataReport ToReport(
        List<MetadataValue> values, Func<TTimestamp, DateTimeOffset> timestamp, Func<TOptionalTimestamp, DateTimeOffset?> optionalTimestamp) => new()
    {
        Metadataflow = MetadataRows.ParseMetadataflow(Metadataflow),
        SetId = SetId,
        Organisation = Organisation,
        ReportingType = ReportingType,
        TargetKind = TargetKind,
        TargetCode = TargetCode,
        RefArea = RefArea,
        Name = Name,
        Values = values,
        Version = checked((int)Version),
        ValidFrom = timestamp(ValidFrom),
        ValidTo = optionalTimestamp(ValidTo),
        TransferId = TransferIds.Parse(TransferId),
    };
}

/// <summary>What both dialects' metadata stores do alike: no SQL here.</summary>
internal static class MetadataRows
{
    /// <summary>The reference as stored: <c>AGENCY:ID(VERSION)</c>, the type being implied by the column.</summary>
    public static string MetadataflowText(ArtefactRef metadataflow) => metadataflow.ToString();

    public static ArtefactRef ParseMetadataflow(string text) =>
        ArtefactRef.TryParse(text, ArtefactType.Metadataflow, out var reference, out var error)
            ? reference
            : throw new InvalidOperationException($"the stored metadataflow '{text}' cannot be read: {error}");

    /// <summary>
    /// Refuses what the tables would store wrongly or not at all. A batch holds at most one report of a set: a
    /// second would make a version that ends at the instant it begins, which no read could ever see.
    /// </summary>
    public static void CheckSubmittable(IReadOnlyList<MetadataReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var sets = new HashSet<(string Organisation, string SetId)>();
        foreach (var report in reports)
        {
            ArgumentNullException.ThrowIfNull(report, nameof(reports));
            ArgumentNullException.ThrowIfNull(report.Metadataflow, nameof(reports));
            ArgumentNullException.ThrowIfNull(report.Values, nameof(reports));
            if (report.Metadataflow.Type != ArtefactType.Metadataflow || !Identifiers.IsValidVersion(report.Metadataflow.Version))
            {
                throw new ArgumentException(
                    $"report {report.Organisation}:{report.SetId} must name a metadataflow of a concrete version, not {report.Metadataflow.Type} {report.Metadataflow}",
                    nameof(reports));
            }

            if (report.TargetKind is not (MetadataTargetKinds.Indicator or MetadataTargetKinds.Series))
            {
                throw new ArgumentException($"report {report.Organisation}:{report.SetId} has the unknown target kind '{report.TargetKind}'", nameof(reports));
            }

            if (report.Values.Any(v => v is null))
            {
                throw new ArgumentException($"report {report.Organisation}:{report.SetId} has a null value", nameof(reports));
            }

            if (!sets.Add((report.Organisation, report.SetId)))
            {
                throw new ArgumentException($"the batch holds more than one report of the set {report.Organisation}:{report.SetId}", nameof(reports));
            }
        }
    }

    /// <summary>The report as stored: its version, the submission instant and transfer, still current.</summary>
    public static MetadataReport Stored(MetadataReport report, int version, Guid transferId, DateTimeOffset at) => new()
    {
        Metadataflow = report.Metadataflow,
        SetId = report.SetId,
        Organisation = report.Organisation,
        ReportingType = report.ReportingType,
        TargetKind = report.TargetKind,
        TargetCode = report.TargetCode,
        RefArea = report.RefArea,
        Name = report.Name,
        Values = report.Values.ToList(),
        Version = version,
        ValidFrom = at,
        ValidTo = null,
        TransferId = transferId,
    };

    /// <summary>The parameters of one value row, ordinal from 0 in the order given.</summary>
    public static List<ValueParameters> ValueRows(long reportPk, MetadataReport report) =>
        report.Values.Select((v, i) => new ValueParameters(reportPk, i, v.Concept, v.Lang, v.Text)).ToList();

    internal sealed record ValueParameters(long ReportPk, int Ordinal, string Concept, string Lang, string Text);
}
