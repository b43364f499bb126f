using MdgExchange.Application.Exchange;
using MdgExchange.Application.Forum;
using MdgExchange.Domain.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>One thread of the group's forum: its posts in order (plain text, each in its language) and a reply form.</summary>
public sealed class ForumThreadModel(GroupForum forum) : PageModel
{
    public ForumThreadView? View { get; private set; }

    public string? Refusal { get; private set; }

    public IReadOnlyList<DataViolation> Problems { get; private set; } = [];

    /// <summary>The reply that was refused, kept in the form.</summary>
    public string? Draft { get; private set; }

    public bool MayPost => AccessPolicy.Allows(Caller.From(User), Operations.ForumPost);

    public async Task<IActionResult> OnGetAsync(Guid? id) => await LoadAsync(id) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostAsync(Guid? id, string? text, string? lang)
    {
        if (id is not { } threadId)
        {
            return NotFoundPage();
        }

        try
        {
            var post = await forum.ReplyAsync(
                new ForumReplyRequest(threadId, text ?? "", lang is "es" or "en" ? lang : PortalText.Language, User.Identity?.Name),
                PortalSession.ExchangeCaller(User),
                HttpContext.RequestAborted);
            return Redirect(PortalLinks.ForumThread(threadId, post.Ordinal));
        }
        catch (ExchangeNotFoundException)
        {
            return NotFoundPage();
        }
        catch (ExchangeRejectedException rejected)
        {
            (Refusal, Problems, Draft) = (rejected.Message, rejected.Violations, text);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (ExchangeDeniedException denied)
        {
            (Refusal, Draft) = (denied.Message, text);
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return await LoadAsync(threadId) ? Page() : NotFoundPage();
    }

    private async Task<bool> LoadAsync(Guid? id)
    {
        if (id is not { } threadId)
        {
            return false;
        }

        try
        {
            View = await forum.ReadAsync(threadId, PortalSession.ExchangeCaller(User), HttpContext.RequestAborted);
            return true;
        }
        catch (ExchangeNotFoundException)
        {
            return false;
        }
    }

    private PageResult NotFoundPage()
    {
        (View, Refusal) = (null, PortalText.T("fo:nothread"));
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
