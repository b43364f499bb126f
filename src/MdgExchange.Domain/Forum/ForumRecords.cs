namespace MdgExchange.Domain.Forum;

/// <summary>
/// What a forum thread is about. Threads on a discrepancy pair are not forum threads: they are the consultation
/// annotations on the pair's series. New kinds (complementary indicators, issue 20) are added here (and their code
/// check to the forum's use case); the schema stores any short kind, so no migration is needed.
/// </summary>
public static class ForumSubjectKinds
{
    /// <summary>An SDG indicator or series: a code of the SDG SERIES codelist (<c>SI_POV_DAY1</c>) or an indicator (<c>1.1.1</c>).</summary>
    public const string Indicator = "indicator";

    /// <summary>A country or area: a REF_AREA code (<c>484</c>).</summary>
    public const string Area = "area";

    /// <summary>The group's general discussion; the subject code is empty.</summary>
    public const string General = "general";

    public static IReadOnlyList<string> All { get; } = [Indicator, Area, General];

    public static bool IsValid(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);

    /// <summary>Whether a thread of the kind names a subject code (every kind but <see cref="General"/>).</summary>
    public static bool HasCode(string kind) => kind != General;
}

/// <summary>A discussion thread of the group's forum.</summary>
/// <param name="ThreadId">The thread's id.</param>
/// <param name="SubjectKind">One of <see cref="ForumSubjectKinds"/>.</param>
/// <param name="SubjectCode">The indicator, series or area code; empty for a general thread.</param>
/// <param name="Title">The thread's title, as its author wrote it (plain text).</param>
/// <param name="Organisation">The organisation the author acted for.</param>
/// <param name="Principal">Who opened it (<c>user:email</c>, <c>key:…</c>).</param>
/// <param name="CreatedAt">When it was opened.</param>
/// <param name="PostCount">How many posts it has (the first one included).</param>
/// <param name="LastPostAt">When its latest post was written.</param>
public sealed record ForumThread(
    Guid ThreadId,
    string SubjectKind,
    string SubjectCode,
    string Title,
    string Organisation,
    string Principal,
    DateTimeOffset CreatedAt,
    int PostCount,
    DateTimeOffset LastPostAt);

/// <summary>A post of a thread; the first post (ordinal 1) opens it.</summary>
/// <param name="ThreadId">The thread it belongs to.</param>
/// <param name="Ordinal">Its place in the thread, from 1, without gaps.</param>
/// <param name="Organisation">The organisation the author acted for.</param>
/// <param name="Principal">Who wrote it.</param>
/// <param name="AuthorName">The author's name as shown (a person's display name, else the principal).</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="Text">The text, plain (never markup).</param>
/// <param name="Language">The language it is written in (<c>es</c>, <c>en</c>).</param>
/// <param name="TransferId">The transfer that recorded it.</param>
public sealed record ForumPost(
    Guid ThreadId,
    int Ordinal,
    string Organisation,
    string Principal,
    string AuthorName,
    DateTimeOffset CreatedAt,
    string Text,
    string Language,
    Guid TransferId);

/// <summary>Which threads a listing wants: of one kind (and code), newest activity first, a page at a time.</summary>
/// <param name="SubjectKind">One of <see cref="ForumSubjectKinds"/>, or null for every kind.</param>
/// <param name="SubjectCode">A subject code, or null for every code.</param>
/// <param name="Limit">At most this many threads.</param>
/// <param name="Offset">Threads skipped before the first one returned.</param>
public sealed record ForumThreadFilter(string? SubjectKind, string? SubjectCode, int Limit, int Offset = 0);
