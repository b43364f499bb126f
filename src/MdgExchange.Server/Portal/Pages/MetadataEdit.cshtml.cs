using MdgExchange.Application.Exchange;
using MdgExchange.Application.Metadata;
using MdgExchange.Application.Seed;
using MdgExchange.Domain.Metadata;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>
/// A national office (or an agency) writes its indicator metadata: one text per main concept of the SDG metadata
/// structure, in English or Spanish, for an indicator or a series (and, for a national office, one of its areas). The
/// report goes through the same submission as <c>SubmitMetadata</c> over gRPC — validated against the MSD and the
/// registry, a new version only when something changed, recorded as a transfer either way.
/// </summary>
public sealed class MetadataEditModel(MetadataService metadata, ProviderScopes scopes) : PageModel
{
    /// <summary>The concepts the form asks for, in this order: the SDG template's main sections.</summary>
    public static readonly IReadOnlyList<string> FormConcepts =
    [
        "STAT_CONC_DEF", "UNIT_MEASURE", "DATA_COMP", "SOURCE_TYPE", "COLL_METHOD", "DATA_SOURCE", "COVERAGE",
        "ADJUSTMENT", "IMPUTATION", "COMPARABILITY", "REG_AGG", "OTHER_DOC", "REC_USE_LIM",
    ];

    public string Kind { get; private set; } = MetadataTargetKinds.Indicator;

    public string Target { get; private set; } = "";

    public string Area { get; private set; } = "";

    public string Lang { get; private set; } = "en";

    /// <summary>The areas the organisation may describe (its provision agreements'); empty for an agency (global metadata).</summary>
    public IReadOnlyList<string> Areas { get; private set; } = [];

    /// <summary>The text of each concept in the form.</summary>
    public Dictionary<string, string> Texts { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, IReadOnlyList<LocalisedString>> ConceptNames { get; private set; } = new Dictionary<string, IReadOnlyList<LocalisedString>>();

    /// <summary>The version being revised, when there is one.</summary>
    public MetadataReport? Current { get; private set; }

    public MetadataSubmitted? Result { get; private set; }

    public Guid? RefusalTransfer { get; private set; }

    public PortalFormErrors Errors { get; } = new();

    public bool IsNational => Caller.From(User).Has(Roles.Provider);

    public static string ControlOf(string concept) => "c_" + concept;

    public string ConceptName(string concept) =>
        ConceptNames.GetValueOrDefault(concept) is { } names ? names.FirstOrDefault(n => n.Lang == PortalText.Language)?.Text ?? names.FirstOrDefault()?.Text ?? concept : concept;

    public async Task OnGetAsync(string? kind, string? target, string? area, string? lang)
    {
        Read(kind, target, area, lang);
        await LoadAsync();
        foreach (var value in Current?.Values.Where(v => v.Lang == Lang && FormConcepts.Contains(v.Concept)) ?? [])
        {
            Texts[value.Concept] = value.Text;
        }
    }

    public async Task<IActionResult> OnPostAsync(string? kind, string? target, string? area, string? lang)
    {
        Read(kind, target, area, lang);
        foreach (var concept in FormConcepts)
        {
            Texts[concept] = Request.Form[ControlOf(concept)].ToString();
        }

        await LoadAsync();
        if (Target.Length == 0)
        {
            Errors.Add("target", PortalText.T("fm:notarget"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            Result = await metadata.SubmitAsync(
                new MetadataSubmission(MetadataFormats.Protobuf, [], null, Lang, Area.Length == 0 ? null : Area, null, null, [Report()]),
                PortalSession.ExchangeCaller(User),
                HttpContext.RequestAborted);
            await LoadAsync();
        }
        catch (ExchangeRejectedException ex)
        {
            Refuse(ex.TransferId, ex.Message, ex.Violations, StatusCodes.Status400BadRequest);
        }
        catch (ExchangeDeniedException ex)
        {
            Refuse(ex.TransferId, ex.Message, ex.Violations, StatusCodes.Status403Forbidden);
        }

        return Page();
    }

    /// <summary>
    /// The report as a message: the form's texts in its language, with what the current version holds besides them
    /// (other languages, concepts the form does not show) kept as it is.
    /// </summary>
    private ParsedMetadataSet Report()
    {
        var kept = Current?.Values.Where(v => v.Lang != Lang || !FormConcepts.Contains(v.Concept)).Select(v => (v.Concept, v.Lang, v.Text)) ?? [];
        var given = FormConcepts.Where(c => !string.IsNullOrWhiteSpace(Texts[c])).Select(c => (c, Lang, Texts[c].Trim()));
        return new ParsedMetadataSet
        {
            Indicator = Kind == MetadataTargetKinds.Indicator ? Target : null,
            Series = Kind == MetadataTargetKinds.Series ? Target : null,
            RefArea = Area.Length == 0 ? null : Area,
            SetId = Current?.SetId,
            Values = kept.Concat(given).ToList(),
            ColumnOf = FormConcepts.ToDictionary(c => c, ControlOf, StringComparer.Ordinal),
        };
    }

    private void Refuse(Guid transferId, string message, IReadOnlyList<Domain.Data.DataViolation> violations, int status)
    {
        RefusalTransfer = transferId;
        Errors.General.Add(message);
        var controls = FormConcepts.Select(ControlOf).Append("target").Append("area").ToList();
        foreach (var v in violations)
        {
            // The submission names the target and the area after the fields of its message.
            var field = v.Field switch { "indicator_number" or "target_code" or "target" => "target", "ref_area" => "area", _ => v.Field };
            Errors.Add(field, v.Description, controls);
        }

        Response.StatusCode = status;
    }

    private void Read(string? kind, string? target, string? area, string? lang)
    {
        Kind = kind == MetadataTargetKinds.Series ? MetadataTargetKinds.Series : MetadataTargetKinds.Indicator;
        Target = (target ?? "").Trim();
        if (Kind == MetadataTargetKinds.Indicator)
        {
            Target = Target.Replace('-', '.');
        }

        Area = (area ?? "").Trim();
        Lang = lang is "es" or "en" ? lang : PortalText.Language;
    }

    private async Task LoadAsync()
    {
        var caller = Caller.From(User);
        Areas = caller.Has(Roles.Provider) && caller.Organisation is { } own ? (await scopes.AreasOfAsync(own, HttpContext.RequestAborted)).Order(StringComparer.Ordinal).ToList() : [];
        if (Area.Length == 0 && Areas.Count > 0)
        {
            Area = Areas[0];
        }

        ConceptNames = (await metadata.ConceptsAsync(SeedArtefacts.SdgMetadataflow, HttpContext.RequestAborted)).Names;
        if (Target.Length > 0 && caller.Organisation is { } organisation)
        {
            var reports = await metadata.ListAsync(new MetadataQuery(TargetCode: Target, Organisation: organisation), HttpContext.RequestAborted);
            Current = reports.FirstOrDefault(r => r.TargetKind == Kind && (r.RefArea ?? "") == Area);
        }
    }
}
