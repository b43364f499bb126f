using MdgExchange.Domain.Forum;

namespace MdgExchange.Storage;

/// <summary>
/// Rows of <c>forum_thread</c> and <c>forum_post</c> (columns aliased to these names); the timestamp type is the
/// dialect's (ISO text in SQLite, datetimeoffset in SQL Server), converted by the store that reads them.
/// </summary>
internal sealed class ForumThreadRow<TTimestamp>
    where TTimestamp : notnull
{
    public string ThreadId { get; init; } = "";
    public string SubjectKind { get; init; } = "";
    public string SubjectCode { get; init; } = "";
    public string Title { get; init; } = "";
    public string Organisation { get; init; } = "";
    public string Principal { get; init; } = "";
    public TTimestamp CreatedAt { get; init; } = default!;
    public long PostCount { get; init; }
    public TTimestamp LastPostAt { get; init; } = default!;

    public ForumThread ToRecord(Func<TTimestamp, DateTimeOffset> timestamp) =>
        new(TransferIds.Parse(ThreadId), SubjectKind, SubjectCode, Title, Organisation, Principal, timestamp(CreatedAt), (int)PostCount, timestamp(LastPostAt));
}

/// <inheritdoc cref="ForumThreadRow{TTimestamp}"/>
internal sealed class ForumPostRow<TTimestamp>
    where TTimestamp : notnull
{
    public string ThreadId { get; init; } = "";
    public long Ordinal { get; init; }
    public string Organisation { get; init; } = "";
    public string Principal { get; init; } = "";
    public string AuthorName { get; init; } = "";
    public TTimestamp CreatedAt { get; init; } = default!;
    public string Text { get; init; } = "";
    public string Language { get; init; } = "";
    public string TransferId { get; init; } = "";

    public ForumPost ToRecord(Func<TTimestamp, DateTimeOffset> timestamp) =>
        new(TransferIds.Parse(ThreadId), (int)Ordinal, Organisation, Principal, AuthorName, timestamp(CreatedAt), Text, Language, TransferIds.Parse(TransferId));
}

/// <summary>What both dialects' forum stores check before they write.</summary>
internal static class ForumChecks
{
    public static void Filter(ForumThreadFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        TransferIds.CheckLimit(filter.Limit);
        ArgumentOutOfRangeException.ThrowIfNegative(filter.Offset);
    }
}
