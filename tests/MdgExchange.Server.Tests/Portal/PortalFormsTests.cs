using Grpc.Core;
using MdgExchange.Application.Security;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MdgExchange.Server.Tests.Portal;

/// <summary>
/// The form pages in a real Chromium: the coordinator onboards a provider and invites a person; a provider writes
/// indicator metadata in Spanish and compares it with an agency's; a provider fills in a technical sheet of the
/// catalogue, sees the one invalid field's problem next to it, then stores it; a provider is refused onboarding. What
/// the pages stored is read back over gRPC, the same use cases.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalFormsTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Flow = "MDGX:DF_SDG(1.0)";
    private readonly PortalDriver _portal = new(browser, server);

    [Fact]
    public async Task The_coordinator_onboards_a_provider_for_an_area_and_a_dataflow_and_invites_a_person()
    {
        var coordinator = await _portal.SignedUpAsync("CEPAL", Roles.Coordinator, "ana@cepal.org", "es-CL", "Ana");
        await coordinator.ClickAsync("header >> text=Incorporar proveedores");
        await coordinator.WaitForSelectorAsync("#onboard-form");

        // An area that is no REF_AREA code: the problem is next to the areas field, and nothing is registered.
        await coordinator.FillAsync("#organisation", "INE_PY");
        await coordinator.FillAsync("#name_en", "National Statistics Institute of Paraguay");
        await coordinator.FillAsync("#name_es", "Instituto Nacional de Estadística del Paraguay");
        await coordinator.FillAsync("#areas", "600 XX9");
        await coordinator.CheckAsync($"input[name=dataflows][value='{Flow}']");
        await coordinator.ClickAsync("#onboard-form button[type=submit]");
        await coordinator.WaitForSelectorAsync("#form-errors");
        (await coordinator.TextContentAsync("#areas-error")).Should().Contain("XX9");
        (await coordinator.GetAttributeAsync("#areas", "aria-describedby")).Should().Be("areas-error");
        await FluentActions.Awaiting(() => Structures.GetProviderAsync(new GetProviderRequest { Organisation = "INE_PY" }).ResponseAsync)
            .Should().ThrowAsync<RpcException>().Where(e => e.StatusCode == StatusCode.NotFound);

        await coordinator.FillAsync("#areas", "600");
        await coordinator.ClickAsync("#onboard-form button[type=submit]");
        await coordinator.WaitForSelectorAsync("#onboard-result");
        (await coordinator.TextContentAsync("#onboard-result")).Should().Contain("INE_PY quedó incorporado");
        var row = coordinator.Locator("#providers tr[data-provider=INE_PY]");
        (await row.InnerTextAsync()).Should().Contain("Instituto Nacional de Estadística del Paraguay").And.Contain("DF_SDG").And.Contain("600");
        var provider = await Structures.GetProviderAsync(new GetProviderRequest { Organisation = "INE_PY" });
        provider.Agreements.Single().Areas.Should().Equal("600");
        provider.Agreements.Single().Dataflow.Id.Should().Be("DF_SDG");
        await PortalDriver.AccessibleAsync(coordinator, "onboard");
        await _portal.ScreenshotAsync(coordinator, "portal-onboard-es");

        // The invitation: the one-time link is shown once, and it makes an account of that organisation and role.
        await coordinator.FillAsync("#invite-organisation", "INE_PY");
        await coordinator.SelectOptionAsync("#invite-role", Roles.Provider);
        await coordinator.FillAsync("#invite-email", "luis@ine.gov.py");
        await coordinator.ClickAsync("#invite-form button[type=submit]");
        await coordinator.WaitForSelectorAsync("#invite-result");
        var link = await coordinator.InputValueAsync("#signup-link");
        link.Should().Contain("/signup?token=");
        (await coordinator.TextContentAsync("#invite-result")).Should().Contain("luis@ine.gov.py").And.Contain("INE_PY").And.Contain("Proveedor nacional");
        await PortalDriver.AccessibleAsync(coordinator, "invite");
        await coordinator.GotoAsync(_portal.At("/onboard/invite").ToString());
        (await coordinator.Locator("#signup-link").CountAsync()).Should().Be(0, "the link is shown once");

        var person = await _portal.PageAsync("es-PY");
        await person.GotoAsync(_portal.At(new Uri(link).PathAndQuery).ToString());
        await person.FillAsync("#name", "Luis");
        await person.FillAsync("#password", PortalDriver.Password);
        await person.FillAsync("#confirm", PortalDriver.Password);
        await person.ClickAsync("button[type=submit]");
        await PortalDriver.ArrivedAsync(person, _portal.At("/").ToString());
        (await person.TextContentAsync("main")).Should().Contain("INE_PY").And.Contain(Roles.Provider);
        (await person.Locator("header a[href='/onboard']").CountAsync()).Should().Be(0, "a provider is not offered onboarding");
        (await person.Locator("header a[href='/catalog']").CountAsync()).Should().Be(1);
        await coordinator.Context.CloseAsync();
        await person.Context.CloseAsync();
    }

    [Fact]
    public async Task A_provider_submits_metadata_in_Spanish_for_a_series_and_compares_it_with_an_agencys()
    {
        await new MetadataService.MetadataServiceClient(server.AsOrganisation("UNICEF")).SubmitMetadataAsync(new SubmitMetadataRequest
        {
            Reports =
            {
                new MetadataReport
                {
                    TargetKind = "series", TargetCode = "SH_DYN_MORT",
                    Values =
                    {
                        new MetadataValue { Concept = "STAT_CONC_DEF", Lang = "es", Text = "Probabilidad de morir entre el nacimiento y los cinco años, por 1.000 nacidos vivos." },
                        new MetadataValue { Concept = "UNIT_MEASURE", Lang = "es", Text = "Muertes por 1.000 nacidos vivos" },
                    },
                },
            },
        });
        await server.RegisterAgreementAsync("INE_CL", Flow, "152");
        var office = await _portal.SignedUpAsync("INE_CL", Roles.Provider, "marta@ine.gob.cl", "es-CL", "Marta");
        await office.GotoAsync(_portal.At("/metadata/edit?kind=series&target=SH_DYN_MORT&area=152&lang=es").ToString());
        (await office.Locator("#area option").AllInnerTextsAsync()).Should().Equal("152");
        (await office.TextContentAsync("label[for=c_STAT_CONC_DEF]")).Should().Contain("Definición, conceptos y clasificaciones");
        await office.FillAsync("#c_STAT_CONC_DEF", "Defunciones de menores de cinco años según estadísticas vitales, por cada mil nacidos vivos.");
        await office.FillAsync("#c_UNIT_MEASURE", "Muertes por 1.000 nacidos vivos");
        await office.FillAsync("#c_DATA_COMP", "Cociente entre defunciones de menores de 5 años y nacidos vivos del año.");
        await PortalDriver.AccessibleAsync(office, "metadata edit");
        await office.ClickAsync("#metadata-form button[type=submit]");
        await office.WaitForSelectorAsync("#metadata-result");
        (await office.TextContentAsync("#metadata-result")).Should().Contain("INE_CL:SH_DYN_MORT_152 versión 1: creado");

        var stored = await new MetadataService.MetadataServiceClient(server.Coordinator).GetMetadataReportAsync(new GetMetadataReportRequest { Organisation = "INE_CL", SetId = "SH_DYN_MORT_152" });
        (stored.ReportingType, stored.TargetCode, stored.RefArea, stored.Version).Should().Be(("N", "SH_DYN_MORT", "152", 1));
        stored.Values.Select(v => (v.Concept, v.Lang)).Should().BeEquivalentTo([("STAT_CONC_DEF", "es"), ("UNIT_MEASURE", "es"), ("DATA_COMP", "es")]);
        var transfer = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = stored.TransferId });
        (transfer.Kind, transfer.Channel, transfer.Outcome).Should().Be(("metadata-submit", "portal", "completed"));

        // A revision: the form opens on the current version; a change makes version 2.
        await office.GotoAsync(_portal.At("/metadata/edit?kind=series&target=SH_DYN_MORT&area=152&lang=es").ToString());
        (await office.InputValueAsync("#c_UNIT_MEASURE")).Should().Be("Muertes por 1.000 nacidos vivos");
        await office.FillAsync("#c_REC_USE_LIM", "Subregistro de defunciones en zonas rurales.");
        await office.ClickAsync("#metadata-form button[type=submit]");
        await office.WaitForSelectorAsync("#metadata-result");
        (await office.TextContentAsync("#metadata-result")).Should().Contain("versión 2: nueva versión guardada");

        await office.ClickAsync("#metadata-result a");
        await office.WaitForSelectorAsync("#comparison");
        (await office.TextContentAsync("#pair-title")).Should().Contain("INE_CL frente a UNICEF");
        (await office.GetAttributeAsync("tr[data-concept=UNIT_MEASURE]", "class")).Should().Be("same");
        (await office.GetAttributeAsync("tr[data-concept=STAT_CONC_DEF]", "class")).Should().Be("different");
        (await office.TextContentAsync("tr[data-concept=STAT_CONC_DEF] td.status")).Should().Contain("Diferente");
        (await office.TextContentAsync("tr[data-concept=DATA_COMP] td.status")).Should().Contain("Falta en la internacional");
        await PortalDriver.AccessibleAsync(office, "metadata compare");
        await _portal.ScreenshotAsync(office, "portal-metadata-compare-es");

        await office.GotoAsync(_portal.At("/metadata?target=SH_DYN_MORT").ToString());
        var rows = await office.Locator("#reports tbody tr").AllInnerTextsAsync();
        rows.Should().HaveCount(2);
        rows.Should().Contain(r => r.Contains("INE_CL") && r.Contains("152") && r.Contains("Nacional"));
        rows.Should().Contain(r => r.Contains("UNICEF") && r.Contains("todas las áreas"));
        await PortalDriver.AccessibleAsync(office, "metadata list");
        await office.Context.CloseAsync();
    }

    [Fact]
    public async Task A_provider_fills_in_a_technical_sheet_sees_the_invalid_field_then_stores_it()
    {
        await server.RegisterAgreementAsync("INEC_CR", Flow, "188");
        var office = await _portal.SignedUpAsync("INEC_CR", Roles.Provider, "sofia@inec.go.cr", "en-GB", "Sofía");
        await office.GotoAsync(_portal.At("/catalog/edit").ToString());
        (await office.Locator("#country option[value]:not([value=''])").EvaluateAllAsync<string[]>("o => o.map(x => x.value)")).Should().Equal("188");
        await office.FillAsync("#id", "CR_ENAHO");
        await office.FillAsync("#name_en", "National Household Survey");
        await office.FillAsync("#name_es", "Encuesta Nacional de Hogares");
        await office.SelectOptionAsync("#country", "188");
        await office.FillAsync("#producer", "INEC");
        await office.SelectOptionAsync("#type", "household-survey");
        await office.SelectOptionAsync("#periodicity", "annual");
        await office.FillAsync("#reference_years", "2022;2023");
        await office.FillAsync("#sample_size", "about 11000");
        await office.SelectOptionAsync("#level", "region");
        await office.FillAsync("#indicators-0-indicator", "3.2.1");
        await office.CheckAsync("#indicators-0-disaggregations-sex");
        await office.ClickAsync("#operation-form button[type=submit]");
        await office.WaitForSelectorAsync("#form-errors");

        (await office.TextContentAsync("#sample_size-error")).Should().Contain("not a whole number");
        (await office.GetAttributeAsync("#sample_size", "aria-invalid")).Should().Be("true");
        (await office.GetAttributeAsync("#sample_size", "aria-describedby")).Should().Be("sample_size-error");
        (await office.Locator("span.error").CountAsync()).Should().Be(1, "only the sample size is wrong");
        (await office.InputValueAsync("#producer")).Should().Be("INEC", "the form keeps what was typed");
        (await Catalog.ListOperationsAsync(new ListOperationsRequest { Country = "188" })).Operations.Should().BeEmpty("nothing was stored");
        await PortalDriver.AccessibleAsync(office, "catalog edit with an error");
        await _portal.ScreenshotAsync(office, "portal-catalog-error-en");

        await office.FillAsync("#sample_size", "11000");
        await office.ClickAsync("#operation-form button[type=submit]");
        await office.WaitForSelectorAsync("#catalog-result");
        (await office.TextContentAsync("#catalog-result")).Should().Contain("Operation CR_ENAHO created with 1 indicator");
        var stored = await Catalog.GetOperationAsync(new GetOperationRequest { Id = "CR_ENAHO" });
        stored.Should().BeEquivalentTo(new { Country = "188", Producer = "INEC", Type = "household-survey", Periodicity = "annual", SampleSize = 11000L, Level = "region" }, o => o.ExcludingMissingMembers());
        stored.ReferenceYears.Should().Equal(2022, 2023);
        stored.Indicators.Select(i => $"{i.Indicator} {string.Join('+', i.Disaggregations)}").Should().Equal("3.2.1 sex");

        await office.GotoAsync(_portal.At("/catalog?country=188").ToString());
        (await office.Locator("#operations tbody tr").AllInnerTextsAsync()).Should().ContainSingle().Which.Should().Contain("National Household Survey").And.Contain("CR_ENAHO").And.Contain("3.2.1");
        await PortalDriver.AccessibleAsync(office, "catalog");
        await _portal.ScreenshotAsync(office, "portal-catalog-en");

        // Its writer may delete it from its sheet (the access table lets providers delete their country's operations).
        await office.ClickAsync("#op-CR_ENAHO a");
        await office.WaitForSelectorAsync("#delete-form");
        await office.CheckAsync("#confirm-delete");
        await office.ClickAsync("#delete-form button[type=submit]");
        await office.WaitForSelectorAsync("#deleted");
        (await office.Locator("#operations").CountAsync()).Should().Be(0);
        (await Catalog.ListOperationsAsync(new ListOperationsRequest { Country = "188" })).Operations.Should().BeEmpty("the operation was deleted");
        await office.Context.CloseAsync();
    }

    [Fact]
    public async Task A_provider_cannot_open_or_post_the_onboarding_page()
    {
        await server.RegisterAgreementAsync("DIGESTYC", Flow, "222");
        var office = await _portal.SignedUpAsync("DIGESTYC", Roles.Provider, "jose@digestyc.gob.sv", "es-SV", "José");
        var opened = await office.GotoAsync(_portal.At("/onboard").ToString());
        opened!.Status.Should().Be(403);
        (await office.TextContentAsync("#denied")).Should().Be("No puede abrir esta página.");
        (await office.Locator("#onboard-form").CountAsync()).Should().Be(0);
        await PortalDriver.AccessibleAsync(office, "denied");

        await office.GotoAsync(_portal.At("/catalog/edit").ToString());
        var token = await office.EvaluateAsync<string>("() => document.querySelector('input[name=__RequestVerificationToken]').value");
        var posted = await office.APIRequest.PostAsync(_portal.At("/onboard").ToString(), new()
        {
            Form = office.APIRequest.CreateFormData().Append("__RequestVerificationToken", token).Append("organisation", "DIGESTYC_X").Append("nameEn", "X").Append("areas", "222").Append("dataflows", Flow),
        });
        posted.Status.Should().Be(403);
        await FluentActions.Awaiting(() => Structures.GetProviderAsync(new GetProviderRequest { Organisation = "DIGESTYC_X" }).ResponseAsync)
            .Should().ThrowAsync<RpcException>().Where(e => e.StatusCode == StatusCode.NotFound);
        var invited = await office.APIRequest.PostAsync(_portal.At("/onboard/invite").ToString(), new()
        {
            Form = office.APIRequest.CreateFormData().Append("__RequestVerificationToken", token).Append("organisation", "DIGESTYC").Append("role", Roles.Coordinator).Append("email", "x@digestyc.gob.sv"),
        });
        invited.Status.Should().Be(403);
        await office.Context.CloseAsync();
    }

    private StructureService.StructureServiceClient Structures => new(server.Coordinator);

    private CatalogService.CatalogServiceClient Catalog => new(server.Coordinator);
}
