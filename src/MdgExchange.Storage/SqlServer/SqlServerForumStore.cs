using System.Data.Common;
using Dapper;
using MdgExchange.Domain.Forum;
using Microsoft.Data.SqlClient;

namespace MdgExchange.Storage.SqlServer;

/// <summary>
/// The group's forum in SQL Server: a post's update of its thread takes the thread row's lock until the post is
/// inserted, so concurrent replies get consecutive ordinals.
/// </summary>
public sealed class SqlServerForumStore(SqlServerConnectionFactory connections) : IForumStore
{
    // Violation of a PRIMARY KEY or UNIQUE constraint.
    private const int PrimaryKeyViolation = 2627;

    public async Task<ForumThread> AddThreadAsync(ForumThread thread, ForumPost first, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thread);
        ArgumentNullException.ThrowIfNull(first);
        var stored = thread with { PostCount = 1, LastPostAt = first.CreatedAt };
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO forum_thread (thread_id, subject_kind, subject_code, title, organisation, principal, created_at, post_count, last_post_at)
                VALUES (@ThreadId, @SubjectKind, @SubjectCode, @Title, @Organisation, @Principal, @CreatedAt, 1, @LastPostAt)
                """,
                new
                {
                    ThreadId = TransferIds.ToText(stored.ThreadId), stored.SubjectKind, stored.SubjectCode, stored.Title, stored.Organisation, stored.Principal,
                    CreatedAt = stored.CreatedAt.ToUniversalTime(), LastPostAt = stored.LastPostAt.ToUniversalTime(),
                },
                transaction,
                cancellationToken: cancellationToken));
        }
        catch (SqlException e) when (e.Number == PrimaryKeyViolation)
        {
            throw new InvalidOperationException($"a forum thread with id {thread.ThreadId} exists", e);
        }

        await InsertPostAsync(connection, transaction, first with { ThreadId = stored.ThreadId, Ordinal = 1 }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<ForumPost?> AddPostAsync(ForumPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ordinal = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            """
            UPDATE forum_thread SET post_count = post_count + 1, last_post_at = @At
            OUTPUT inserted.post_count
            WHERE thread_id = @ThreadId;
            """,
            new { ThreadId = TransferIds.ToText(post.ThreadId), At = post.CreatedAt.ToUniversalTime() },
            transaction,
            cancellationToken: cancellationToken));
        if (ordinal is not { } next)
        {
            return null;
        }

        var stored = post with { Ordinal = next };
        await InsertPostAsync(connection, transaction, stored, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<ForumThread?> GetThreadAsync(Guid threadId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ForumThreadRow<DateTimeOffset>>(new CommandDefinition(
            """
            SELECT thread_id AS ThreadId, subject_kind AS SubjectKind, subject_code AS SubjectCode, title AS Title, organisation AS Organisation,
                   principal AS Principal, created_at AS CreatedAt, post_count AS PostCount, last_post_at AS LastPostAt
            FROM forum_thread WHERE thread_id = @ThreadId
            """,
            new { ThreadId = TransferIds.ToText(threadId) },
            cancellationToken: cancellationToken));
        return row?.ToRecord(Utc);
    }

    public async Task<IReadOnlyList<ForumPost>> ListPostsAsync(Guid threadId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ForumPostRow<DateTimeOffset>>(new CommandDefinition(
            """
            SELECT thread_id AS ThreadId, ordinal AS Ordinal, organisation AS Organisation, principal AS Principal, author_name AS AuthorName,
                   created_at AS CreatedAt, text AS Text, language AS Language, transfer_id AS TransferId
            FROM forum_post WHERE thread_id = @ThreadId ORDER BY ordinal
            """,
            new { ThreadId = TransferIds.ToText(threadId) },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord(Utc)).ToList();
    }

    public async Task<IReadOnlyList<ForumThread>> ListThreadsAsync(ForumThreadFilter filter, CancellationToken cancellationToken)
    {
        ForumChecks.Filter(filter);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ForumThreadRow<DateTimeOffset>>(new CommandDefinition(
            """
            SELECT thread_id AS ThreadId, subject_kind AS SubjectKind, subject_code AS SubjectCode, title AS Title, organisation AS Organisation,
                   principal AS Principal, created_at AS CreatedAt, post_count AS PostCount, last_post_at AS LastPostAt
            FROM forum_thread
            WHERE (@SubjectKind IS NULL OR subject_kind = @SubjectKind) AND (@SubjectCode IS NULL OR subject_code = @SubjectCode)
            ORDER BY last_post_at DESC, created_at DESC, thread_id
            OFFSET @Offset ROWS FETCH NEXT @Limit ROWS ONLY
            """,
            new { filter.SubjectKind, filter.SubjectCode, filter.Limit, filter.Offset },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord(Utc)).ToList();
    }

    private static DateTimeOffset Utc(DateTimeOffset value) => value.ToUniversalTime();

    private static Task InsertPostAsync(SqlConnection connection, DbTransaction transaction, ForumPost post, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO forum_post (thread_id, ordinal, organisation, principal, author_name, created_at, text, language, transfer_id)
            VALUES (@ThreadId, @Ordinal, @Organisation, @Principal, @AuthorName, @CreatedAt, @Text, @Language, @TransferId)
            """,
            new
            {
                ThreadId = TransferIds.ToText(post.ThreadId), post.Ordinal, post.Organisation, post.Principal, post.AuthorName,
                CreatedAt = post.CreatedAt.ToUniversalTime(), post.Text, post.Language, TransferId = TransferIds.ToText(post.TransferId),
            },
            transaction,
            cancellationToken: cancellationToken));
}
