using System.Globalization;
using MdgExchange.Application.Catalog;
using MdgExchange.Application.Exchange;
using MdgExchange.Domain.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>
/// The technical sheet (ficha técnica) of one statistical operation: every field of the catalogue template, created or
/// revised through the same import as <c>ImportOperations</c> (validated against the vocabularies and the registry,
/// only the countries the person may write, all or nothing, recorded as a transfer). Each problem is shown next to
/// the field it names: the drafts carry the form's field names as their paths.
/// </summary>
public sealed class CatalogEditModel(CatalogWriter writes, CatalogReader reads, CatalogRegistry registry) : PageModel
{
    /// <summary>The operation's fields, by the template's column names (the id is <c>id</c>).</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "id", "name_en", "name_es", "country", "producer", "type", "periodicity", "reference_years", "next_round",
        "universe", "coverage", "sample_size", "level", "methodology_url", "area_codelist", "areas",
    ];

    private const int BlankRows = 2;

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>How many indicator rows the form has.</summary>
    public int Rows { get; private set; } = BlankRows + 1;

    /// <summary>The operation revised, when the form opened one.</summary>
    public StatisticalOperation? Existing { get; private set; }

    public IReadOnlyList<(string Code, string Name)> Countries { get; private set; } = [];

    public CatalogImportResult? Result { get; private set; }

    public Guid? RefusalTransfer { get; private set; }

    public PortalFormErrors Errors { get; } = new();

    public bool MayDelete => Existing is not null && AccessPolicy.Allows(Caller.From(User), Operations.CatalogDelete);

    public string Value(string field) => Values.GetValueOrDefault(field) ?? "";

    public static string IndicatorField(int row, string part) => $"indicators[{row}].{part}";

    public bool HasDisaggregation(int row, string code) =>
        Value(IndicatorField(row, "disaggregations")).Split(CatalogCsv.ListSeparator, StringSplitOptions.TrimEntries).Contains(code, StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(string? id)
    {
        await LoadCountriesAsync();
        if (string.IsNullOrWhiteSpace(id))
        {
            return Page();
        }

        Existing = await reads.GetAsync(id.Trim(), HttpContext.RequestAborted);
        if (Existing is null)
        {
            Errors.General.Add(PortalText.T("fm:noop", id));
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Fill(Existing);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int rows)
    {
        await LoadCountriesAsync();
        Rows = Math.Clamp(rows, 1, 200);
        foreach (var field in Fields.Concat(Enumerable.Range(0, Rows).SelectMany(r => new[] { IndicatorField(r, "indicator"), IndicatorField(r, "series") })))
        {
            Values[field] = Request.Form[field].ToString();
        }

        for (var r = 0; r < Rows; r++)
        {
            Values[IndicatorField(r, "disaggregations")] = string.Join(CatalogCsv.ListSeparator, Request.Form[IndicatorField(r, "disaggregations")].Where(v => !string.IsNullOrWhiteSpace(v)));
        }

        Existing = Value("id").Trim() is { Length: > 0 } id ? await reads.GetAsync(id, HttpContext.RequestAborted) : null;
        try
        {
            Result = await writes.ImportAsync(new CatalogSubmission([Draft()], [], "portal-form", Request.ContentLength ?? 0, ""), PortalSession.ExchangeCaller(User), HttpContext.RequestAborted);
            Existing = await reads.GetAsync(Value("id").Trim(), HttpContext.RequestAborted);
            if (Existing is not null)
            {
                Values.Clear();
                Fill(Existing);
            }
        }
        catch (ExchangeRejectedException ex)
        {
            Refuse(ex.TransferId, ex.Violations, StatusCodes.Status400BadRequest);
        }
        catch (ExchangeDeniedException ex)
        {
            Refuse(ex.TransferId, ex.Violations, StatusCodes.Status403Forbidden);
        }

        return Page();
    }

    /// <summary>The form as a draft whose every value's path is its field's name, so the validator's problems name the fields.</summary>
    private OperationDraft Draft()
    {
        DraftValue V(string field) => new(Value(field), field);
        var draft = new OperationDraft
        {
            Id = V("id"), NameEn = V("name_en"), NameEs = V("name_es"), Country = V("country"), Producer = V("producer"), Type = V("type"),
            Periodicity = V("periodicity"), ReferenceYears = V("reference_years"), NextRound = V("next_round"), Universe = V("universe"),
            Coverage = V("coverage"), SampleSize = V("sample_size"), Level = V("level"), MethodologyUrl = V("methodology_url"),
            AreaCodelist = V("area_codelist"), Areas = V("areas"),
        };
        for (var r = 0; r < Rows; r++)
        {
            var row = new IndicatorDraft(V(IndicatorField(r, "indicator")), V(IndicatorField(r, "series")), V(IndicatorField(r, "disaggregations")));
            if (!row.Indicator.IsEmpty || !row.Series.IsEmpty)
            {
                draft.Indicators.Add(row);
            }
        }

        return draft;
    }

    private void Refuse(Guid transferId, IReadOnlyList<Domain.Data.DataViolation> violations, int status)
    {
        RefusalTransfer = transferId;
        var controls = Values.Keys.ToList();
        foreach (var v in violations)
        {
            Errors.Add(v.Field, v.Description, controls);
        }

        Response.StatusCode = status;
    }

    private void Fill(StatisticalOperation o)
    {
        string Years(IEnumerable<int> years) => string.Join(CatalogCsv.ListSeparator, years.Select(y => y.ToString(CultureInfo.InvariantCulture)));
        Values["id"] = o.Id;
        Values["name_en"] = o.NameEn;
        Values["name_es"] = o.NameEs;
        Values["country"] = o.Country;
        Values["producer"] = o.Producer;
        Values["type"] = o.Type;
        Values["periodicity"] = o.Periodicity;
        Values["reference_years"] = Years(o.ReferenceYears);
        Values["next_round"] = o.NextRound is { } next ? Years([next]) : "";
        Values["universe"] = o.Universe ?? "";
        Values["coverage"] = o.Coverage ?? "";
        Values["sample_size"] = o.SampleSize?.ToString(CultureInfo.InvariantCulture) ?? "";
        Values["level"] = o.Level.Code();
        Values["methodology_url"] = o.MethodologyUrl ?? "";
        Values["area_codelist"] = o.AreaCodelist ?? "";
        Values["areas"] = string.Join(CatalogCsv.ListSeparator, o.Areas);
        for (var r = 0; r < o.Indicators.Count; r++)
        {
            Values[IndicatorField(r, "indicator")] = o.Indicators[r].Indicator;
            Values[IndicatorField(r, "series")] = o.Indicators[r].Series ?? "";
            Values[IndicatorField(r, "disaggregations")] = string.Join(CatalogCsv.ListSeparator, o.Indicators[r].Disaggregations);
        }

        Rows = o.Indicators.Count + BlankRows;
    }

    /// <summary>The countries the form offers: those the person may write (every area of CL_AREA for the coordinator and the admin).</summary>
    private async Task LoadCountriesAsync()
    {
        var all = await registry.CountriesAsync(HttpContext.RequestAborted);
        var writable = await writes.WritableCountriesAsync(PortalSession.ExchangeCaller(User), HttpContext.RequestAborted);
        Countries = all.Where(c => writable is null || writable.Contains(c.Key))
            .Select(c => (c.Key, $"{c.Value.In(PortalText.Language)} ({c.Key})"))
            .OrderBy(c => c.Item2, StringComparer.Ordinal)
            .ToList();
    }
}
