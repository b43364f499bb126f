using Google.Protobuf.WellKnownTypes;
using MdgExchange.Domain.Metadata;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Metadata;
using Proto = MdgExchange.Protos.V1;

namespace MdgExchange.Server.Grpc;

/// <summary>Metadata reports and comparisons between the domain and the protobuf contract.</summary>
internal static class MetadataMapper
{
    public static MetadataQuery ToQuery(Proto.ListMetadataReportsRequest request) => new(
        TargetCode: Empty(request.Target),
        RefArea: Empty(request.RefArea),
        Organisation: Empty(request.Organisation),
        ReportingType: Empty(request.ReportingType),
        SetId: Empty(request.SetId),
        AsOf: request.AsOf?.ToDateTimeOffset(),
        AllVersions: request.AllVersions);

    /// <summary>A report given as a message, in the form files are parsed to; its index names it in errors.</summary>
    public static ParsedMetadataSet ToParsed(Proto.MetadataReport report, int index)
    {
        var prefix = $"reports[{index}]";
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < report.Values.Count; i++)
        {
            columns.TryAdd(report.Values[i].Concept, $"values[{i}].concept");
        }

        // Paths in errors: reports[2].values[0].concept, reports[2].target_code, ...
        return new ParsedMetadataSet
        {
            Metadataflow = Empty(report.Metadataflow),
            SetAgency = Empty(report.Organisation),
            SetId = Empty(report.SetId),
            Indicator = report.TargetKind is "" or MetadataTargetKinds.Indicator ? Empty(report.TargetCode) : null,
            Series = report.TargetKind == MetadataTargetKinds.Series ? Empty(report.TargetCode) : null,
            RefArea = Empty(report.RefArea),
            Name = Empty(report.Name),
            Values = report.Values.Select(v => (v.Concept, v.Lang.Length == 0 ? "en" : v.Lang, v.Text)).ToList(),
            ColumnOf = columns.ToDictionary(c => c.Key, c => $"{prefix}.{c.Value}", StringComparer.Ordinal),
            MessagePrefix = prefix,
        };
    }

    public static Proto.MetadataReport ToProto(MetadataReport report, IReadOnlyDictionary<string, IReadOnlyList<LocalisedString>> names)
    {
        var proto = new Proto.MetadataReport
        {
            Metadataflow = report.Metadataflow.ToString(),
            Organisation = report.Organisation,
            SetId = report.SetId,
            ReportingType = report.ReportingType,
            TargetKind = report.TargetKind,
            TargetCode = report.TargetCode,
            RefArea = report.RefArea ?? "",
            Name = report.Name ?? "",
            Version = report.Version,
            ValidFrom = report.ValidFrom == default ? null : Timestamp.FromDateTimeOffset(report.ValidFrom),
            ValidTo = report.ValidTo is { } to ? Timestamp.FromDateTimeOffset(to) : null,
            TransferId = report.TransferId == Guid.Empty ? "" : report.TransferId.ToString(),
        };
        proto.Values.AddRange(report.Values.Select(v => new Proto.MetadataValue { Concept = v.Concept, Lang = v.Lang, Text = v.Text, ConceptName = Name(names, v.Concept, v.Lang) }));
        return proto;
    }

    public static Proto.MetadataComparison ToProto(MetadataComparison comparison, IReadOnlyDictionary<string, IReadOnlyList<LocalisedString>> names, string lang)
    {
        var proto = new Proto.MetadataComparison
        {
            National = comparison.National is { } n ? ToProto(n, names) : null,
            International = comparison.International is { } i ? ToProto(i, names) : null,
            Same = comparison.Count(ConceptStatus.Same),
            Different = comparison.Count(ConceptStatus.Different),
            MissingNational = comparison.Count(ConceptStatus.MissingNational),
            MissingInternational = comparison.Count(ConceptStatus.MissingInternational),
            MissingBoth = comparison.Count(ConceptStatus.MissingBoth),
        };
        proto.Concepts.AddRange(comparison.Concepts.Select(c => new Proto.ConceptComparison
        {
            Concept = c.Concept,
            ConceptName = Name(names, c.Concept, lang),
            Status = c.Status switch
            {
                ConceptStatus.Same => Proto.ConceptStatus.Same,
                ConceptStatus.Different => Proto.ConceptStatus.Different,
                ConceptStatus.MissingNational => Proto.ConceptStatus.MissingNational,
                ConceptStatus.MissingInternational => Proto.ConceptStatus.MissingInternational,
                _ => Proto.ConceptStatus.MissingBoth,
            },
            NationalText = c.NationalText ?? "",
            InternationalText = c.InternationalText ?? "",
            NationalLang = c.NationalLang ?? "",
            InternationalLang = c.InternationalLang ?? "",
            Similarity = c.Similarity,
        }));
        return proto;
    }

    private static string Name(IReadOnlyDictionary<string, IReadOnlyList<LocalisedString>> names, string concept, string lang) =>
        names.GetValueOrDefault(concept) is { } n ? n.FirstOrDefault(x => x.Lang == lang)?.Text ?? n.FirstOrDefault(x => x.Lang == "en")?.Text ?? n.FirstOrDefault()?.Text ?? "" : "";

    private static string? Empty(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
