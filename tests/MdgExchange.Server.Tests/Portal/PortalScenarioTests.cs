using MdgExchange.Application.Security;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests.Portal;

/// <summary>
/// The scenario in a real Chromium, each person in their own browser: a national office uploads its file; an
/// agency sees it in what's new, downloads it, and asks a question in Spanish on the discrepancy pair the coordinator's
/// analysis raised; the office answers; the coordinator moves the pair and opens the inventory, which shows the flows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalScenarioTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly PortalDriver _portal = new(browser, server);

    [Fact]
    public async Task Upload_whats_new_question_in_Spanish_answer_pair_moved_and_the_inventory_shows_the_flows()
    {
        await server.RegisterAgreementAsync("INDEC");
        var office = await _portal.SignedUpAsync("INDEC", Roles.Provider, "carla@indec.gob.ar", "es-AR", "Carla");
        await office.GotoAsync(_portal.At("/upload").ToString());
        await office.SetInputFilesAsync("#file", TestFiles.Data("exchange", "indec_sh_dyn_mort_032.csv"));
        await office.ClickAsync("main button[type=submit]");
        await office.WaitForSelectorAsync("#upload-result");

        // UNICEF's machine pushes its estimates for Argentina (2014 differs from INDEC's 13.0).
        var estimates = Sdg("SH_DYN_MORT", "32", "G", ("2014", 11.9, "E"), ("2015", 12.5, "C"));
        estimates.Key["AGE"] = "Y0T4";
        await new DataExchangeService.DataExchangeServiceClient(server.AsOrganisation("UNICEF")).PushAsync(Header("UNICEF"), [estimates]);

        // The agency: INDEC's series is new to it; a download is a pull, after which it is no longer new.
        var agency = await _portal.SignedUpAsync("UNICEF", Roles.Agency, "rosa@unicef.org", "es-CL", "Rosa");
        await agency.ClickAsync("header >> text=Novedades");
        await agency.WaitForSelectorAsync("#new");
        var row = agency.Locator("#new tbody tr", new() { HasText = "SH_DYN_MORT" });
        (await row.InnerTextAsync()).Should().Contain("32").And.Contain("INDEC").And.Contain("16").And.Contain("nunca");
        await PortalDriver.AccessibleAsync(agency, "what's new");
        await _portal.ScreenshotAsync(agency, "portal-new-es");
        var csv = await agency.APIRequest.GetAsync(_portal.At(await row.Locator("a", new() { HasText = "SDMX-CSV" }).GetAttributeAsync("href") ?? "").ToString());
        csv.Status.Should().Be(200, await csv.TextAsync());
        (await csv.TextAsync()).Should().Contain("SH_DYN_MORT").And.Contain("2014");
        await agency.ReloadAsync();
        (await agency.Locator("#new tbody tr", new() { HasText = "INDEC" }).CountAsync()).Should().Be(0, "UNICEF pulled it since");

        // The coordinator runs the analysis in the portal.
        var coordinator = await _portal.SignedUpAsync("CEPAL", Roles.Coordinator, "coordinacion@cepal.org", "es-CL", "Coordinación");
        await coordinator.GotoAsync(_portal.At("/discrepancies").ToString());
        await coordinator.SelectOptionAsync("#dataflow", Flow);
        await coordinator.ClickAsync("#run button");
        await coordinator.WaitForSelectorAsync("#analysis-result");
        var pairRow = coordinator.Locator("#pairs tbody tr", new() { HasText = "2014" });
        (await pairRow.InnerTextAsync()).Should().Contain("13,00").And.Contain("11,90").And.Contain("planteado");
        await PortalDriver.AccessibleAsync(coordinator, "discrepancies");
        var pairUrl = _portal.At(await pairRow.Locator("a").GetAttributeAsync("href") ?? "").ToString();

        // The agency asks in Spanish on the pair; the office answers.
        await agency.GotoAsync(pairUrl);
        await agency.FillAsync("#question", "¿La cifra de 2014 proviene de estadísticas vitales o de una encuesta?");
        await agency.ClickAsync("#ask button[type=submit]");
        await agency.WaitForSelectorAsync("li.consultation-question");
        await PortalDriver.AccessibleAsync(agency, "pair");
        await office.GotoAsync(pairUrl);
        (await office.Locator("li.consultation-question").InnerTextAsync()).Should().Contain("estadísticas vitales o de una encuesta").And.Contain("UNICEF");
        await office.FillAsync("#question", "De las estadísticas vitales; la encuesta MICS da 11,9.");
        await office.CheckAsync("#answer");
        await office.ClickAsync("#ask button[type=submit]");
        await office.WaitForSelectorAsync("li.consultation-answer");

        // The coordinator moves the pair into consultation, and the history shows who did what.
        await coordinator.GotoAsync(pairUrl);
        await coordinator.SelectOptionAsync("#toState", "in-consultation");
        await coordinator.FillAsync("#comment", "Se consulta a INDEC y UNICEF.");
        await coordinator.ClickAsync("#move button[type=submit]");
        await PortalDriver.ArrivedAsync(coordinator, "**#history");
        (await coordinator.TextContentAsync("#pair-state")).Should().Be("en consulta");
        var history = await coordinator.Locator("ol.history li").AllInnerTextsAsync();
        history.Should().Contain(h => h.Contains("pregunta") && h.Contains("UNICEF"));
        history.Should().Contain(h => h.Contains("respuesta") && h.Contains("INDEC"));
        history.Should().Contain(h => h.Contains("planteado → en consulta") && h.Contains("CEPAL"));
        await _portal.ScreenshotAsync(coordinator, "portal-pair-es");

        // A national office may not accept the national value for the agency: refused, said, and nothing moved.
        await office.GotoAsync(pairUrl);
        (await office.Locator("#toState option[value=national-accepted]").CountAsync()).Should().Be(0);

        // The inventory, from the reports page.
        await coordinator.GotoAsync(_portal.At("/reports").ToString());
        await PortalDriver.AccessibleAsync(coordinator, "reports");
        await coordinator.ClickAsync("#report-inventory a >> nth=0");
        await coordinator.WaitForLoadStateAsync(LoadState.Load);
        var inventory = await coordinator.TextContentAsync("body");
        inventory.Should().Contain("INDEC").And.Contain("UNICEF").And.Contain("SH_DYN_MORT");
        await _portal.ScreenshotAsync(coordinator, "portal-inventory-es");

        await office.Context.CloseAsync();
        await agency.Context.CloseAsync();
        await coordinator.Context.CloseAsync();
    }
}
