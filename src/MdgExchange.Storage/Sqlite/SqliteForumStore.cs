using Dapper;
using MdgExchange.Domain.Forum;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace MdgExchange.Storage.Sqlite;

/// <summary>The group's forum in SQLite: one writer at a time (the factory's lock), timestamps as ISO text.</summary>
public sealed class SqliteForumStore(SqliteConnectionFactory connections) : IForumStore
{
    // SQLITE_CONSTRAINT_PRIMARYKEY
    private const int PrimaryKeyViolation = 1555;

    public async Task<ForumThread> AddThreadAsync(ForumThread thread, ForumPost first, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thread);
        ArgumentNullException.ThrowIfNull(first);
        var stored = thread with { PostCount = 1, LastPostAt = first.CreatedAt };
        using var writer = await connections.EnterWriterAsync(cancellationToken);
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
                    CreatedAt = SqliteText.FromTimestamp(stored.CreatedAt), LastPostAt = SqliteText.FromTimestamp(stored.LastPostAt),
                },
                transaction,
                cancellationToken: cancellationToken));
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == PrimaryKeyViolation)
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
        using var writer = await connections.EnterWriterAsync(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ordinal = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            UPDATE forum_thread SET post_count = post_count + 1, last_post_at = @At WHERE thread_id = @ThreadId
            RETURNING post_count
            """,
            new { ThreadId = TransferIds.ToText(post.ThreadId), At = SqliteText.FromTimestamp(post.CreatedAt) },
            transaction,
            cancellationToken: cancellationToken));
        if (ordinal is not { } next)
        {
            return null;
        }

        var stored = post with { Ordinal = (int)next };
        await InsertPostAsync(connection, transaction, stored, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<ForumThread?> GetThreadAsync(Guid threadId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ForumThreadRow<string>>(new CommandDefinition(
            """
            SELECT thread_id AS ThreadId, subject_kind AS SubjectKind, subject_code AS SubjectCode, title AS Title, organisation AS Organisation,
                   principal AS Principal, created_at AS CreatedAt, post_count AS PostCount, last_post_at AS LastPostAt
            FROM forum_thread WHERE thread_id = @ThreadId
            """,
            new { ThreadId = TransferIds.ToText(threadId) },
            cancellationToken: cancellationToken));
        return row?.ToRecord(SqliteText.ToTimestamp);
    }

    public async Task<IReadOnlyList<ForumPost>> ListPostsAsync(Guid threadId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ForumPostRow<string>>(new CommandDefinition(
            """
            SELECT thread_id AS ThreadId, ordinal AS Ordinal, organisation AS Organisation, principal AS Principal, author_name AS AuthorName,
                   created_at AS CreatedAt, text AS Text, language AS Language, transfer_id AS TransferId
            FROM forum_post WHERE thread_id = @ThreadId ORDER BY ordinal
            """,
            new { ThreadId = TransferIds.ToText(threadId) },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord(SqliteText.ToTimestamp)).ToList();
    }

    public async Task<IReadOnlyList<ForumThread>> ListThreadsAsync(ForumThreadFilter filter, CancellationToken cancellationToken)
    {
        ForumChecks.Filter(filter);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ForumThreadRow<string>>(new CommandDefinition(
            """
            SELECT thread_id AS ThreadId, subject_kind AS SubjectKind, subject_code AS SubjectCode, title AS Title, organisation AS Organisation,
                   principal AS Principal, created_at AS CreatedAt, post_count AS PostCount, last_post_at AS LastPostAt
            FROM forum_thread
            WHERE (@SubjectKind IS NULL OR subject_kind = @SubjectKind) AND (@SubjectCode IS NULL OR subject_code = @SubjectCode)
            ORDER BY last_post_at DESC, created_at DESC, thread_id
            LIMIT @Limit OFFSET @Offset
            """,
            new { filter.SubjectKind, filter.SubjectCode, filter.Limit, filter.Offset },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord(SqliteText.ToTimestamp)).ToList();
    }

    private static Task InsertPostAsync(SqliteConnection connection, DbTransaction transaction, ForumPost post, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO forum_post (thread_id, ordinal, organisation, principal, author_name, created_at, text, language, transfer_id)
            VALUES (@ThreadId, @Ordinal, @Organisation, @Principal, @AuthorName, @CreatedAt, @Text, @Language, @TransferId)
            """,
            new
            {
                ThreadId = TransferIds.ToText(post.ThreadId), post.Ordinal, post.Organisation, post.Principal, post.AuthorName,
                CreatedAt = SqliteText.FromTimestamp(post.CreatedAt), post.Text, post.Language, TransferId = TransferIds.ToText(post.TransferId),
            },
            transaction,
            cancellationToken: cancellationToken));
}
