using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CsvHelper;
using MdgExchange.Domain.Discrepancies;
using MdgExchange.Domain.Inventory;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Reports;
using MdgExchange.Server.Tests.Infrastructure;
using MdgExchange.Storage;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>Relative differences and shares: percentages in the report's language on the HTML page, full precision in CSV and JSON.</summary>
public sealed class ReportPercentageTests
{
    private static readonly XNamespace Xhtml = InventoryReportTests.Xhtml;
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string> Indicators = new(StringComparer.Ordinal) { ["SH_DYN_MORT"] = "3.2.1" };

    private static DiscrepancyPair Pair(string area, string period, double national, double international, string nature) => new()
    {
        PairId = Guid.NewGuid(), Dataflow = "MDGX:DF_SDG(1.0)", Series = "SH_DYN_MORT", Area = area, Period = period, Breakdown = "",
        NationalOrganisation = "INDEC", NationalValue = national, NationalNature = "C", InternationalOrganisation = "UNICEF", InternationalValue = international,
        InternationalNature = nature, Difference = international - national, State = ReconciliationStates.Raised, FirstFoundAt = T0, AnalysedAt = T0,
        Codes = [new PairCode("EST", PairCode.Automatic, PairCode.Proposed, "rule", [], null, null, T0)],
    };

    // 10 → 10.523 is a relative difference of 0.0523; one E among three international figures a share of 1/3.
    private static readonly IReadOnlyList<DiscrepancyPair> Pairs = [Pair("32", "2019", 10, 10.523, "E"), Pair("32", "2018", 20, 21, "C"), Pair("32", "2017", 30, 33, "C")];

    private static string Rendered(IReadOnlyList<DiscrepancyPair> pairs, string format, string lang) =>
        Encoding.UTF8.GetString(ReportRenderer.Render(DiscrepancyReport.Build(pairs, Indicators, lang, T0), format));

    private static List<List<string>> BodyRows(XDocument page, string id) =>
        page.Descendants(Xhtml + "section").Single(s => (string?)s.Attribute("id") == id).Descendants(Xhtml + "tbody").Single()
            .Elements(Xhtml + "tr").Where(r => r.Attribute("class") is null).Select(r => r.Elements(Xhtml + "td").Select(td => td.Value).ToList()).ToList();

    [Theory]
    [InlineData(0.0523, "en", "5.2\u00A0%")]
    [InlineData(0.0523, "es", "5,2\u00A0%")]
    [InlineData(1.0, "en", "100\u00A0%")]
    [InlineData(-0.125, "es", "-12,5\u00A0%")]
    public void A_ratio_reads_as_a_percentage_in_the_report_language(double ratio, string lang, string expected) =>
        ReportCells.Percent(ratio, lang).Should().Be(expected);

    [Theory]
    [InlineData("en", "5.2\u00A0%", "33.3\u00A0%")]
    [InlineData("es", "5,2\u00A0%", "33,3\u00A0%")]
    public void The_discrepancy_page_shows_the_relative_difference_and_the_nature_share_as_percentages(string lang, string relative, string third)
    {
        var page = InventoryReportTests.Html(Encoding.UTF8.GetBytes(Rendered(Pairs, "html", lang)));

        var column = DiscrepancyReport.PairColumns.ToList().IndexOf("relative_difference");
        BodyRows(page, "pairs").Single(r => r[3] == "2019")[column].Should().Be(relative);
        BodyRows(page, "gaps").Select(r => r[column]).Should().Contain(relative);
        var nature = BodyRows(page, "nature").ToDictionary(r => r[0], r => r[3]);
        nature["E"].Should().Be(third);
        BodyRows(page, "progress").Single(r => r[0] == ReconciliationStates.Raised)[3].Should().Be("100\u00A0%");
    }

    [Fact]
    public void The_discrepancy_CSV_and_JSON_keep_the_relative_difference_and_shares_in_full_precision()
    {
        var expected = ((10.523 - 10) / 10).ToString("R", CultureInfo.InvariantCulture);
        double.Parse(expected, CultureInfo.InvariantCulture).Should().BeApproximately(0.0523, 1e-12, "the ratio itself, not rounded to six decimals");

        using var csv = new CsvReader(new StringReader(Rendered(Pairs, "csv", "es")), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        rows.Single(r => (string)r["period"] == "2019")["relative_difference"].Should().Be(expected);
        rows.Single(r => (string)r["period"] == "2018")["relative_difference"].Should().Be("0.05");

        using var json = JsonDocument.Parse(Rendered(Pairs, "json", "es"));
        var tables = json.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        tables["pairs"].GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("period").GetString() == "2019")
            .GetProperty("relative_difference").GetString().Should().Be(expected);
        tables["nature"].GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("nature").GetString() == "E")
            .GetProperty("share").GetString().Should().Be((1 / 3.0).ToString("R", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_inventory_page_shows_the_rejected_share_as_a_percentage_and_the_CSV_and_JSON_in_full_precision()
    {
        // One of three transfers rejected.
        var flow = InventoryReportTests.Scenario.Flows[0] with { Transfers = 3, Rejected = 1 };
        var result = new InventoryResult(new InventoryQuery(), [flow], [], 3, T0) { RejectedTransfers = 1 };
        var third = (1 / 3.0).ToString("R", CultureInfo.InvariantCulture);

        var page = InventoryReportTests.Html(ReportRenderer.Render(InventoryReport.Build(result, "es"), "html"));
        var column = InventoryReport.FlowColumns.ToList().IndexOf("rejected_share");
        page.Descendants(Xhtml + "section").Single(s => (string?)s.Attribute("id") == "flows").Descendants(Xhtml + "tbody").Single()
            .Elements(Xhtml + "tr").Single(r => r.Attribute("class") is null).Elements(Xhtml + "td").ElementAt(column).Value.Should().Be("33,3\u00A0%");
        page.Descendants(Xhtml + "div").Single(d => (string?)d.Attribute("id") == "figure-rejected_share").Elements(Xhtml + "span").First().Value.Should().Be("33,3\u00A0%");

        var csv = Encoding.UTF8.GetString(ReportRenderer.Render(InventoryReport.Build(result, "es"), "csv"));
        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        ((IDictionary<string, object>)reader.GetRecords<dynamic>().Single())["rejected_share"].Should().Be(third);
        using var json = JsonDocument.Parse(ReportRenderer.Render(InventoryReport.Build(result, "en"), "json"));
        json.RootElement.GetProperty("tables")[0].GetProperty("rows")[0].GetProperty("rejected_share").GetString().Should().Be(third);
    }
}

/// <summary>Countries and organisations by name, in the report's language, with the code beside: from the seeded registry and imported schemes.</summary>
public sealed class ReportNameTests(ClockServerFixture server) : IClassFixture<ClockServerFixture>
{
    private static readonly XNamespace Xhtml = InventoryReportTests.Xhtml;

    [Fact]
    public async Task Areas_are_named_from_CL_AREA_in_English_and_from_iso_codes_in_Spanish()
    {
        var registry = new ReportNameRegistry(server.GetService<IStructureStore>());

        var en = await registry.LoadAsync("en", CancellationToken.None);
        var es = await registry.LoadAsync("es", CancellationToken.None);

        (en.Area("32"), es.Area("32")).Should().Be(("Argentina (32)", "Argentina (32)"));
        (en.Area("68"), es.Area("68")).Should().Be(("Bolivia (Plurinational State of) (68)", "Bolivia (Estado plurinacional de) (68)"));
        (en.Area("484"), es.Area("484")).Should().Be(("Mexico (484)", "México (484)"));
        es.Area("BO").Should().Be("Bolivia (Estado plurinacional de) (BO)", "CL_AREA's ISO alpha-2 codes are named too");
        es.Area("419").Should().Be("Latin America and the Caribbean (SDG-MDG) (419)", "a regional aggregate keeps its CL_AREA name");
        es.Area("999").Should().Be("999", "a code outside CL_AREA stays as it is");
    }

    [Fact]
    public async Task The_Spanish_inventory_page_names_the_country_and_the_provider_the_CSV_keeps_the_codes()
    {
        var indec = new DataExchangeService.DataExchangeServiceClient(server.AsOrganisation("INDEC"));
        await ImportIndecProviderAsync();
        await indec.PushAsync(Header("INDEC"), [Sdg("SH_DYN_MORT", "32", "N", ("2019", 9.25, "C"))]);
        var inventory = new InventoryService.InventoryServiceClient(server.Coordinator);

        var html = await inventory.RenderInventoryReportAsync(new RenderInventoryReportRequest { Filter = new InventoryRequest { Country = "32" }, Lang = "es" });

        var page = InventoryReportTests.Html(html.Content.ToByteArray());
        var flows = page.Descendants(Xhtml + "section").Single(s => (string?)s.Attribute("id") == "flows");
        var cells = flows.Descendants(Xhtml + "td").Select(td => td.Value).ToList();
        cells.Should().Contain(["Argentina (32)", "Instituto Nacional de Estadística y Censos de la República Argentina (INDEC)"]);
        page.Descendants(Xhtml + "p").Single(p => (string?)p.Attribute("class") == "subtitle").Value.Should().Contain("país Argentina (32)");
        var english = await inventory.RenderInventoryReportAsync(new RenderInventoryReportRequest { Filter = new InventoryRequest { Country = "32" }, Lang = "en" });
        english.Content.ToStringUtf8().Should().Contain("National Institute of Statistics and Censuses of Argentina (INDEC)");

        var csv = await inventory.RenderInventoryReportAsync(new RenderInventoryReportRequest { Filter = new InventoryRequest { Country = "32" }, Format = "csv", Lang = "es" });
        using var reader = new CsvReader(new StringReader(csv.Content.ToStringUtf8()), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        rows.Should().Contain(r => (string)r["country"] == "32" && (string)r["sender"] == "INDEC");
    }

    /// <summary>INDEC's real data provider scheme (English and Spanish names) replaces the stub the fixture registered for its key.</summary>
    private async Task ImportIndecProviderAsync()
    {
        var result = await new StructureService.StructureServiceClient(server.Admin).SubmitFileAsync(TestFiles.Data("registry", "indec_provision_agreement.xml"));
        result.Applied.Should().BeTrue(result.ToString());
    }
}
