using System.Globalization;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Reports;
using MdgExchange.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>
/// A series page: the series beside its national or international counterpart as a chart and a table (NATURE marked,
/// any vintage selectable), its annotations, and a question or an answer on it. Reading it is a pull with the
/// person's embargo rules (recorded); asking or answering is an annotation (recorded), exactly as over gRPC.
/// </summary>
public sealed class SeriesModel(SeriesComparison comparison, AnnotationService annotations) : PageModel
{
    public SeriesComparisonResult? Result { get; private set; }

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public DateTimeOffset? AsOf { get; private set; }

    public string? Refusal { get; private set; }

    public string Flow { get; private set; } = "";

    public string Key { get; private set; } = "";

    /// <summary>One row per period: the national and international values as of the vintage, and their difference.</summary>
    public IReadOnlyList<(string Period, StoredObservation? National, StoredObservation? International)> Rows { get; private set; } = [];

    public string Chart { get; private set; } = "";

    /// <summary>The series asked for, when the person may see it (questions are asked on it).</summary>
    public ComparedSeries? Own => Result?.Series.FirstOrDefault(s => s.SeriesKey == Key);

    public async Task<IActionResult> OnGetAsync(string? flow, string? key, string? asof)
    {
        (Flow, Key) = (flow ?? "", key ?? "");
        if (!string.IsNullOrEmpty(asof))
        {
            if (!DateTimeOffset.TryParse(asof, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return Refuse(StatusCodes.Status400BadRequest, PortalText.T("badvintage", asof));
            }

            AsOf = at;
        }

        if (Flow.Length == 0 || Key.Length == 0)
        {
            return Refuse(StatusCodes.Status400BadRequest, PortalText.T("noseries"));
        }

        try
        {
            Result = await comparison.CompareAsync(new SeriesComparisonRequest(Flow, Key, AsOf), PortalSession.ExchangeCaller(User), HttpContext.RequestAborted);
        }
        catch (ExchangeNotFoundException)
        {
            // Whether it does not exist or is under an embargo the person may not see, the answer is the same.
            return Refuse(StatusCodes.Status404NotFound, PortalText.T("noseriesfound", Key, Flow));
        }
        catch (Exception ex) when (ex is ExchangeRejectedException or ExchangeDeniedException)
        {
            return Refuse(ex is ExchangeDeniedException ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest, ex.Message);
        }

        Names = await comparison.CodeNamesAsync(Result.Schema, Result.Schema.KeyValues(Key), PortalText.Language, HttpContext.RequestAborted);
        Rows = PeriodRows(Result);
        Chart = DrawChart();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? flow, string? key, string? text, string? lang, string? period, string? replyTo)
    {
        (Flow, Key) = (flow ?? "", key ?? "");
        if (string.IsNullOrWhiteSpace(text))
        {
            return Refuse(StatusCodes.Status400BadRequest, PortalText.T("notext"));
        }

        var type = string.IsNullOrEmpty(replyTo) ? AnnotationKinds.ConsultationQuestion : AnnotationKinds.ConsultationAnswer;
        var language = lang is "es" or "en" ? lang : PortalText.Language;
        try
        {
            var annotation = await annotations.AnnotateAsync(
                new AnnotationRequest(Flow, Key, string.IsNullOrEmpty(period) ? null : period, type, "", new Dictionary<string, string> { [language] = text.Trim() }, null, string.IsNullOrEmpty(replyTo) ? null : replyTo),
                PortalSession.ExchangeCaller(User),
                HttpContext.RequestAborted);
            return Redirect(PortalLinks.Series(Flow, Key) + "#a-" + annotation.AnnotationId.ToString("N"));
        }
        catch (ExchangeNotFoundException)
        {
            return Refuse(StatusCodes.Status404NotFound, PortalText.T("noseriesfound", Key, Flow));
        }
        catch (Exception ex) when (ex is ExchangeRejectedException or ExchangeDeniedException)
        {
            var problems = ex is ExchangeRejectedException rejected ? rejected.Violations : ((ExchangeDeniedException)ex).Violations;
            return Refuse(ex is ExchangeDeniedException ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest, $"{ex.Message}: {string.Join("; ", problems.Select(v => $"{v.Field}: {v.Description}"))}");
        }
    }

    /// <summary>The difference national − international, when both are numbers.</summary>
    public static double? Difference(StoredObservation? national, StoredObservation? international) =>
        national?.Value is { } n && international?.Value is { } i && !double.IsNaN(n) && !double.IsNaN(i) ? n - i : null;

    public static string? Nature(StoredObservation? observation) => observation?.Attributes.GetValueOrDefault("NATURE");

    private PageResult Refuse(int status, string message)
    {
        Refusal = message;
        Response.StatusCode = status;
        return Page();
    }

    private static List<(string, StoredObservation?, StoredObservation?)> PeriodRows(SeriesComparisonResult result)
    {
        var national = result.National?.Observations.ToDictionary(o => o.TimePeriod, StringComparer.Ordinal) ?? [];
        var international = result.International?.Observations.ToDictionary(o => o.TimePeriod, StringComparer.Ordinal) ?? [];
        var single = result.National is null && result.International is null ? result.Series[0].Observations.ToDictionary(o => o.TimePeriod, StringComparer.Ordinal) : null;
        if (single is not null)
        {
            national = single;
        }

        return national.Keys.Union(international.Keys).Order(StringComparer.Ordinal)
            .Select(p => (p, national.GetValueOrDefault(p), international.GetValueOrDefault(p))).ToList();
    }

    private string DrawChart()
    {
        var points = Rows
            .Where(r => r.Period.Length >= 4 && int.TryParse(r.Period.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .GroupBy(r => int.Parse(r.Period.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture))
            .Select(g => new SeriesChartPoint(
                g.Key,
                g.Select(r => r.National?.Value).FirstOrDefault(v => v is not null && !double.IsNaN(v.Value)),
                g.Select(r => r.International?.Value).FirstOrDefault(v => v is not null && !double.IsNaN(v.Value)),
                g.Select(r => Nature(r.National)).FirstOrDefault(n => n is not null),
                g.Select(r => Nature(r.International)).FirstOrDefault(n => n is not null)))
            .ToList();
        var title = PortalText.T("charttitle", Names.GetValueOrDefault("SERIES", ""), Names.GetValueOrDefault("REF_AREA", ""));
        return SvgSeriesChart.Draw("series-chart", title, points, PortalText.T("national"), PortalText.T("international"), PortalText.T("year"), PortalText.T("value"), PortalText.T("estimated"));
    }
}
