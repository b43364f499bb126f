using MdgExchange.Application.Discrepancies;
using MdgExchange.Application.Exchange;
using MdgExchange.Domain.Discrepancies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>
/// One discrepancy pair: both values, the codes with their evidence, the history with the consultation around it; its
/// parties and the coordinator move it through the reconciliation, change its codes and ask or answer a question, each
/// through the same use case (and rules, and transfer record) as over gRPC.
/// </summary>
public sealed class DiscrepancyPairModel(DiscrepancyQueries queries, DiscrepancyWorkflow workflow, PairConsultations consultations, AnnotationService annotations) : PageModel
{
    public PairDetails? Details { get; private set; }

    public IReadOnlyList<PairSeries> SeriesOfPair { get; private set; } = [];

    /// <summary>The states the person may move the pair to now.</summary>
    public IReadOnlyList<string> Moves { get; private set; } = [];

    public bool IsParty { get; private set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostMoveAsync(Guid id, string? toState, string? comment) =>
        await ActAsync(id, () => workflow.MoveAsync(id, toState ?? "", comment ?? "", PortalSession.ExchangeCaller(User), HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostCodeAsync(Guid id, string? code, string? change, string? reason) =>
        await ActAsync(id, () => workflow.ChangeCodeAsync(id, code ?? "", change ?? "", reason ?? "", PortalSession.ExchangeCaller(User), HttpContext.RequestAborted));

    /// <summary>A question or an answer on the pair: an annotation on the pair's period of its national series (else its international one).</summary>
    public async Task<IActionResult> OnPostAskAsync(Guid id, string? text, string? lang, bool answer) => await ActAsync(id, async () =>
    {
        var details = await queries.GetAsync(id, HttpContext.RequestAborted);
        var sides = await consultations.SeriesOfAsync(details.Pair, HttpContext.RequestAborted);
        var target = sides.FirstOrDefault(s => s.ReportingType == "N") ?? sides.FirstOrDefault()
            ?? throw new ExchangeNotFoundException(Guid.Empty, "Series", details.Pair.Series, "the pair's series are no longer stored");
        var language = lang is "es" or "en" ? lang : PortalText.Language;
        await annotations.AnnotateAsync(
            new AnnotationRequest(target.Dataflow, target.SeriesKey, details.Pair.Period, answer ? AnnotationKinds.ConsultationAnswer : AnnotationKinds.ConsultationQuestion, "", new Dictionary<string, string> { [language] = (text ?? "").Trim() }, null, null),
            PortalSession.ExchangeCaller(User),
            HttpContext.RequestAborted);
    });

    private async Task<IActionResult> ActAsync(Guid id, Func<Task> act)
    {
        try
        {
            await act();
            return Redirect($"/discrepancies/pair?id={id}#history");
        }
        catch (ExchangeNotFoundException ex) when (ex.ResourceType == "DiscrepancyPair")
        {
            return NotFoundPage();
        }
        catch (Exception ex) when (ex is ExchangeRejectedException or ExchangeDeniedException or ExchangeNotFoundException)
        {
            Refusal = ex is ExchangeRejectedException rejected && rejected.Violations.Count > 0
                ? string.Join("; ", rejected.Violations.Select(v => $"{v.Field}: {v.Description}"))
                : ex.Message;
            Response.StatusCode = ex is ExchangeDeniedException ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
            return await LoadAsync(id) ? Page() : NotFoundPage();
        }
    }

    private PageResult NotFoundPage()
    {
        Refusal ??= PortalText.T("nopair");
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        try
        {
            Details = await queries.GetAsync(id, HttpContext.RequestAborted);
        }
        catch (ExchangeNotFoundException)
        {
            return false;
        }

        SeriesOfPair = await consultations.SeriesOfAsync(Details.Pair, HttpContext.RequestAborted);
        var side = DiscrepancyWorkflow.SideOf(Details.Pair, PortalSession.ExchangeCaller(User));
        IsParty = side != PartySide.None;
        Moves = ReconciliationStates.All.Where(s => ReconciliationStates.Refusal(Details.Pair.State, s, side) is null).ToList();
        return true;
    }
}
