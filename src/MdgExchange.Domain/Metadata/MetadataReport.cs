using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Metadata;

/// <summary>What a metadata report describes: an indicator of the framework or a series code.</summary>
public static class MetadataTargetKinds
{
    public const string Indicator = "indicator";
    public const string Series = "series";
}

/// <summary>One value of a report: the MSD attribute (its dotted path), the language, the text (plain or XHTML).</summary>
public sealed record MetadataValue(string Concept, string Lang, string Text);

/// <summary>
/// A reference-metadata report (an SDMX metadataset): the values of an MSD's concepts for one indicator or series,
/// optionally for one REF_AREA, authored by an organisation. The set is identified by <see cref="Organisation"/> and
/// <see cref="SetId"/>; every submission that changes it adds a version and closes the previous one, so the history
/// is kept and reads can ask for the report as it was at a past moment.
/// </summary>
public sealed class MetadataReport
{
    /// <summary>The metadataflow the report was submitted to, e.g. <c>MDGX:MDF_SDG(1.0)</c>.</summary>
    public required ArtefactRef Metadataflow { get; init; }

    /// <summary>The metadataset id (the set's agency is the authoring organisation).</summary>
    public required string SetId { get; init; }

    /// <summary>The organisation that authored the report: a national provider or an international agency.</summary>
    public required string Organisation { get; init; }

    /// <summary>N for national metadata, G for an international agency's, R for regional (REPORTING_TYPE codes).</summary>
    public required string ReportingType { get; init; }

    /// <summary><see cref="MetadataTargetKinds.Indicator"/> or <see cref="MetadataTargetKinds.Series"/>.</summary>
    public required string TargetKind { get; init; }

    /// <summary>The indicator in the official notation (<c>3.2.1</c>) or the series code (<c>SH_DYN_MORT</c>).</summary>
    public required string TargetCode { get; init; }

    /// <summary>The area the report is about; null for metadata valid for every area (an agency's global metadata).</summary>
    public string? RefArea { get; init; }

    public string? Name { get; init; }
    public IReadOnlyList<MetadataValue> Values { get; init; } = [];

    /// <summary>1 for the first submission of the set, then one more for each change. Set by the store.</summary>
    public int Version { get; init; }

    public DateTimeOffset ValidFrom { get; init; }

    /// <summary>When a newer version replaced this one; null for the current version.</summary>
    public DateTimeOffset? ValidTo { get; init; }

    /// <summary>The transfer that brought this version.</summary>
    public Guid TransferId { get; init; }

    /// <summary>Whether two reports carry the same content (target, area, name and values), whatever their versions.</summary>
    public bool SameContentAs(MetadataReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return TargetKind == other.TargetKind && TargetCode == other.TargetCode && RefArea == other.RefArea
            && Name == other.Name && ReportingType == other.ReportingType && Metadataflow == other.Metadataflow
            && Sorted(Values).SequenceEqual(Sorted(other.Values));
    }

    /// <summary>The text of a concept in a language, else English, else any language; null when absent.</summary>
    public string? Text(string concept, string lang = "en") =>
        Values.FirstOrDefault(v => v.Concept == concept && v.Lang == lang)?.Text
        ?? Values.FirstOrDefault(v => v.Concept == concept && v.Lang == "en")?.Text
        ?? Values.FirstOrDefault(v => v.Concept == concept)?.Text;

    private static IEnumerable<MetadataValue> Sorted(IEnumerable<MetadataValue> values) =>
        values.OrderBy(v => v.Concept, StringComparer.Ordinal).ThenBy(v => v.Lang, StringComparer.Ordinal).ThenBy(v => v.Text, StringComparer.Ordinal);
}

/// <summary>Which reports to read. Empty filters match everything; <see cref="AsOf"/> null means the current versions.</summary>
public sealed record MetadataQuery(
    string? TargetCode = null,
    string? RefArea = null,
    string? Organisation = null,
    string? ReportingType = null,
    string? SetId = null,
    DateTimeOffset? AsOf = null,
    bool AllVersions = false);
