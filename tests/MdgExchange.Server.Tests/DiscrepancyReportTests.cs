using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CsvHelper;
using Google.Protobuf;
using Grpc.Core;
using MdgExchange.Domain.Discrepancies;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Reports;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>The discrepancy typology report rendered from hand-built pairs: HTML (counts, charts, languages), CSV and JSON.</summary>
public sealed class DiscrepancyReportRenderingTests
{
    private static readonly XNamespace Xhtml = InventoryReportTests.Xhtml;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> Indicators = new(StringComparer.Ordinal) { ["SH_DYN_MORT"] = "3.2.1", ["SI_POV_DAY1"] = "1.1.1" };

    private static PairCode Code(string code, string status = PairCode.Proposed) => new(code, PairCode.Automatic, status, "rule", [], null, null, T0);

    private static DiscrepancyPair Pair(string series, string area, string period, double? national, string? nationalNature, double? international, string? internationalNature, string state, string breakdown = "", params PairCode[] codes) => new()
    {
        PairId = Guid.NewGuid(), Dataflow = "MDGX:DF_SDG(1.0)", Series = series, Area = area, Period = period, Breakdown = breakdown,
        NationalOrganisation = national is null ? null : "INDEC", NationalValue = national, NationalNature = nationalNature,
        InternationalOrganisation = "UNICEF", InternationalValue = international, InternationalNature = internationalNature,
        Difference = national is { } n && international is { } g ? g - n : null, State = state, FirstFoundAt = T0, AnalysedAt = T0, Codes = codes,
    };

    /// <summary>Five pairs: three series × country combinations, one removed code that must not count.</summary>
    private static IReadOnlyList<DiscrepancyPair> Pairs { get; } =
    [
        Pair("SH_DYN_MORT", "32", "2019", 9.25, "C", 9.3, "E", ReconciliationStates.AgencyRetained, "", Code("EST"), Code("RND"), Code("CRD")),
        Pair("SH_DYN_MORT", "32", "2018", 10.1, "C", 9.8, "C", ReconciliationStates.Raised, "", Code("SRC"), Code("VIN"), Code("CRD")),
        Pair("SH_DYN_MORT", "32", "2019", 10.3, "C", 8.2, "E", ReconciliationStates.Raised, "SEX=F", Code("DIS"), Code("ERR"), Code("EST", PairCode.Removed)),
        Pair("SH_DYN_MORT", "484", "2019", null, null, 14.2, "M", ReconciliationStates.Raised, "", Code("MOD"), Code("NAV")),
        Pair("SI_POV_DAY1", "152", "2020", 1.0, "C", 2.0, "CA", ReconciliationStates.InConsultation, "", Code("ADJ")),
    ];

    private static byte[] Render(string format, string lang = "en") => ReportRenderer.Render(DiscrepancyReport.Build(Pairs, Indicators, lang, T0), format);

    private static List<List<string>> BodyRows(XDocument page, string id) =>
        page.Descendants(Xhtml + "section").Single(s => (string?)s.Attribute("id") == id).Descendants(Xhtml + "tbody").Single()
            .Elements(Xhtml + "tr").Where(r => r.Attribute("class") is null).Select(r => r.Elements(Xhtml + "td").Select(td => td.Value).ToList()).ToList();

    [Fact]
    public void The_HTML_page_parses_counts_each_code_and_draws_a_chart_per_series_and_country()
    {
        var page = InventoryReportTests.Html(Render("html"));

        page.Descendants().Where(e => e.Name.LocalName is "script" or "link" or "img").Should().BeEmpty();
        var charts = page.Descendants(Svg + "svg").Where(s => (string?)s.Attribute("class") == "series-chart").ToList();
        charts.Select(c => (string)c.Attribute("id")!).Should().BeEquivalentTo(["chart-SH_DYN_MORT-32", "chart-SH_DYN_MORT-484", "chart-SI_POV_DAY1-152"]);
        var argentina = charts.Single(c => (string)c.Attribute("id")! == "chart-SH_DYN_MORT-32");
        argentina.Descendants(Svg + "polyline").Should().HaveCount(2, "national and international, two years each");
        argentina.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "national").Elements(Svg + "circle").Should().HaveCount(2);
        argentina.Descendants(Svg + "text").Select(t => t.Value).Should().Contain(["2018", "2019", "National", "International", "Year"]);

        BodyRows(page, "by_country").Should().ContainEquivalentOf(new List<string> { "32", "CRD", "Coordination failure (no consultation)", "2" });
        BodyRows(page, "by_country").Should().ContainEquivalentOf(new List<string> { "32", "EST", "Agency estimation or imputation", "1" }, "the removed EST does not count");
        BodyRows(page, "by_country").Should().ContainEquivalentOf(new List<string> { "484", "MOD", "Agency modelling", "1" });
        BodyRows(page, "by_thematic_area").Should().ContainEquivalentOf(new List<string> { "Health", "CRD", "Coordination failure (no consultation)", "2" });
        BodyRows(page, "by_goal").Should().ContainEquivalentOf(new List<string> { "1", "ADJ", "Agency adjustment", "1" });
        BodyRows(page, "by_target").Should().ContainEquivalentOf(new List<string> { "3.2", "DIS", "Disaggregation or coverage (urban/rural, age band, geography)", "1" });
        BodyRows(page, "by_indicator").Should().ContainEquivalentOf(new List<string> { "3.2.1", "NAV", "National data not available to or not reported to the agency", "1" });
        var nature = BodyRows(page, "nature").ToDictionary(r => r[0], r => (r[2], r[3]));
        nature["E"].Should().Be(("2", "40\u00A0%"));
        nature["C"].Should().Be(("1", "20\u00A0%"));
        nature["M"].Should().Be(("1", "20\u00A0%"));
        nature["CA"].Should().Be(("1", "20\u00A0%"));
        var progress = BodyRows(page, "progress").ToDictionary(r => r[0], r => r[2]);
        (progress["raised"], progress["in-consultation"], progress["agency-retained"], progress["reconciled"]).Should().Be(("3", "1", "1", "0"));
        var gaps = BodyRows(page, "gaps");
        gaps.Should().HaveCount(4, "the pair without a national value has no relative difference");
        gaps[0][0..4].Should().Equal("SI_POV_DAY1", "1.1.1", "152", "2020");
        BodyRows(page, "pairs").Should().HaveCount(5);
    }

    [Fact]
    public void In_Spanish_the_labels_and_typology_names_are_Spanish()
    {
        var page = InventoryReportTests.Html(Render("html", "es"));

        page.Root!.Attribute("lang")!.Value.Should().Be("es");
        page.Descendants(Xhtml + "h1").Single().Value.Should().Be("Informe de tipología de discrepancias");
        BodyRows(page, "by_thematic_area").Should().ContainEquivalentOf(new List<string> { "Salud", "CRD", "Falla de coordinación (sin consulta)", "2" });
        BodyRows(page, "progress").Select(r => r[1]).Should().Contain("En consulta");
        page.Descendants(Svg + "text").Select(t => t.Value).Should().Contain(["Nacional", "Internacional", "Año"]);
    }

    [Fact]
    public void The_CSV_is_one_row_per_pair_under_the_documented_header()
    {
        var text = Encoding.UTF8.GetString(Render("csv", "es"));
        using var csv = new CsvReader(new StringReader(text.TrimStart('\uFEFF')), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        csv.HeaderRecord.Should().Equal(DiscrepancyReport.PairColumns);
        DiscrepancyReport.PairColumns.Should().Equal("series", "indicator", "area", "period", "breakdown", "national_organisation", "national_value", "national_nature",
            "international_organisation", "international_value", "international_nature", "difference", "relative_difference", "codes", "state");
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(DiscrepancyReport.PairColumns.ToDictionary(c => c, c => csv.GetField(c)!));
        }

        rows.Should().HaveCount(5);
        var female = rows.Single(r => r["breakdown"] == "SEX=F");
        (female["national_value"], female["international_value"], female["international_nature"], female["codes"], female["state"]).Should().Be(("10.3", "8.2", "E", "DIS ERR", "raised"));
        double.Parse(female["difference"], CultureInfo.InvariantCulture).Should().BeApproximately(-2.1, 1e-9);
        rows.Single(r => r["area"] == "484")["national_value"].Should().BeEmpty();
        rows.Single(r => r["area"] == "152")["relative_difference"].Should().Be("1");
    }

    [Fact]
    public void Values_appear_exactly_as_sent_in_every_format()
    {
        // The UN value 3.0391239 was once shown as 3.039124.
        IReadOnlyList<DiscrepancyPair> pairs = [Pair("SI_POV_DAY1", "152", "2021", 3.0391239, "C", 0.1234567891234, "E", ReconciliationStates.Raised, "", Code("EST"))];
        foreach (var format in new[] { "csv", "json", "html" })
        {
            var text = Encoding.UTF8.GetString(ReportRenderer.Render(DiscrepancyReport.Build(pairs, Indicators, "en", T0), format));
            text.Should().Contain("3.0391239", format).And.Contain("0.1234567891234", format);
        }
    }

    [Fact]
    public void The_JSON_parses_with_stable_keys()
    {
        using var json = JsonDocument.Parse(Render("json"));
        json.RootElement.GetProperty("report").GetString().Should().Be("discrepancies");
        var tables = json.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        tables.Keys.Should().Contain(["pairs", "by_thematic_area", "by_goal", "by_target", "by_indicator", "by_country", "nature", "gaps", "progress"]);
        var pairs = tables["pairs"].GetProperty("rows").EnumerateArray().ToList();
        pairs.Should().HaveCount(5);
        pairs.Should().Contain(r => r.GetProperty("series").GetString() == "SI_POV_DAY1" && r.GetProperty("codes").GetString() == "ADJ" && r.GetProperty("international_nature").GetString() == "CA");
    }
}

/// <summary>The discrepancy report over gRPC against the real server: analyse a tiny scenario, render HTML and CSV, the export recorded.</summary>
public sealed class DiscrepancyReportServerTests(ClockServerFixture server) : IClassFixture<ClockServerFixture>
{
    [Fact]
    public async Task The_coordinator_renders_the_analysed_pairs_and_the_export_is_recorded()
    {
        var indec = new DataExchangeService.DataExchangeServiceClient(server.AsOrganisation("INDEC"));
        var unicef = new DataExchangeService.DataExchangeServiceClient(server.AsOrganisation("UNICEF"));
        // INDEC's real provider scheme (its names) replaces the stub registered with its key.
        (await new StructureService.StructureServiceClient(server.Admin).SubmitFileAsync(TestFiles.Data("registry", "indec_provision_agreement.xml"))).Applied.Should().BeTrue();
        await indec.PushAsync(Header("INDEC"), [Sdg("SH_DYN_MORT", "32", "N", ("2018", 9.8, "C"), ("2019", 9.25, "C"))]);
        server.Clock.Advance(TimeSpan.FromDays(1));
        await unicef.PushAsync(Header("UNICEF"), [Sdg("SH_DYN_MORT", "32", "G", ("2018", 9.8, "C"), ("2019", 9.3, "E")), Sdg("SH_DYN_MORT", "484", "G", ("2019", 14.2, "M"))]);
        var discrepancies = new DiscrepancyService.DiscrepancyServiceClient(server.Coordinator);
        var run = await discrepancies.RunAnalysisAsync(new RunAnalysisRequest { Dataflow = "MDGX:DF_SDG(1.0)", Series = { "SH_DYN_MORT" } });
        run.Pairs.Should().BeGreaterThanOrEqualTo(2, "2019 in Argentina and 2019 in Mexico differ");

        var filter = new ListPairsRequest { Series = { "SH_DYN_MORT" } };
        var html = await discrepancies.RenderDiscrepancyReportAsync(new RenderDiscrepancyReportRequest { Filter = filter, Format = "html", Lang = "es" });
        html.MediaType.Should().StartWith("text/html");
        var page = InventoryReportTests.Html(html.Content.ToByteArray());
        page.Descendants((XNamespace)"http://www.w3.org/2000/svg" + "svg").Where(s => (string?)s.Attribute("class") == "series-chart").Select(s => (string)s.Attribute("id")!)
            .Should().Contain(["chart-SH_DYN_MORT-32", "chart-SH_DYN_MORT-484"]);
        var pairCells = page.Descendants(InventoryReportTests.Xhtml + "section").Single(s => (string?)s.Attribute("id") == DiscrepancyReport.PairsTable)
            .Descendants(InventoryReportTests.Xhtml + "td").Select(td => td.Value).ToList();
        pairCells.Should().Contain(["Argentina (32)", "México (484)", "Instituto Nacional de Estadística y Censos de la República Argentina (INDEC)"]);
        page.Descendants(InventoryReportTests.Xhtml + "h2").Select(h => h.Value).Should().Contain(h => h.Contains("en México (484)", StringComparison.Ordinal));

        var csv = await discrepancies.RenderDiscrepancyReportAsync(new RenderDiscrepancyReportRequest { Filter = filter, Format = "csv" });
        var lines = csv.Content.ToStringUtf8().TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].TrimEnd('\r').Should().Be(string.Join(',', DiscrepancyReport.PairColumns));
        lines.Skip(1).Should().HaveCount(run.Pairs);
        lines.Should().Contain(l => l.StartsWith("SH_DYN_MORT,", StringComparison.Ordinal) && l.Contains(",32,2019,", StringComparison.Ordinal) && l.Contains("9.25", StringComparison.Ordinal) && l.Contains("9.3", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains(",484,2019,", StringComparison.Ordinal) && l.Contains("14.2", StringComparison.Ordinal) && l.Contains("MOD", StringComparison.Ordinal));

        var transfer = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = csv.TransferId });
        transfer.Kind.Should().Be("report-export");
        transfer.Format.Should().Be("discrepancy-csv");
        transfer.Bytes.Should().Be(csv.Content.Length);

        var bad = await FluentActions.Awaiting(() => discrepancies.RenderDiscrepancyReportAsync(new RenderDiscrepancyReportRequest { Format = "pdf" }).ResponseAsync).Should().ThrowAsync<RpcException>();
        bad.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
    }
}
