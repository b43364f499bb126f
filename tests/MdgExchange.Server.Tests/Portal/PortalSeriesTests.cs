using System.Net;
using Google.Protobuf.WellKnownTypes;
using MdgExchange.Application.Security;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests.Portal;

/// <summary>
/// The series page in a real Chromium: national against international values (chart, NATURE, vintages), a question in
/// Spanish from an agency and the provider's answer, HTML in a question shown as text, and embargoed data out of reach
/// of another organisation however the URL is edited.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalSeriesTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly PortalDriver _portal = new(browser, server);

    private static string SeriesUrl(string key, string? asOf = null) =>
        $"/series?flow={Uri.EscapeDataString(Flow)}&key={Uri.EscapeDataString(key)}" + (asOf is null ? "" : "&asof=" + Uri.EscapeDataString(asOf));

    [Fact]
    public async Task An_agency_compares_national_and_international_values_picks_a_vintage_and_asks_in_Spanish_and_the_provider_answers()
    {
        var indec = new DataExchangeService.DataExchangeServiceClient(server.AsOrganisation("INDEC"));
        var unicef = new DataExchangeService.DataExchangeServiceClient(server.AsOrganisation("UNICEF"));
        await indec.PushAsync(Header("INDEC"), [Sdg("SH_DYN_MORT", "32", "N", ("2018", 9.8, "C"), ("2019", 9.25, "C"))]);
        server.Clock.Advance(TimeSpan.FromDays(1));
        await unicef.PushAsync(Header("UNICEF"), [Sdg("SH_DYN_MORT", "32", "G", ("2018", 9.8, "C"), ("2019", 9.3, "E"))]);
        server.Clock.Advance(TimeSpan.FromDays(1));
        await indec.PushAsync(Header("INDEC"), [Sdg("SH_DYN_MORT", "32", "N", ("2018", 10.1, "C"))]);
        var national = SdgKey("SH_DYN_MORT", "32", "N");

        var agency = await _portal.SignedUpAsync("UNICEF", Roles.Agency, "rosa@unicef.org", "es-CL", "Rosa");
        await agency.GotoAsync(_portal.At(SeriesUrl(national)).ToString());
        (await agency.TextContentAsync("h1")).Should().Contain("SH_DYN_MORT");
        var values = await agency.Locator("#values tbody tr").AllInnerTextsAsync();
        values.Should().HaveCount(2);
        values[0].Should().Contain("2018").And.Contain("10,10").And.Contain("9,80").And.Contain("0,30", "the difference national − international, with the Spanish decimal comma");
        values[1].Should().Contain("2019").And.Contain("9,25").And.Contain("9,30").And.Contain("E");
        (await agency.Locator("#chart svg .international circle.estimated[data-nature=E]").CountAsync()).Should().Be(1, "UNICEF's 2019 estimate is drawn hollow");
        (await agency.Locator("#chart svg .national circle").CountAsync()).Should().Be(2);
        (await agency.Locator("#asof option").CountAsync()).Should().Be(4, "current values and the three pushes' vintages");
        await PortalDriver.AccessibleAsync(agency, "series");
        await _portal.ScreenshotAsync(agency, "portal-series-es");

        // The vintage before INDEC's revision: 2018 was 9.8 then.
        var vintages = await agency.Locator("#asof option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        await agency.SelectOptionAsync("#asof", vintages[2]);
        await agency.ClickAsync("form.vintage button");
        await PortalDriver.ArrivedAsync(agency, "**asof=**");
        (await agency.Locator("#values tbody tr").First.InnerTextAsync()).Should().Contain("9,80").And.NotContain("10,10");

        // A question in Spanish on 2018, with markup that must stay text.
        await agency.GotoAsync(_portal.At(SeriesUrl(national)).ToString());
        await agency.FillAsync("#question", "¿Por qué se revisó el valor de 2018? <img src=x onerror=alert(1)>");
        await agency.SelectOptionAsync("#period", "2018");
        await agency.ClickAsync("#ask button[type=submit]");
        await agency.WaitForSelectorAsync("li.consultation-question");
        var question = agency.Locator("li.consultation-question");
        (await question.Locator("p.text[lang=es]").InnerTextAsync()).Should().Contain("¿Por qué se revisó").And.Contain("<img src=x");
        (await question.Locator("img").CountAsync()).Should().Be(0, "an annotation's text is escaped, never markup");
        (await question.Locator(".meta").InnerTextAsync()).Should().Contain("UNICEF").And.Contain("2018");

        // INDEC's statistician answers on the same page, a minute later.
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        var provider = await _portal.SignedUpAsync("INDEC", Roles.Provider, "pablo@indec.gob.ar", "es-AR", "Pablo");
        await provider.GotoAsync(_portal.At(SeriesUrl(national)).ToString());
        await provider.FillAsync("li.consultation-question textarea", "Se incorporaron las estadísticas vitales definitivas de 2018.");
        await provider.ClickAsync("li.consultation-question form.answer button");
        await provider.WaitForSelectorAsync("li.consultation-answer");
        (await provider.Locator("li.consultation-answer").InnerTextAsync()).Should().Contain("estadísticas vitales definitivas").And.Contain("INDEC").And.Contain("En respuesta");
        await _portal.ScreenshotAsync(provider, "portal-series-answer-es");

        // Both are annotations of the series over gRPC too: the same use case.
        var listed = await new DataExchangeService.DataExchangeServiceClient(server.AsOrganisation("UNICEF")).ListAnnotationsAsync(new ListAnnotationsRequest { Dataflow = Flow, Key = national });
        listed.Annotations.Select(a => a.Type).Should().Equal(AnnotationType.ConsultationQuestion, AnnotationType.ConsultationAnswer);
        listed.Annotations[1].ReplyTo.Should().Be(listed.Annotations[0].AnnotationId);
        await agency.Context.CloseAsync();
        await provider.Context.CloseAsync();
    }

    [Fact]
    public async Task Embargoed_data_of_one_organisation_is_not_reached_by_another_by_editing_the_url()
    {
        var inec = new DataExchangeService.DataExchangeServiceClient(server.AsOrganisation("INEC"));
        var header = Header("INEC");
        header.EmbargoUntil = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow().AddDays(30));
        await inec.PushAsync(header, [Sdg("SH_DYN_IMRT", "218", "N", ("2023", 10.4, "C"))]);
        var key = SdgKey("SH_DYN_IMRT", "218", "N");

        var owner = await _portal.SignedUpAsync("INEC", Roles.Provider, "maria@inec.gob.ec", "en-GB");
        var response = await owner.GotoAsync(_portal.At(SeriesUrl(key)).ToString());
        response!.Status.Should().Be(200);
        (await owner.Locator("#values tbody tr").InnerTextAsync()).Should().Contain("10.40");

        var other = await _portal.SignedUpAsync("DANE", Roles.Provider, "jorge@dane.gov.co", "en-GB");
        foreach (var url in new[] { SeriesUrl(key), SeriesUrl(key, server.Clock.GetUtcNow().AddDays(60).ToString("O")), SeriesUrl(key.Replace(".N.", ".G.", StringComparison.Ordinal)) })
        {
            var refused = await other.GotoAsync(_portal.At(url).ToString());
            refused!.Status.Should().Be(404, url);
            (await other.TextContentAsync("#refusal")).Should().Contain("that you may see");
            (await other.Locator("#values").CountAsync()).Should().Be(0);
        }

        // Nor by posting a question on it with a valid form token (the same rule as over gRPC: the series does not exist for DANE).
        await other.GotoAsync(_portal.At("/upload").ToString());
        var token = await other.EvaluateAsync<string>("() => document.querySelector('input[name=__RequestVerificationToken]').value");
        var posted = await other.APIRequest.PostAsync(_portal.At("/series").ToString(), new() { Form = other.APIRequest.CreateFormData().Append("__RequestVerificationToken", token).Append("flow", Flow).Append("key", key).Append("text", "¿?") });
        posted.Status.Should().Be((int)HttpStatusCode.NotFound);
        await owner.GotoAsync(_portal.At(SeriesUrl(key)).ToString());
        (await owner.Locator("li.annotation").CountAsync()).Should().Be(0, "the refused question stored nothing");
        await owner.Context.CloseAsync();
        await other.Context.CloseAsync();
    }
}
