using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MdgExchange.Domain.Metadata;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Metadata;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Seed;

namespace MdgExchange.Application.Metadata;

/// <summary>The national and international reports compared for one indicator and country.</summary>
public sealed record MetadataComparisonResult(string Target, string RefArea, IReadOnlyList<MetadataComparison> Comparisons, IReadOnlyDictionary<string, IReadOnlyList<LocalisedString>> ConceptNames);

/// <summary>An export: the bytes, their media type, how many reports, and the transfer that recorded it.</summary>
public sealed record MetadataExport(byte[] Content, string MediaType, int Reports, Guid TransferId);

public sealed partial class MetadataService
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The reports a query selects; an indicator may be written 3.2.1 or 3-2-1.</summary>
    public Task<IReadOnlyList<MetadataReport>> ListAsync(MetadataQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return store.ListAsync(query with { TargetCode = NormaliseTarget(query.TargetCode) }, cancellationToken);
    }

    /// <summary>One set: a given version, else the one valid at <paramref name="asOf"/>, else the current one.</summary>
    public async Task<MetadataReport?> GetAsync(string organisation, string setId, int version, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var reports = await store.ListAsync(new MetadataQuery(Organisation: organisation, SetId: setId, AsOf: version > 0 ? null : asOf, AllVersions: version > 0), cancellationToken);
        return version > 0 ? reports.FirstOrDefault(r => r.Version == version) : reports.SingleOrDefault();
    }

    /// <summary>
    /// The national reports (REPORTING_TYPE N) for the indicator and country against the international ones (G or R):
    /// an agency's report for that country, else its report for every area.
    /// </summary>
    public async Task<MetadataComparisonResult> CompareAsync(string target, string refArea, DateTimeOffset? asOf, string lang, CancellationToken cancellationToken)
    {
        var code = NormaliseTarget(target)!;
        var all = await store.ListAsync(new MetadataQuery(TargetCode: code, AsOf: asOf), cancellationToken);
        var national = all.Where(r => r.ReportingType == "N" && r.RefArea == refArea).ToList();
        var international = all.Where(r => r.ReportingType != "N" && (r.RefArea == refArea || r.RefArea is null))
            .GroupBy(r => r.Organisation)
            .Select(g => g.OrderBy(r => r.RefArea is null ? 1 : 0).First())
            .ToList();
        var flow = national.Concat(international).Select(r => r.Metadataflow).FirstOrDefault() ?? SeedArtefacts.SdgMetadataflow;
        var (order, names) = await ConceptsAsync(flow, cancellationToken);
        return new MetadataComparisonResult(code, refArea, MetadataComparer.Compare(national, international, order, lang), names);
    }

    /// <summary>The concepts of a metadataflow's MSD in order (dotted paths) and their names from the concept schemes.</summary>
    public async Task<(IReadOnlyList<string> Order, IReadOnlyDictionary<string, IReadOnlyList<LocalisedString>> Names)> ConceptsAsync(ArtefactRef metadataflow, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, IReadOnlyList<LocalisedString>>(StringComparer.Ordinal);
        if (await structures.GetAsync(metadataflow, cancellationToken) is not { Artefact: Metadataflow { Structure: { } msdRef } }
            || await structures.GetAsync(msdRef, cancellationToken) is not { Artefact: MetadataStructureDefinition msd })
        {
            return ([], names);
        }

        var schemes = new Dictionary<ArtefactRef, ConceptScheme?>();
        foreach (var (path, attribute) in msd.AllAttributes())
        {
            if (attribute.ConceptIdentity is not { } concept)
            {
                continue;
            }

            if (!schemes.TryGetValue(concept.Scheme, out var scheme))
            {
                scheme = (await structures.GetAsync(concept.Scheme, cancellationToken))?.Artefact as ConceptScheme;
                schemes[concept.Scheme] = scheme;
            }

            if (scheme?.Find(concept.ItemId) is { } found)
            {
                names[path] = found.Names;
            }
        }

        return (msd.AllAttributes().Select(a => a.Path).ToList(), names);
    }

    /// <summary>Writes the reports a query selects as SDMX-CSV 2.0 or JSON; the export is recorded as a transfer.</summary>
    public async Task<MetadataExport> ExportAsync(MetadataQuery query, string? format, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var transferId = Guid.NewGuid();
        var chosen = string.IsNullOrWhiteSpace(format) ? MetadataFormats.SdmxCsv20 : format.Trim().ToLowerInvariant();
        var record = new TransferRecorder(transfers, clock, transferId, clock.GetUtcNow(), caller, null, "metadata-export") { Receiver = caller.Organisation, Format = chosen };
        if (chosen is not (MetadataFormats.SdmxCsv20 or MetadataFormats.Json))
        {
            var why = $"format '{format}' is not supported: use {MetadataFormats.SdmxCsv20} or {MetadataFormats.Json}";
            await record.FinishAsync("rejected", why);
            throw new ExchangeRejectedException(transferId, why, [new("format", why)]);
        }

        var reports = await ListAsync(query, cancellationToken);
        foreach (var report in reports)
        {
            record.Touch(report.TargetCode, report.RefArea);
            record.Dataflow ??= report.Metadataflow.ToString();
        }

        var content = chosen == MetadataFormats.Json ? await JsonAsync(reports, transferId, cancellationToken) : await CsvAsync(reports, cancellationToken);
        record.ArtefactCount = reports.Count;
        record.Bytes = content.Length;
        await record.FinishAsync("completed", null);
        return new MetadataExport(content, chosen == MetadataFormats.Json ? "application/json" : "application/vnd.sdmx.metadata+csv; version=2.0.0; charset=utf-8", reports.Count, transferId);
    }

    private async Task<byte[]> CsvAsync(IReadOnlyList<MetadataReport> reports, CancellationToken cancellationToken)
    {
        var targets = new MetadataTargets(structures);
        var sets = new List<MetadataSetToWrite>();
        var order = new List<string>();
        foreach (var flow in reports.Select(r => r.Metadataflow).Distinct())
        {
            order.AddRange((await ConceptsAsync(flow, cancellationToken)).Order.Except(order));
        }

        foreach (var report in reports)
        {
            var ids = new List<(string, string)>
            {
                report.TargetKind == MetadataTargetKinds.Indicator
                    ? ("code", $"{SeedArtefacts.SdgFramework}.{report.TargetCode.Replace('.', '-')}")
                    : ("code", $"{MetadataTargets.SdgSeries}.{report.TargetCode}"),
            };
            if (report.RefArea is { } area)
            {
                ids.Add(("code", $"{await targets.AreaCodelistAsync(area, cancellationToken) ?? MetadataTargets.SdgAreas}.{area}"));
            }

            sets.Add(new MetadataSetToWrite(report.Metadataflow.ToString(), report.Organisation, report.SetId, $"{report.Version}.0", ids, report.Values.Select(v => (v.Concept, v.Lang, v.Text)).ToList()));
        }

        var text = new StringWriter();
        MetadataCsvWriter.Write(text, order, sets);
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    private async Task<byte[]> JsonAsync(IReadOnlyList<MetadataReport> reports, Guid transferId, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, IReadOnlyList<LocalisedString>>(StringComparer.Ordinal);
        foreach (var flow in reports.Select(r => r.Metadataflow).Distinct())
        {
            foreach (var (concept, conceptNames) in (await ConceptsAsync(flow, cancellationToken)).Names)
            {
                names.TryAdd(concept, conceptNames);
            }
        }

        var document = new
        {
            Meta = new { Prepared = clock.GetUtcNow(), TransferId = transferId, Reports = reports.Count },
            Reports = reports.Select(r => new
            {
                Metadataflow = r.Metadataflow.ToString(),
                r.Organisation,
                r.SetId,
                r.Version,
                r.ReportingType,
                r.TargetKind,
                r.TargetCode,
                r.RefArea,
                r.Name,
                r.ValidFrom,
                r.ValidTo,
                r.TransferId,
                Values = r.Values.Select(v => new
                {
                    v.Concept,
                    ConceptName = names.GetValueOrDefault(v.Concept) is { } n ? n.FirstOrDefault(x => x.Lang == v.Lang)?.Text ?? n.FirstOrDefault()?.Text : null,
                    v.Lang,
                    v.Text,
                }),
            }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }

    /// <summary>An indicator in the official dotted notation (3-2-1 → 3.2.1); series codes as they are.</summary>
    private static string? NormaliseTarget(string? target) =>
        string.IsNullOrWhiteSpace(target) ? null
        : target.Trim() is var t && t.Length > 0 && char.IsAsciiDigit(t[0]) ? t.Replace('-', '.') : t;
}
