using MdgExchange.Domain.Forum;

namespace MdgExchange.Storage;

/// <summary>
/// The group's forum: threads and their posts. Posts are appended, never edited nor deleted; each one updates its
/// thread's post count and latest activity in the same transaction.
/// </summary>
public interface IForumStore
{
    /// <summary>Stores a new thread with its first post (ordinal 1), in one transaction; returns the thread as stored.</summary>
    /// <exception cref="InvalidOperationException">A thread with that id exists.</exception>
    Task<ForumThread> AddThreadAsync(ForumThread thread, ForumPost first, CancellationToken cancellationToken);

    /// <summary>
    /// Appends a post to a thread: its ordinal is the next one (the post's own is ignored). Returns the post as stored,
    /// or null when there is no such thread.
    /// </summary>
    Task<ForumPost?> AddPostAsync(ForumPost post, CancellationToken cancellationToken);

    Task<ForumThread?> GetThreadAsync(Guid threadId, CancellationToken cancellationToken);

    /// <summary>A thread's posts in ordinal order (empty when there is no such thread).</summary>
    Task<IReadOnlyList<ForumPost>> ListPostsAsync(Guid threadId, CancellationToken cancellationToken);

    /// <summary>Threads matching the filter, latest activity first (ties: newest first, then by id).</summary>
    Task<IReadOnlyList<ForumThread>> ListThreadsAsync(ForumThreadFilter filter, CancellationToken cancellationToken);
}
