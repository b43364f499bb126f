using System.Security.Cryptography;
using System.Text;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Security;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Forum;
using MdgExchange.Storage;

namespace MdgExchange.Application.Forum;

/// <summary>A new thread as asked for: what it is about, its title and its first post.</summary>
/// <param name="SubjectKind">One of <see cref="ForumSubjectKinds"/>.</param>
/// <param name="SubjectCode">The SDG series code or indicator, or the REF_AREA code; none for a general thread.</param>
/// <param name="Title">The thread's title.</param>
/// <param name="Text">The first post's text.</param>
/// <param name="Language">The language of the text (<c>es</c>, <c>en</c>); null: English.</param>
/// <param name="AuthorName">The author's name as shown (a person's display name); null: the principal.</param>
public sealed record ForumThreadRequest(string SubjectKind, string? SubjectCode, string Title, string Text, string? Language, string? AuthorName);

/// <summary>A reply as asked for.</summary>
public sealed record ForumReplyRequest(Guid ThreadId, string Text, string? Language, string? AuthorName);

/// <summary>A thread with its posts in order.</summary>
public sealed record ForumThreadView(ForumThread Thread, IReadOnlyList<ForumPost> Posts);

/// <summary>
/// The group's forum (issue 16): discussion threads on an indicator, on a country or area, or general, where countries,
/// agencies and the coordinator comment. Who may read and who may post is <see cref="AccessPolicy"/>'s
/// (<see cref="Operations.ForumRead"/>, <see cref="Operations.ForumPost"/>); a thread's subject must be a code of the
/// registry; every post, and every refused one, is a recorded transfer (kind <c>forum-post</c>). Threads on a
/// discrepancy pair are the consultation annotations on its series (<see cref="Discrepancies.PairConsultations"/>).
/// </summary>
public sealed class GroupForum(IForumStore forum, IStructureStore structures, ITransferStore transfers, AccessGate gate, TimeProvider clock)
{
    /// <summary>Longest title, and longest post, in characters.</summary>
    public const int MaxTitleLength = 200;

    public const int MaxTextLength = 8000;

    /// <summary>Most threads a listing returns; a listing that asks for none gets <see cref="DefaultLimit"/>.</summary>
    public const int MaxLimit = 200;

    public const int DefaultLimit = 50;

    private const string Kind = "forum-post";

    /// <summary>Threads of a kind (and code), latest activity first.</summary>
    /// <exception cref="ExchangeDeniedException">The caller may not read the forum.</exception>
    /// <exception cref="ExchangeRejectedException">The kind, the limit or the offset is out of range.</exception>
    public async Task<IReadOnlyList<ForumThread>> ListAsync(ForumThreadFilter filter, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await AuthoriseAsync(caller, Operations.ForumRead, "list the forum's threads");
        var violations = new List<DataViolation>();
        if (filter.SubjectKind is { } kind && !ForumSubjectKinds.IsValid(kind))
        {
            violations.Add(new("subject_kind", KindRule(kind)));
        }

        if (filter.Limit is < 0 or > MaxLimit)
        {
            violations.Add(new("limit", $"limit must be between 0 and {MaxLimit}"));
        }

        if (filter.Offset < 0)
        {
            violations.Add(new("offset", "offset must not be negative"));
        }

        if (violations.Count > 0)
        {
            throw new ExchangeRejectedException(Guid.Empty, "the thread listing is invalid", violations);
        }

        var code = string.IsNullOrWhiteSpace(filter.SubjectCode) ? null : filter.SubjectCode.Trim();
        return await forum.ListThreadsAsync(filter with { SubjectCode = code, Limit = filter.Limit == 0 ? DefaultLimit : filter.Limit }, cancellationToken);
    }

    /// <summary>A thread and its posts.</summary>
    /// <exception cref="ExchangeDeniedException">The caller may not read the forum.</exception>
    /// <exception cref="ExchangeNotFoundException">There is no such thread.</exception>
    public async Task<ForumThreadView> ReadAsync(Guid threadId, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        await AuthoriseAsync(caller, Operations.ForumRead, $"read forum thread {threadId}");
        var thread = await forum.GetThreadAsync(threadId, cancellationToken) ?? throw NoThread(Guid.Empty, threadId);
        return new ForumThreadView(thread, await forum.ListPostsAsync(threadId, cancellationToken));
    }

    /// <summary>Opens a thread with its first post.</summary>
    /// <exception cref="ExchangeDeniedException">The caller may not post in the forum.</exception>
    /// <exception cref="ExchangeRejectedException">A field breaks its rule or the subject code is not in the registry; each violation names the field.</exception>
    public async Task<ForumThreadView> OpenAsync(ForumThreadRequest request, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await AuthoriseAsync(caller, Operations.ForumPost, "open a forum thread");
        var now = clock.GetUtcNow();
        var violations = new List<DataViolation>();
        var title = Bounded("title", request.Title, MaxTitleLength, violations);
        var text = Bounded("text", request.Text, MaxTextLength, violations);
        var language = Language(request.Language, violations);
        var code = await new ForumSubjects(structures).CheckAsync(request.SubjectKind, request.SubjectCode, violations, cancellationToken);
        var subject = new Subject(request.SubjectKind ?? "", code ?? Cut(request.SubjectCode?.Trim() ?? "", 128));
        if (violations.Count > 0)
        {
            throw await RejectAsync(caller, subject, now, "the thread is invalid", violations);
        }

        var transferId = Guid.NewGuid();
        var thread = new ForumThread(Guid.NewGuid(), subject.Kind, subject.Code, title, caller.Organisation!, caller.Principal!, now, 1, now);
        var first = new ForumPost(thread.ThreadId, 1, caller.Organisation!, caller.Principal!, AuthorName(request.AuthorName, caller), now, text, language, transferId);
        var stored = await forum.AddThreadAsync(thread, first, cancellationToken);
        await RecordAsync(transferId, caller, subject, now, "completed", null, text);
        return new ForumThreadView(stored, [first]);
    }

    /// <summary>Appends a reply to a thread.</summary>
    /// <exception cref="ExchangeDeniedException">The caller may not post in the forum.</exception>
    /// <exception cref="ExchangeRejectedException">The text or the language breaks its rule.</exception>
    /// <exception cref="ExchangeNotFoundException">There is no such thread.</exception>
    public async Task<ForumPost> ReplyAsync(ForumReplyRequest request, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await AuthoriseAsync(caller, Operations.ForumPost, $"reply in forum thread {request.ThreadId}");
        var now = clock.GetUtcNow();
        var thread = await forum.GetThreadAsync(request.ThreadId, cancellationToken);
        var subject = thread is null ? new Subject("", "") : new Subject(thread.SubjectKind, thread.SubjectCode);
        var violations = new List<DataViolation>();
        var text = Bounded("text", request.Text, MaxTextLength, violations);
        var language = Language(request.Language, violations);
        if (violations.Count > 0)
        {
            throw await RejectAsync(caller, subject, now, "the reply is invalid", violations);
        }

        var transferId = Guid.NewGuid();
        var post = thread is null ? null : await forum.AddPostAsync(
            new ForumPost(thread.ThreadId, 0, caller.Organisation!, caller.Principal!, AuthorName(request.AuthorName, caller), now, text, language, transferId), cancellationToken);
        if (post is null)
        {
            var why = $"forum thread {request.ThreadId} does not exist";
            await RecordAsync(transferId, caller, subject, now, "rejected", why, null);
            throw NoThread(transferId, request.ThreadId);
        }

        await RecordAsync(transferId, caller, subject, now, "completed", null, text);
        return post;
    }

    private sealed record Subject(string Kind, string Code);

    internal static string KindRule(string kind) => $"'{kind}' is not a subject kind; use {string.Join(", ", ForumSubjectKinds.All)}";

    private static ExchangeNotFoundException NoThread(Guid transferId, Guid threadId) =>
        new(transferId, "ForumThread", threadId.ToString(), $"forum thread {threadId} does not exist");

    /// <summary>A text trimmed, not empty and at most <paramref name="max"/> characters, or a violation naming the field.</summary>
    private static string Bounded(string field, string? value, int max, List<DataViolation> violations)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            violations.Add(new(field, $"the {field} must not be empty"));
        }
        else if (text.Length > max)
        {
            violations.Add(new(field, $"the {field} has {text.Length} characters; at most {max} are allowed"));
        }

        return text;
    }

    private static string Language(string? language, List<DataViolation> violations)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return "en";
        }

        var tag = language.Trim().ToLowerInvariant();
        if (tag.Length is < 2 or > 3 || !tag.All(char.IsAsciiLetterLower))
        {
            violations.Add(new("language", $"'{language}' is not a language code (ISO 639: es, en)"));
        }

        return tag;
    }

    private static string AuthorName(string? name, ExchangeCaller caller) =>
        string.IsNullOrWhiteSpace(name) ? caller.Principal! : Cut(name.Trim(), 256);

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;

    /// <summary>
    /// Refuses a caller the policy does not allow (recorded, as every refusal); the portal's pages are behind the same
    /// rule, so this is for the other hosts of the use case.
    /// </summary>
    private async Task AuthoriseAsync(ExchangeCaller caller, string operation, string what)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var who = new Caller(caller.Principal ?? "anonymous", caller.Organisation, caller.Roles ?? new HashSet<string>(StringComparer.Ordinal));
        var rule = AccessPolicy.For(operation)!;
        if (!rule.Allows(who) || caller.Principal is null)
        {
            var why = $"to {what} is for {rule.Describe()}; {who} may not";
            var refusal = await gate.RecordRefusalAsync(rule.Kind, who, caller.Channel, $"PERMISSION_DENIED: {why}");
            throw new ExchangeDeniedException(refusal, why, [new DataViolation("caller", why)]);
        }
    }

    private async Task<ExchangeRejectedException> RejectAsync(ExchangeCaller caller, Subject subject, DateTimeOffset now, string message, List<DataViolation> violations)
    {
        var transferId = Guid.NewGuid();
        await RecordAsync(transferId, caller, subject, now, "rejected", message + ": " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")), null);
        return new ExchangeRejectedException(transferId, message, violations);
    }

    /// <summary>The post's transfer: who wrote on which indicator or area, with the text's size and SHA-256 as evidence.</summary>
    private Task RecordAsync(Guid transferId, ExchangeCaller caller, Subject subject, DateTimeOffset now, string outcome, string? error, string? text)
    {
        var bytes = text is null ? [] : Encoding.UTF8.GetBytes(text);
        var transfer = new Transfer
        {
            TransferId = transferId,
            Kind = Kind,
            Channel = caller.Channel,
            Format = "text",
            SenderOrganisation = caller.Organisation,
            Principal = caller.Principal,
            SeriesCodes = subject.Kind == ForumSubjectKinds.Indicator && subject.Code.Length > 0 ? subject.Code : null,
            RefAreas = subject.Kind == ForumSubjectKinds.Area && subject.Code.Length > 0 ? subject.Code : null,
            Bytes = bytes.Length,
            PayloadSha256 = text is null ? null : Convert.ToHexStringLower(SHA256.HashData(bytes)),
            StartedAt = now,
            FinishedAt = clock.GetUtcNow(),
            Outcome = outcome,
            ErrorSummary = error is { Length: > 4000 } ? error[..4000] : error,
        };
        // The record of an attempt is never lost with the caller's cancellation.
        return transfers.AppendAsync(transfer, CancellationToken.None);
    }
}
