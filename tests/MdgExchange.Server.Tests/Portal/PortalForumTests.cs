using System.Net;
using MdgExchange.Application.Security;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;

namespace MdgExchange.Server.Tests.Portal;

/// <summary>
/// The group's forum in a real Chromium: a national office opens a thread on an indicator in Spanish, an agency replies
/// in English, the coordinator reads both; markup in a post stays text; an unknown indicator is refused naming the
/// field; a post without its antiforgery token is refused over raw HTTP. Each page is checked with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalForumTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly PortalDriver _portal = new(browser, server);

    [Fact]
    public async Task A_provider_opens_an_indicator_thread_in_Spanish_an_agency_replies_in_English_and_the_coordinator_reads_both()
    {
        var provider = await _portal.SignedUpAsync("INEGI", Roles.Provider, "ana@inegi.org.mx", "es-MX", "Ana Pérez");
        await provider.ClickAsync("header a[href='/forum']");
        await PortalDriver.ArrivedAsync(provider, "**/forum");
        (await provider.TextContentAsync("h1")).Should().Be("El foro del grupo");
        await PortalDriver.AccessibleAsync(provider, "forum");

        // An indicator the registry does not know is refused, naming the field, and the form keeps what was written.
        await provider.SelectOptionAsync("#open-kind", "indicator");
        await provider.FillAsync("#open-code", "SI_POV_NOPE");
        await provider.FillAsync("#open-title", "¿Qué línea de pobreza usa cada país?");
        await provider.FillAsync("#open-text", "En México la línea es la del CONEVAL.");
        await provider.ClickAsync("#open button[type=submit]");
        await provider.WaitForSelectorAsync("#problems");
        (await provider.TextContentAsync("#problems li[data-field=subject_code]")).Should().Contain("SI_POV_NOPE").And.Contain("CL_SERIES");
        (await provider.InputValueAsync("#open-title")).Should().Be("¿Qué línea de pobreza usa cada país?");

        await provider.FillAsync("#open-code", "SI_POV_DAY1");
        await provider.SelectOptionAsync("#open-lang", "es");
        await provider.ClickAsync("#open button[type=submit]");
        await PortalDriver.ArrivedAsync(provider, "**/forum/thread?id=**");
        (await provider.TextContentAsync("#thread-title")).Should().Be("¿Qué línea de pobreza usa cada país?");
        (await provider.TextContentAsync("#thread-subject")).Should().Contain("Indicador").And.Contain("SI_POV_DAY1");
        (await provider.InnerTextAsync("#p-1 p.text[lang=es]")).Should().Be("En México la línea es la del CONEVAL.");
        (await provider.InnerTextAsync("#p-1 .meta")).Should().Contain("Ana Pérez (INEGI) escribió");
        var thread = provider.Url;
        await PortalDriver.AccessibleAsync(provider, "forum thread");
        await _portal.ScreenshotAsync(provider, "portal-forum-thread-es");

        // The World Bank's focal point finds it by indicator and replies in English, with markup that must stay text.
        server.Clock.Advance(TimeSpan.FromHours(2));
        var agency = await _portal.SignedUpAsync("WB", Roles.Agency, "li@worldbank.org", "en-GB", "Li Wei");
        await agency.GotoAsync(_portal.At("/forum?kind=indicator&code=SI_POV_DAY1").ToString());
        await agency.ClickAsync("#threads a:has-text('línea de pobreza')");
        await PortalDriver.ArrivedAsync(agency, "**/forum/thread?id=**");
        await agency.FillAsync("#reply-text", "We use the 2017 PPP line of $2.15 a day. <script>document.title='owned'</script>");
        await agency.SelectOptionAsync("#reply-lang", "en");
        await agency.ClickAsync("#reply button[type=submit]");
        await agency.WaitForSelectorAsync("#p-2");
        (await agency.InnerTextAsync("#p-2 p.text[lang=en]")).Should().Contain("2017 PPP").And.Contain("<script>document.title='owned'</script>");
        (await agency.Locator("#posts script").CountAsync()).Should().Be(0, "a post is text, never markup");
        (await agency.TitleAsync()).Should().NotBe("owned");
        (await agency.InnerTextAsync("#p-2 .meta")).Should().Contain("Li Wei (WB) wrote");

        // The coordinator sees the thread first in the list, with both posts.
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var coordinator = await _portal.SignedUpAsync("CEPAL", Roles.Coordinator, "rolando@cepal.org", "es-CL", "Rolando");
        await coordinator.GotoAsync(_portal.At("/forum").ToString());
        var row = await coordinator.Locator("#threads tbody tr").First.InnerTextAsync();
        row.Should().Contain("línea de pobreza").And.Contain("INEGI").And.Contain("2");
        await _portal.ScreenshotAsync(coordinator, "portal-forum-es");
        await coordinator.GotoAsync(thread);
        (await coordinator.Locator("li.post").AllInnerTextsAsync()).Should().HaveCount(2)
            .And.Satisfy(p => p.Contains("CONEVAL"), p => p.Contains("2017 PPP"));

        // Each post is a transfer, as the coordinator reads them over gRPC.
        var transfers = await new TransferService.TransferServiceClient(server.Coordinator).ListTransfersAsync(new ListTransfersRequest { Kind = "forum-post", Limit = 100 });
        transfers.Transfers.Select(t => (t.Sender, t.Outcome)).Should().Contain([("INEGI", "rejected"), ("INEGI", "completed"), ("WB", "completed")]);
        await provider.Context.CloseAsync();
        await agency.Context.CloseAsync();
        await coordinator.Context.CloseAsync();
    }

    [Fact]
    public async Task A_post_without_its_antiforgery_token_is_refused_and_stores_nothing()
    {
        var page = await _portal.SignedUpAsync("DANE", Roles.Provider, "luisa@dane.gov.co", "es-CO", "Luisa");
        await page.GotoAsync(_portal.At("/forum").ToString());
        var form = page.APIRequest.CreateFormData().Append("kind", "area").Append("code", "170").Append("title", "Censo 2018").Append("text", "¿Quién tiene los microdatos?");

        var forged = await page.APIRequest.PostAsync(_portal.At("/forum").ToString(), new() { Form = form, MaxRedirects = 0 });
        forged.Status.Should().Be((int)HttpStatusCode.BadRequest, "the session cookie alone does not make a form post");

        // With the page's token the same post opens the thread on Colombia (an area of CL_AREA).
        var token = await page.InputValueAsync("#open input[name=__RequestVerificationToken]");
        var posted = await page.APIRequest.PostAsync(_portal.At("/forum").ToString(), new() { Form = form.Append("__RequestVerificationToken", token), MaxRedirects = 0 });
        posted.Status.Should().Be((int)HttpStatusCode.Redirect);
        await page.GotoAsync(_portal.At("/forum?kind=area&code=170").ToString());
        (await page.Locator("#threads tbody tr").CountAsync()).Should().Be(1, "only the post with its token was stored");
        await page.Context.CloseAsync();
    }
}
