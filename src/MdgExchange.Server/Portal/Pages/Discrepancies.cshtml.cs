using MdgExchange.Application.Discrepancies;
using MdgExchange.Application.Exchange;
using MdgExchange.Domain.Discrepancies;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>
/// The discrepancy pairs, filtered by series, country, state and code; agencies and the coordinator run the analysis
/// here (the same use case as <c>mdgx discrepancies run</c>, recorded as a transfer).
/// </summary>
public sealed class DiscrepanciesModel(DiscrepancyQueries queries, StructureQueries structures) : PageModel
{
    public IReadOnlyList<DiscrepancyPair> Pairs { get; private set; } = [];

    public IReadOnlyList<string> Dataflows { get; private set; } = [];

    public string? Series { get; private set; }

    public string? Area { get; private set; }

    public string? State { get; private set; }

    public string? Code { get; private set; }

    public string? Refusal { get; private set; }

    public AnalysisSummary? Analysis { get; private set; }

    public bool MayRun => AccessPolicy.Allows(Caller.From(User), Operations.DiscrepancyAnalysis);

    public async Task OnGetAsync(string? series, string? area, string? state, string? code)
    {
        (Series, Area, State, Code) = (Blank(series), Blank(area), Blank(state), Blank(code));
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync(string? dataflow)
    {
        try
        {
            Analysis = await queries.RunAsync(new AnalysisRequest(dataflow ?? ""), PortalSession.ExchangeCaller(User), HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is ExchangeRejectedException or ExchangeNotFoundException or ExchangeDeniedException)
        {
            Refusal = ex.Message;
            Response.StatusCode = ex is ExchangeDeniedException ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Dataflows = (await structures.ListAsync(ArtefactType.Dataflow, null, HttpContext.RequestAborted)).Select(f => f.Ref.ToString()).Order(StringComparer.Ordinal).ToList();
        Pairs = await queries.ListAsync(
            new DiscrepancyFilter(Series: Series is null ? null : [Series], Areas: Area is null ? null : [Area], State: State, Code: Code, Limit: 500),
            HttpContext.RequestAborted);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
