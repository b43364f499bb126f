using MdgExchange.Application.Discrepancies;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Forum;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Discrepancies;
using MdgExchange.Domain.Forum;
using MdgExchange.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>
/// The group's forum: its threads, latest activity first, filtered by subject (an indicator, a country or area,
/// general), the discrepancy pairs in consultation on the same subject (their discussion is on the pair's page), and a
/// form to open a thread — the same use case, rules and transfer record as any other host of <see cref="GroupForum"/>.
/// </summary>
public sealed class ForumModel(GroupForum forum, DiscrepancyQueries discrepancies) : PageModel
{
    /// <summary>Threads per page.</summary>
    public const int PageSize = 25;

    public IReadOnlyList<ForumThread> Threads { get; private set; } = [];

    public IReadOnlyList<DiscrepancyPair> Pairs { get; private set; } = [];

    public string? Kind { get; private set; }

    public string? Code { get; private set; }

    public int Offset { get; private set; }

    /// <summary>What the form to open a thread was given, kept when it is refused.</summary>
    public (string? Kind, string? Code, string? Title, string? Text, string? Lang) Draft { get; private set; }

    public string? Refusal { get; private set; }

    public IReadOnlyList<DataViolation> Problems { get; private set; } = [];

    public bool MayPost => AccessPolicy.Allows(Caller.From(User), Operations.ForumPost);

    /// <summary>This page of the list, with another filter or offset.</summary>
    public string Link(int offset) =>
        "/forum?" + string.Join('&', new[] { ("kind", Kind), ("code", Code), ("offset", offset > 0 ? offset.ToString(System.Globalization.CultureInfo.InvariantCulture) : null) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    public async Task<IActionResult> OnGetAsync(string? kind, string? code, int offset)
    {
        (Kind, Code, Offset) = (Blank(kind), Blank(code), Math.Max(0, offset));
        Draft = (Kind, Code, null, null, null);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? kind, string? code, string? title, string? text, string? lang)
    {
        Draft = (kind, code, title, text, lang);
        try
        {
            var opened = await forum.OpenAsync(
                new ForumThreadRequest(kind ?? "", code, title ?? "", text ?? "", lang is "es" or "en" ? lang : PortalText.Language, User.Identity?.Name),
                PortalSession.ExchangeCaller(User),
                HttpContext.RequestAborted);
            return Redirect(PortalLinks.ForumThread(opened.Thread.ThreadId));
        }
        catch (ExchangeRejectedException rejected)
        {
            (Refusal, Problems) = (rejected.Message, rejected.Violations);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (ExchangeDeniedException denied)
        {
            Refusal = denied.Message;
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        try
        {
            Threads = await forum.ListAsync(new ForumThreadFilter(Kind, Code, PageSize + 1, Offset), PortalSession.ExchangeCaller(User), HttpContext.RequestAborted);
        }
        catch (ExchangeRejectedException rejected)
        {
            (Refusal, Problems) = (rejected.Message, rejected.Violations);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        // The pairs' discussions are their consultation annotations: listed here, read and answered on the pair's page.
        if (Kind is null or ForumSubjectKinds.Indicator or ForumSubjectKinds.Area)
        {
            Pairs = await discrepancies.ListAsync(
                new DiscrepancyFilter(
                    Series: Kind == ForumSubjectKinds.Indicator && Code is not null ? [Code] : null,
                    Areas: Kind == ForumSubjectKinds.Area && Code is not null ? [Code] : null,
                    State: ReconciliationStates.InConsultation,
                    Limit: 20),
                HttpContext.RequestAborted);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
