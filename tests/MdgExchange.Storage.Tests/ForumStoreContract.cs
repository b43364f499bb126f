using MdgExchange.Domain.Forum;

namespace MdgExchange.Storage.Tests;

/// <summary>What an <see cref="IForumStore"/> must do on each dialect.</summary>
public abstract class ForumStoreContract(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private IForumStore? _store;

    private IForumStore Store
    {
        get
        {
            Skip.If(database.SkipReason is not null, database.SkipReason);
            return _store ??= database.CreateForumStore();
        }
    }

    public Task InitializeAsync() => database.CreateAsync();

    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    private static ForumThread Thread(string kind, string code, DateTimeOffset at, string title = "¿Fuente de la línea de pobreza?") =>
        new(Guid.NewGuid(), kind, code, title, "INEGI", "user:ana@inegi.org.mx", at, 0, at);

    private static ForumPost Post(ForumThread thread, DateTimeOffset at, string text, string organisation = "INEGI", string language = "es") =>
        new(thread.ThreadId, 0, organisation, $"user:someone@{organisation.ToLowerInvariant()}.org", "Ana Pérez", at, text, language, Guid.NewGuid());

    [SkippableFact]
    public async Task A_thread_round_trips_with_its_first_post_and_replies_are_numbered_in_order()
    {
        var thread = Thread(ForumSubjectKinds.Indicator, "SI_POV_DAY1", Start);
        var first = Post(thread, Start, "La encuesta de hogares 2022 cambia el umbral. <b>ojo</b>");

        var stored = await Store.AddThreadAsync(thread, first, None);
        var reply = await Store.AddPostAsync(Post(thread, Start.AddHours(2), "We use the 2017 PPPs.", "WB", "en"), None);
        var again = await Store.AddPostAsync(Post(thread, Start.AddHours(3), "Gracias."), None);

        (stored.PostCount, stored.LastPostAt).Should().Be((1, Start));
        (reply!.Ordinal, again!.Ordinal).Should().Be((2, 3));
        (await Store.GetThreadAsync(thread.ThreadId, None)).Should().Be(thread with { PostCount = 3, LastPostAt = Start.AddHours(3) });
        var posts = await Store.ListPostsAsync(thread.ThreadId, None);
        posts.Select(p => p.Ordinal).Should().Equal(1, 2, 3);
        posts[0].Should().Be(first with { Ordinal = 1 });
        posts[1].Should().Be(reply);
        (await Store.AddPostAsync(Post(thread with { ThreadId = Guid.NewGuid() }, Start, "nowhere"), None)).Should().BeNull();
        (await Store.GetThreadAsync(Guid.NewGuid(), None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task Threads_are_listed_by_kind_and_code_latest_activity_first_a_page_at_a_time()
    {
        var poverty = Thread(ForumSubjectKinds.Indicator, "SI_POV_DAY1", Start);
        var mexico = Thread(ForumSubjectKinds.Area, "484", Start.AddHours(1));
        var general = Thread(ForumSubjectKinds.General, "", Start.AddHours(2));
        foreach (var thread in new[] { poverty, mexico, general })
        {
            await Store.AddThreadAsync(thread, Post(thread, thread.CreatedAt, "primer mensaje"), None);
        }

        await Store.AddPostAsync(Post(poverty, Start.AddHours(5), "a reply makes it the latest"), None);

        (await Store.ListThreadsAsync(new ForumThreadFilter(null, null, 10), None)).Select(t => t.ThreadId).Should().Equal(poverty.ThreadId, general.ThreadId, mexico.ThreadId);
        (await Store.ListThreadsAsync(new ForumThreadFilter(null, null, 1, 1), None)).Single().ThreadId.Should().Be(general.ThreadId);
        (await Store.ListThreadsAsync(new ForumThreadFilter(ForumSubjectKinds.Area, "484", 10), None)).Single().ThreadId.Should().Be(mexico.ThreadId);
        (await Store.ListThreadsAsync(new ForumThreadFilter(ForumSubjectKinds.Area, "32", 10), None)).Should().BeEmpty();
        (await Store.ListThreadsAsync(new ForumThreadFilter(ForumSubjectKinds.Indicator, null, 10), None)).Single().PostCount.Should().Be(2);
    }

    [SkippableFact]
    public async Task A_second_thread_with_the_same_id_is_refused_and_stores_no_post()
    {
        var thread = Thread(ForumSubjectKinds.General, "", Start);
        await Store.AddThreadAsync(thread, Post(thread, Start, "uno"), None);

        await FluentActions.Awaiting(() => Store.AddThreadAsync(thread with { Title = "otro" }, Post(thread, Start, "dos"), None)).Should().ThrowAsync<InvalidOperationException>();

        (await Store.ListPostsAsync(thread.ThreadId, None)).Should().ContainSingle().Which.Text.Should().Be("uno");
    }
}

public sealed class SqliteForumStoreTests() : ForumStoreContract(new SqliteTestDatabase());

public sealed class SqlServerForumStoreTests() : ForumStoreContract(new SqlServerTestDatabase());
