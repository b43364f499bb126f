using System.Security.Cryptography;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Metadata;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Metadata;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Seed;
using MdgExchange.Storage;

namespace MdgExchange.Application.Metadata;

/// <summary>The payload formats of a metadata submission.</summary>
public static class MetadataFormats
{
    public const string SdmxCsv20 = "sdmx-csv-2.0";
    public const string OpenSdg = "opensdg-md";
    public const string Protobuf = "protobuf";
    public const string Json = "json";

    /// <summary>The format named, or the one a file name implies (.csv, .md), or protobuf without a file.</summary>
    public static string? Resolve(string? format, string? fileName, bool hasContent)
    {
        if (!string.IsNullOrWhiteSpace(format))
        {
            var f = format.Trim().ToLowerInvariant();
            return f is SdmxCsv20 or OpenSdg or Protobuf ? f : f is "csv" ? SdmxCsv20 : f is "md" or "markdown" ? OpenSdg : null;
        }

        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return extension == ".csv" ? SdmxCsv20 : extension is ".md" or ".markdown" ? OpenSdg : hasContent ? null : Protobuf;
    }
}

/// <summary>A submission as asked for: a file's bytes (or reports given as messages) and the defaults that apply to them.</summary>
public sealed record MetadataSubmission(
    string? Format,
    byte[] Content,
    string? FileName,
    string? Lang,
    string? RefArea,
    string? Organisation,
    string? Metadataflow,
    IReadOnlyList<ParsedMetadataSet> Messages);

public sealed record MetadataSubmitted(Guid TransferId, IReadOnlyList<(MetadataReport Report, string Outcome)> Reports, IReadOnlyList<string> Warnings);

/// <summary>
/// Reference metadata: submissions (validated against the MSD and the registry, all or nothing, each a transfer),
/// reads with history and <c>asOf</c>, and the national/international comparison.
/// </summary>
public sealed partial class MetadataService(
    IMetadataStore store,
    IStructureStore structures,
    ITransferStore transfers,
    ProviderScopes scopes,
    DataflowSchemas schemas,
    TimeProvider clock)
{
    public async Task<MetadataSubmitted> SubmitAsync(MetadataSubmission submission, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(caller);
        var organisation = string.IsNullOrWhiteSpace(submission.Organisation) ? caller.Organisation ?? "" : submission.Organisation.Trim();
        var transferId = Guid.NewGuid();
        var started = clock.GetUtcNow();
        var format = MetadataFormats.Resolve(submission.Format, submission.FileName, submission.Content.Length > 0);
        var record = new TransferRecorder(transfers, clock, transferId, started, caller, null, "metadata-submit")
        {
            Sender = organisation,
            Format = format ?? submission.Format,
            Bytes = submission.Content.Length,
            PayloadSha256 = submission.Content.Length == 0 ? null : Convert.ToHexStringLower(SHA256.HashData(submission.Content)),
        };
        if (caller.Organisation is { } own && !string.Equals(organisation, own, StringComparison.Ordinal))
        {
            var why = $"{caller.Principal} acts for {own} and may not submit metadata as {organisation}";
            throw await record.DenyAsync(why, [new("organisation", why)]);
        }

        var reportingType = caller.Has(Security.Roles.Provider) ? "N" : caller.Has(Security.Roles.Agency) ? "G" : "R";
        var lang = string.IsNullOrWhiteSpace(submission.Lang) ? "en" : submission.Lang.Trim();
        var (sets, warnings) = await ParseAsync(submission, format, lang, record, transferId);
        var violations = new List<MetadataViolation>();
        var targets = new MetadataTargets(structures);
        var candidates = new List<(MetadataReport Report, string Action)>();
        var denied = new List<DataViolation>();
        foreach (var set in sets)
        {
            if (await ResolveAsync(set, submission, organisation, reportingType, targets, violations, denied, cancellationToken) is { } report)
            {
                candidates.Add((report, set.Action));
                record.Touch(report.TargetCode, report.RefArea);
                record.Dataflow ??= report.Metadataflow.ToString();
            }
        }

        foreach (var duplicate in candidates.GroupBy(c => c.Report.SetId).Where(g => g.Count() > 1))
        {
            violations.Add(new("METADATASET_ID", $"the set {organisation}:{duplicate.Key} appears {duplicate.Count()} times; submit each set once"));
        }

        violations = violations.Distinct().ToList();
        if (denied.Count > 0)
        {
            throw await record.DenyAsync(denied[0].Description, denied);
        }

        if (violations.Count > 0 || candidates.Count == 0)
        {
            if (candidates.Count == 0 && violations.Count == 0)
            {
                violations.Add(new("content", "the submission holds no metadata report"));
            }

            await record.FinishAsync("rejected", string.Join("; ", violations.Take(50).Select(v => $"{v.Field}: {v.Message}")));
            throw new ExchangeRejectedException(transferId, $"the metadata submission is invalid: {violations.Count} problem(s), nothing was stored", violations.Select(v => new DataViolation(v.Field, v.Message)).ToList());
        }

        // A set whose content is what its current version already holds gets no new version.
        var (outcomes, changed) = await VersionsAsync(organisation, candidates, cancellationToken);
        record.ArtefactCount = changed.Count;
        await transfers.BeginAsync(new TransferStart(transferId, "metadata-submit", caller.Channel, record.Format, organisation, caller.Principal, record.Dataflow, null, started), cancellationToken);
        IReadOnlyList<MetadataReport> stored;
        try
        {
            stored = changed.Count == 0 ? [] : await store.SubmitAsync(changed, transferId, clock.GetUtcNow(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await record.FinishAsync("failed", ex.Message);
            throw;
        }

        await record.FinishAsync("completed", null, default, warnings);
        var result = outcomes.Select(o => o.Item2 == "unchanged" ? o : (stored.First(s => s.SetId == o.Item1.SetId), o.Item2)).ToList();
        return new MetadataSubmitted(transferId, result, warnings);
    }

    /// <summary>Each valid set against its current version: unchanged, or the new version to store (created or updated).</summary>
    private async Task<(List<(MetadataReport, string)> Outcomes, List<MetadataReport> Changed)> VersionsAsync(
        string organisation, List<(MetadataReport Report, string Action)> candidates, CancellationToken cancellationToken)
    {
        var outcomes = new List<(MetadataReport, string)>();
        var changed = new List<MetadataReport>();
        foreach (var (candidate, action) in candidates)
        {
            var current = (await store.ListAsync(new MetadataQuery(Organisation: organisation, SetId: candidate.SetId), cancellationToken)).SingleOrDefault();
            var report = action == "A" && current is not null ? Append(current, candidate) : candidate;
            if (current is not null && current.SameContentAs(report))
            {
                outcomes.Add((current, "unchanged"));
            }
            else
            {
                changed.Add(report);
                outcomes.Add((report, current is null ? "created" : "updated"));
            }
        }


        return (outcomes, changed);
    }

    /// <summary>SDMX action A (append): the current version's values, with those the submission gives replaced or added.</summary>
    private static MetadataReport Append(MetadataReport current, MetadataReport update)
    {
        var given = update.Values.Select(v => (v.Concept, v.Lang)).ToHashSet();
        return new MetadataReport
        {
            Metadataflow = update.Metadataflow,
            SetId = update.SetId,
            Organisation = update.Organisation,
            ReportingType = update.ReportingType,
            TargetKind = update.TargetKind,
            TargetCode = update.TargetCode,
            RefArea = update.RefArea,
            Name = update.Name ?? current.Name,
            Values = current.Values.Where(v => !given.Contains((v.Concept, v.Lang))).Concat(update.Values).ToList(),
        };
    }

    private static async Task<(IReadOnlyList<ParsedMetadataSet> Sets, IReadOnlyList<string> Warnings)> ParseAsync(MetadataSubmission submission, string? format, string lang, TransferRecorder record, Guid transferId)
    {
        try
        {
            switch (format)
            {
                case MetadataFormats.SdmxCsv20:
                    return (MetadataCsvReader.Read(new MemoryStream(submission.Content), lang), []);
                case MetadataFormats.OpenSdg:
                    var page = OpenSdgMetadataReader.Read(new MemoryStream(submission.Content), submission.FileName, lang);
                    return ([page], page.Ignored.Count == 0 ? [] : [$"Open SDG fields with no metadata concept were not kept: {string.Join(", ", page.Ignored)}"]);
                case MetadataFormats.Protobuf:
                    return (submission.Messages, []);
                default:
                    var why = $"format '{submission.Format}' is not supported: use {MetadataFormats.SdmxCsv20} (a .csv file), {MetadataFormats.OpenSdg} (a .md page) or reports as messages";
                    await record.FinishAsync("rejected", why);
                    throw new ExchangeRejectedException(transferId, why, [new("format", why)]);
            }
        }
        catch (MetadataFileException ex)
        {
            await record.FinishAsync("rejected", ex.Message);
            throw new ExchangeRejectedException(transferId, $"the metadata file cannot be read: {ex.Errors.Count} problem(s), nothing was stored", ex.Errors.Select(e => new DataViolation(e.Path, e.Message)).ToList());
        }
    }

    private async Task<MetadataReport?> ResolveAsync(
        ParsedMetadataSet set,
        MetadataSubmission submission,
        string organisation,
        string reportingType,
        MetadataTargets targets,
        List<MetadataViolation> violations,
        List<DataViolation> denied,
        CancellationToken cancellationToken)
    {
        var before = violations.Count;
        var (flowRef, msd) = await StructureOfAsync(set, submission, violations, cancellationToken);

        // The set: the caller's own.
        if (set.SetAgency is { } agency && !string.Equals(agency, organisation, StringComparison.Ordinal))
        {
            denied.Add(new(Field(set, "METADATASET_ID"), $"the set {agency}:{set.SetId} belongs to {agency}; {organisation} submits only its own metadatasets"));
        }

        if (set.Action == "D")
        {
            violations.Add(new(Field(set, "ACTION"), "metadata is never deleted (its history is kept): submit a new version instead"));
        }

        var target = await TargetOfAsync(set, targets, violations, cancellationToken);
        var area = await AreaOfAsync(set, submission, organisation, reportingType, target, targets, violations, denied, cancellationToken);

        // The values, against the MSD.
        IReadOnlyList<MetadataValue> values = [];
        if (msd is not null)
        {
            foreach (var codelist in msd.AllAttributes().Select(a => a.Attribute.LocalRepresentation?.Enumeration).OfType<ArtefactRef>().Distinct())
            {
                await targets.PreloadAsync(codelist, cancellationToken);
            }

            values = MetadataValueValidator.Validate(msd, set.Values, c => Field(set, set.ColumnOf.GetValueOrDefault(c) ?? c), targets.CodeExists, violations);
            if (set.Values.Count == 0)
            {
                violations.Add(new(Field(set, "values"), "the report carries no metadata value"));
            }
        }

        var setId = set.SetId ?? DefaultSetId(target, area);
        if (!Identifiers.IsValidId(setId))
        {
            violations.Add(new(Field(set, "METADATASET_ID"), $"'{setId}' is not a valid SDMX id"));
        }

        if (violations.Count > before || target is null || flowRef is null)
        {
            return null;
        }

        return new MetadataReport
        {
            Metadataflow = flowRef,
            SetId = setId,
            Organisation = organisation,
            ReportingType = reportingType,
            TargetKind = target.Kind,
            TargetCode = target.Code,
            RefArea = area,
            Name = set.Name,
            Values = values,
        };
    }

    /// <summary>Where a problem of <paramref name="set"/> is: its CSV row and column, or its field in the message.</summary>
    private static string Field(ParsedMetadataSet set, string column) =>
        set.Row > 0 ? $"row[{set.Row}].{column}" : set.MessagePrefix is { } prefix && !column.StartsWith(prefix, StringComparison.Ordinal) ? $"{prefix}.{column}" : column;

    /// <summary>The metadataflow the set is reported for and its metadata structure.</summary>
    private async Task<(ArtefactRef? Flow, MetadataStructureDefinition? Msd)> StructureOfAsync(
        ParsedMetadataSet set, MetadataSubmission submission, List<MetadataViolation> violations, CancellationToken cancellationToken)
    {
        var flowText = set.Metadataflow ?? (string.IsNullOrWhiteSpace(submission.Metadataflow) ? SeedArtefacts.SdgMetadataflow.ToString() : submission.Metadataflow);
        var field = Field(set, set.Row > 0 ? "MDSTRUCTURE_ID" : "metadataflow");
        if (!ArtefactRef.TryParse(flowText, ArtefactType.Metadataflow, out var flowRef, out var flowError))
        {
            violations.Add(new(field, flowError ?? $"'{flowText}' is not AGENCY:ID(VERSION)"));
            return (null, null);
        }

        if (await structures.GetAsync(flowRef, cancellationToken) is not { Artefact: Metadataflow { Structure: { } msdRef } })
        {
            violations.Add(new(field, $"metadataflow {flowRef} is not in the registry"));
            return (flowRef, null);
        }

        if (await structures.GetAsync(msdRef, cancellationToken) is { Artefact: MetadataStructureDefinition found })
        {
            return (flowRef, found);
        }

        violations.Add(new(Field(set, "MDSTRUCTURE_ID"), $"the metadata structure {msdRef} of {flowRef} is not in the registry"));
        return (flowRef, null);
    }

    /// <summary>What the set is about: its targets, or the indicator or series it names.</summary>
    private static async Task<ResolvedTarget?> TargetOfAsync(ParsedMetadataSet set, MetadataTargets targets, List<MetadataViolation> violations, CancellationToken cancellationToken)
    {
        if (set.Targets.Count > 0)
        {
            return await targets.ResolveAsync(set.Targets, Field(set, "TARGET_IDS"), violations, cancellationToken);
        }

        if (set.Indicator is { } indicator)
        {
            return await targets.IndicatorAsync(indicator, Field(set, set.MessagePrefix is null ? "indicator_number" : "target_code"), violations, cancellationToken) is { } notation
                ? new ResolvedTarget(MetadataTargetKinds.Indicator, notation, null)
                : null;
        }

        if (set.Series is { } series)
        {
            return await targets.SeriesAsync(series, Field(set, "target_code"), violations, cancellationToken) is { } code ? new ResolvedTarget(MetadataTargetKinds.Series, code, null) : null;
        }

        violations.Add(new(Field(set, "target"), "the report names no indicator or series"));
        return null;
    }

    /// <summary>The area the set describes; national metadata must name one its provider may report.</summary>
    private async Task<string?> AreaOfAsync(
        ParsedMetadataSet set,
        MetadataSubmission submission,
        string organisation,
        string reportingType,
        ResolvedTarget? target,
        MetadataTargets targets,
        List<MetadataViolation> violations,
        List<DataViolation> denied,
        CancellationToken cancellationToken)
    {
        var field = Field(set, set.Row > 0 ? "TARGET_IDS" : "ref_area");
        var areaGiven = target?.RefArea ?? NullIfEmpty(set.RefArea) ?? NullIfEmpty(submission.RefArea);
        var area = areaGiven is not null && target?.RefArea is null
            ? await targets.AreaAsync(areaGiven, field, violations, cancellationToken)
            : target?.RefArea;

        if (reportingType == "N" && area is null && areaGiven is null)
        {
            violations.Add(new(field, "national metadata must name the area it describes (an area code as a target, or ref_area)"));
        }

        if (reportingType == "N" && area is not null && await scopes.AllowsAreaAsync(organisation, area, schemas, cancellationToken) is not true)
        {
            denied.Add(new(field, $"{organisation} has no provision agreement that lets it report area {area}, so it may not describe it"));
        }

        return area;
    }

    /// <summary><c>SDG_3_2_1</c>, <c>SDG_3_2_1_484</c>, <c>SH_DYN_MORT_484</c>: one set per target and area.</summary>
    private static string DefaultSetId(ResolvedTarget? target, string? area)
    {
        var code = target is null ? "REPORT" : target.Kind == MetadataTargetKinds.Indicator ? "SDG_" + target.Code.Replace('.', '_') : target.Code;
        return area is null ? code : $"{code}_{area}";
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
