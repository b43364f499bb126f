using MdgExchange.Application.Exchange;
using MdgExchange.Application.Forum;
using MdgExchange.Application.Security;
using MdgExchange.Domain.Forum;
using static MdgExchange.Application.Tests.UseCaseHost;

namespace MdgExchange.Application.Tests;

/// <summary>The group's forum on a real SQLite file seeded with the SDG structures: its rules, its access and its record.</summary>
public sealed class ForumTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private UseCaseHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private GroupForum Forum => _host.Get<GroupForum>();

    private static ForumThreadRequest Indicator(string code, string title = "¿Qué línea de pobreza usa cada país?", string text = "En México usamos la línea del CONEVAL.") =>
        new(ForumSubjectKinds.Indicator, code, title, text, "es", "Ana Pérez");

    [Fact]
    public async Task A_provider_opens_an_indicator_thread_in_Spanish_an_agency_replies_in_English_and_each_post_is_a_recorded_transfer()
    {
        var opened = await Forum.OpenAsync(Indicator("SI_POV_DAY1"), As("INEGI", Roles.Provider), None);
        _host.Clock.Advance(TimeSpan.FromHours(1));
        var reply = await Forum.ReplyAsync(new ForumReplyRequest(opened.Thread.ThreadId, "The international series uses the 2017 PPPs.", "en", null), As("WB", Roles.Agency), None);

        var read = await Forum.ReadAsync(opened.Thread.ThreadId, As("CEPAL", Roles.Coordinator), None);
        (read.Thread.SubjectKind, read.Thread.SubjectCode, read.Thread.Organisation, read.Thread.PostCount).Should().Be(("indicator", "SI_POV_DAY1", "INEGI", 2));
        read.Posts.Select(p => (p.Ordinal, p.Organisation, p.Language, p.AuthorName)).Should().Equal((1, "INEGI", "es", "Ana Pérez"), (2, "WB", "en", "key:wb"));
        read.Thread.LastPostAt.Should().Be(reply.CreatedAt).And.Be(_host.Clock.GetUtcNow());

        var recorded = (await _host.TransfersAsync("forum-post")).OrderBy(t => t.StartedAt).ToList();
        recorded.Select(t => (t.SenderOrganisation, t.Outcome, t.SeriesCodes, t.Channel)).Should().Equal(("INEGI", "completed", "SI_POV_DAY1", "test"), ("WB", "completed", "SI_POV_DAY1", "test"));
        read.Posts.Select(p => p.TransferId).Should().Equal(recorded.Select(t => t.TransferId), "each post names the transfer that recorded it");
        recorded[0].PayloadSha256.Should().HaveLength(64);
    }

    [Fact]
    public async Task An_indicator_is_a_series_code_or_an_indicator_of_a_framework_and_an_area_a_REF_AREA_code()
    {
        (await Forum.OpenAsync(Indicator("1-1-1"), As("INEGI", Roles.Provider), None)).Thread.SubjectCode.Should().Be("1.1.1");
        (await Forum.OpenAsync(Indicator(" 3.2.1 "), As("INEGI", Roles.Provider), None)).Thread.SubjectCode.Should().Be("3.2.1");
        var area = await Forum.OpenAsync(new ForumThreadRequest(ForumSubjectKinds.Area, "484", "Calendario de la encuesta", "¿Cuándo se publica la ENIGH?", "es", null), As("UNICEF", Roles.Agency), None);
        area.Thread.SubjectCode.Should().Be("484");
        (await _host.TransfersAsync("forum-post")).Should().Contain(t => t.RefAreas == "484");
        (await Forum.OpenAsync(new ForumThreadRequest(ForumSubjectKinds.General, null, "Reunión de abril", "Orden del día.", "es", null), As("CEPAL", Roles.Coordinator), None)).Thread.SubjectCode.Should().BeEmpty();
    }

    [Theory]
    [InlineData("indicator", "NOT_A_SERIES", "subject_code", "neither a series code of IAEG-SDGs:CL_SERIES(1.0) nor an indicator")]
    [InlineData("indicator", "", "subject_code", "names its code")]
    [InlineData("area", "99999", "subject_code", "is not an area code of IAEG-SDGs:CL_AREA(1.0)")]
    [InlineData("general", "484", "subject_code", "a general thread names no subject code")]
    [InlineData("pair", "x", "subject_kind", "use indicator, area, general")]
    public async Task An_unknown_subject_is_refused_naming_the_field_and_the_refusal_is_recorded(string kind, string code, string field, string rule)
    {
        var refused = await FluentActions.Awaiting(() => Forum.OpenAsync(new ForumThreadRequest(kind, code, "Título", "Texto", "es", null), As("INEGI", Roles.Provider), None))
            .Should().ThrowAsync<ExchangeRejectedException>();

        refused.Which.Violations.Should().ContainSingle().Which.Should().Match<Domain.Data.DataViolation>(v => v.Field == field && v.Description.Contains(rule));
        (await Forum.ListAsync(new ForumThreadFilter(null, null, 0), As("INEGI", Roles.Provider), None)).Should().BeEmpty();
        var recorded = await _host.TransfersAsync("forum-post");
        recorded.Should().ContainSingle().Which.Should().Match<Storage.Transfer>(t => t.Outcome == "rejected" && t.TransferId == refused.Which.TransferId && t.ErrorSummary!.Contains(field));
    }

    [Fact]
    public async Task Titles_and_posts_have_limits_each_named_with_its_rule()
    {
        var tooLong = await FluentActions.Awaiting(() => Forum.OpenAsync(Indicator("SI_POV_DAY1", new string('t', GroupForum.MaxTitleLength + 1), new string('p', GroupForum.MaxTextLength + 1)), As("INEGI", Roles.Provider), None))
            .Should().ThrowAsync<ExchangeRejectedException>();
        tooLong.Which.Violations.Select(v => $"{v.Field}: {v.Description}").Should().Equal(
            "title: the title has 201 characters; at most 200 are allowed", "text: the text has 8001 characters; at most 8000 are allowed");

        var empty = await FluentActions.Awaiting(() => Forum.OpenAsync(new ForumThreadRequest("indicator", "SI_POV_DAY1", "  ", "\n", "español", null), As("INEGI", Roles.Provider), None))
            .Should().ThrowAsync<ExchangeRejectedException>();
        empty.Which.Violations.Select(v => v.Field).Should().Equal("title", "text", "language");

        var opened = await Forum.OpenAsync(Indicator("SI_POV_DAY1", new string('t', GroupForum.MaxTitleLength), new string('p', GroupForum.MaxTextLength)), As("INEGI", Roles.Provider), None);
        var blank = await FluentActions.Awaiting(() => Forum.ReplyAsync(new ForumReplyRequest(opened.Thread.ThreadId, " ", "es", null), As("WB", Roles.Agency), None)).Should().ThrowAsync<ExchangeRejectedException>();
        blank.Which.Violations.Single().Field.Should().Be("text");
        (await Forum.ReadAsync(opened.Thread.ThreadId, As("WB", Roles.Agency), None)).Posts.Should().ContainSingle();
    }

    [Fact]
    public async Task Reading_needs_a_signed_in_caller_and_posting_a_role_of_the_access_table()
    {
        var opened = await Forum.OpenAsync(Indicator("SI_POV_DAY1"), As("INEGI", Roles.Provider), None);
        var anonymous = new ExchangeCaller("test", null);
        var observer = As("OBS", "observer");

        await FluentActions.Awaiting(() => Forum.ListAsync(new ForumThreadFilter(null, null, 0), anonymous, None)).Should().ThrowAsync<ExchangeDeniedException>();
        (await Forum.ReadAsync(opened.Thread.ThreadId, observer, None)).Posts.Should().ContainSingle("any signed-in caller reads the forum");
        var denied = await FluentActions.Awaiting(() => Forum.ReplyAsync(new ForumReplyRequest(opened.Thread.ThreadId, "hola", "es", null), observer, None)).Should().ThrowAsync<ExchangeDeniedException>();
        denied.Which.Message.Should().Contain("the role admin or agency or coordinator or provider");

        var refusal = await _host.Get<Storage.ITransferStore>().GetAsync(denied.Which.TransferId, None);
        (refusal!.Kind, refusal.Outcome, refusal.SenderOrganisation).Should().Be(("forum-post", "rejected", "OBS"));
        refusal.ErrorSummary.Should().StartWith("PERMISSION_DENIED");
        (await _host.TransfersAsync("forum-read")).Should().ContainSingle(t => t.Outcome == "rejected");
        (await Forum.ReadAsync(opened.Thread.ThreadId, observer, None)).Posts.Should().ContainSingle("the refused reply stored nothing");
    }

    [Fact]
    public async Task A_reply_to_a_thread_that_does_not_exist_is_not_found_and_recorded()
    {
        var missing = Guid.NewGuid();

        var refused = await FluentActions.Awaiting(() => Forum.ReplyAsync(new ForumReplyRequest(missing, "hola", "es", null), As("WB", Roles.Agency), None)).Should().ThrowAsync<ExchangeNotFoundException>();

        refused.Which.ResourceName.Should().Be(missing.ToString());
        (await _host.Get<Storage.ITransferStore>().GetAsync(refused.Which.TransferId, None))!.Outcome.Should().Be("rejected");
        await FluentActions.Awaiting(() => Forum.ReadAsync(missing, As("WB", Roles.Agency), None)).Should().ThrowAsync<ExchangeNotFoundException>();
    }

    [Fact]
    public async Task Threads_are_listed_latest_activity_first_filtered_by_kind_and_code_a_page_at_a_time()
    {
        var provider = As("INEGI", Roles.Provider);
        var poverty = await Forum.OpenAsync(Indicator("SI_POV_DAY1"), provider, None);
        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        var mortality = await Forum.OpenAsync(Indicator("SH_DYN_MORT"), provider, None);
        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        var mexico = await Forum.OpenAsync(new ForumThreadRequest("area", "484", "México", "Hola", "es", null), provider, None);
        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        await Forum.ReplyAsync(new ForumReplyRequest(poverty.Thread.ThreadId, "Una respuesta lo sube.", "es", null), As("WB", Roles.Agency), None);

        var all = await Forum.ListAsync(new ForumThreadFilter(null, null, 0), provider, None);
        all.Select(t => t.ThreadId).Should().Equal(poverty.Thread.ThreadId, mexico.Thread.ThreadId, mortality.Thread.ThreadId);
        (await Forum.ListAsync(new ForumThreadFilter("indicator", null, 1, 1), provider, None)).Single().ThreadId.Should().Be(mortality.Thread.ThreadId);
        (await Forum.ListAsync(new ForumThreadFilter("indicator", " SH_DYN_MORT ", 10), provider, None)).Single().ThreadId.Should().Be(mortality.Thread.ThreadId);
        (await Forum.ListAsync(new ForumThreadFilter("area", "484", 10), provider, None)).Single().PostCount.Should().Be(1);

        var invalid = await FluentActions.Awaiting(() => Forum.ListAsync(new ForumThreadFilter("complementary", null, GroupForum.MaxLimit + 1, -1), provider, None)).Should().ThrowAsync<ExchangeRejectedException>();
        invalid.Which.Violations.Select(v => v.Field).Should().Equal("subject_kind", "limit", "offset");
    }
}
