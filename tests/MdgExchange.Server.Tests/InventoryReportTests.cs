using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using CsvHelper;
using MdgExchange.Domain.Inventory;
using MdgExchange.Application.Inventory;
using MdgExchange.Application.Reports;
using MdgExchange.Server.Tests.Infrastructure;

namespace MdgExchange.Server.Tests;

/// <summary>The inventory report rendered from a hand-built inventory: HTML (structure, SVG, groups, languages), CSV, JSON, and the filters' parsing.</summary>
public sealed class InventoryReportTests
{
    internal static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly DateTimeOffset T0 = new(2024, 1, 10, 8, 0, 0, TimeSpan.Zero);

    private static InventoryFlow Flow(string indicator, string? series, string country, string sender, string receiver, string direction, string kind, long transfers, long rejected = 0, int firstDay = 0, int lastDay = 30) => new()
    {
        Indicator = indicator, Series = series, Country = country, Sender = sender, Receiver = receiver, Direction = direction, Kind = kind,
        Channel = "grpc", Format = "sdmx-json", Goal = ThematicAreas.GoalOf(indicator), Target = ThematicAreas.TargetOf(indicator), ThematicArea = ThematicAreas.Of(indicator),
        FirstTransfer = T0.AddDays(firstDay), LastTransfer = T0.AddDays(lastDay), Transfers = transfers, Rejected = rejected,
        MedianInterval = transfers > 1 ? TimeSpan.FromDays(7.5) : null, SeriesCount = transfers * 2, Observations = transfers * 40,
        LastError = rejected > 0 ? "OBS_VALUE 'n/a' is not a number" : null,
    };

    /// <summary>Seven flows over six sender → receiver pairs, in no particular order, and two gaps.</summary>
    public static InventoryResult Scenario { get; } = new(
        new InventoryQuery(),
        [
            Flow("3.2.1", "SH_DYN_MORT", "32", "INDEC", "UNICEF", FlowDirections.NationalToAgency, "pull", 4, firstDay: 5, lastDay: 60) with { MedianPullLag = TimeSpan.FromHours(36), PushesNotYetPulled = 1 },
            Flow("17.19.2", null, "484", "CEPAL", "R&D <Lab>", FlowDirections.Other, "metadata-submit", 1, firstDay: 40, lastDay: 40),
            Flow("3.2.1", "SH_DYN_MORT", "32", "INDEC", "*", FlowDirections.NationalToAgency, "push", 10, rejected: 2),
            Flow("1.1.1", "SI_POV_DAY1", "152", "INE", "WB", FlowDirections.NationalToAgency, "pull", 3) with { MedianPullLag = TimeSpan.FromHours(12) },
            Flow("3.1.1", "SH_STA_MMR", "484", "WHO", "INEGI", FlowDirections.AgencyToNational, "annotate", 2, firstDay: 20, lastDay: 90),
            Flow("3.2.1", "SH_DYN_IMRT", "32", "INDEC", "UNICEF", FlowDirections.NationalToAgency, "pull", 1, firstDay: 61, lastDay: 61),
            Flow("", null, "32", "CEPAL", "INDEC", FlowDirections.Other, "report-export", 2),
        ],
        [
            new InventoryGap(InventoryGap.NotPulled, "3.2.1", "SH_DYN_MORT", "32", "WHO", "3 pushes since 2024-01-10"),
            new InventoryGap(InventoryGap.NoNationalTransfer, "1.1.1", "SI_POV_DAY1", "152", "WB", "published with no national push"),
        ],
        20,
        T0.AddDays(100)) { RejectedTransfers = 2 };

    internal static XDocument Html(byte[] content)
    {
        using var reader = XmlReader.Create(new MemoryStream(content), new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null });
        return XDocument.Load(reader);
    }

    private static byte[] Render(string format, string lang = "en", InventoryResult? result = null) => ReportRenderer.Render(InventoryReport.Build(result ?? Scenario, lang), format);

    private static List<List<string>> BodyRows(XElement section) =>
        section.Descendants(Xhtml + "tbody").Single().Elements(Xhtml + "tr").Where(r => r.Attribute("class") is null)
            .Select(r => r.Elements(Xhtml + "td").Select(td => td.Value).ToList()).ToList();

    [Fact]
    public void The_HTML_page_parses_draws_one_edge_per_pair_and_lists_every_flow()
    {
        var page = Html(Render("html"));

        page.Descendants().Where(e => e.Name.LocalName is "script" or "link" or "img" or "iframe").Should().BeEmpty("nothing is fetched from the network");
        page.Descendants().Attributes("src").Should().BeEmpty();
        page.Descendants().Attributes("href").Should().BeEmpty();
        var diagram = page.Descendants(Svg + "svg").Single(s => (string?)s.Attribute("class") == "flow-diagram");
        var edges = diagram.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "edge").ToList();
        edges.Select(e => ((string)e.Attribute("data-from")!, (string)e.Attribute("data-to")!)).Should().BeEquivalentTo(
            [("INDEC", "UNICEF"), ("CEPAL", "R&D <Lab>"), ("INDEC", "*"), ("INE", "WB"), ("WHO", "INEGI"), ("CEPAL", "INDEC")]);
        edges.Single(e => (string)e.Attribute("data-to")! == "UNICEF").Attribute("data-count")!.Value.Should().Be("5", "two flows, 4 + 1 transfers");
        var counts = diagram.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "count").ToList();
        counts.Single(t => (string)t.Attribute("data-to")! == "UNICEF").Value.Should().Be("5", "the count is written on the arrow");
        counts.Should().HaveCount(6, "room for every count");
        edges.Should().OnlyContain(e => ((string)e.Element(Svg + "path")!.Attribute("marker-end")!).StartsWith("url(#", StringComparison.Ordinal), "arrows");
        var width = (XElement e) => double.Parse((string)e.Element(Svg + "path")!.Attribute("stroke-width")!, CultureInfo.InvariantCulture);
        width(edges.Single(e => (string)e.Attribute("data-to")! == "*")).Should().BeGreaterThan(width(edges.Single(e => (string)e.Attribute("data-to")! == "INDEC")));
        var nodes = diagram.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "node").ToDictionary(g => (string)g.Attribute("data-id")!, g => double.Parse((string)g.Element(Svg + "rect")!.Attribute("x")!, CultureInfo.InvariantCulture));
        nodes["INDEC"].Should().BeLessThan(nodes["CEPAL"], "national bodies on the left");
        nodes["CEPAL"].Should().BeLessThan(nodes["UNICEF"], "agencies on the right");

        var flows = BodyRows(page.Descendants(Xhtml + "section").Single(s => (string?)s.Attribute("id") == "flows"));
        flows.Should().HaveCount(Scenario.Flows.Count);
        foreach (var flow in Scenario.Flows)
        {
            flows.Should().Contain(r => r[0] == flow.Indicator && r[3] == flow.Sender && r[4] == flow.Receiver && r[6] == flow.Kind && r[1] == (flow.Series ?? ""));
        }

        page.Descendants(Svg + "svg").Where(s => (string?)s.Attribute("class") == "timeline").Should().HaveCount(5, "one timeline per indicator, and one for flows without");
        var gaps = BodyRows(page.Descendants(Xhtml + "section").Single(s => (string?)s.Attribute("id") == "gaps"));
        gaps.Select(g => g[0]).Should().Equal(InventoryGap.NoNationalTransfer, InventoryGap.NotPulled);
        var figures = page.Descendants(Xhtml + "div").Where(d => ((string?)d.Attribute("id"))?.StartsWith("figure-", StringComparison.Ordinal) == true)
            .ToDictionary(d => ((string)d.Attribute("id")!)["figure-".Length..], d => d.Elements(Xhtml + "span").First().Value);
        figures["flows"].Should().Be("7");
        figures["transfers"].Should().Be("20", "the distinct transfers behind the flows, not the sum over flows (23)");
        figures["organisations"].Should().Be("8");
        figures["countries"].Should().Be("3");
        figures["indicators"].Should().Be("4");
        figures["rejected_share"].Should().Be("10\u00A0%");
        figures["median_pull_lag_hours"].Should().Be("24 h");
    }

    [Fact]
    public void The_flow_table_is_grouped_by_goal_then_target_then_indicator()
    {
        var page = Html(Render("html"));

        var body = page.Descendants(Xhtml + "section").Single(s => (string?)s.Attribute("id") == "flows").Descendants(Xhtml + "tbody").Single();
        var headings = body.Elements(Xhtml + "tr").Where(r => ((string?)r.Attribute("class"))?.StartsWith("group", StringComparison.Ordinal) == true).Select(r => r.Value.Trim()).ToList();
        headings.Should().Equal(
            "Goal 1 — Poverty", "Target 1.1", "Indicator 1.1.1",
            "Goal 3 — Health", "Target 3.1", "Indicator 3.1.1", "Target 3.2", "Indicator 3.2.1",
            "Goal 17 — Partnerships and means of implementation", "Target 17.19", "Indicator 17.19.2",
            "No goal", "No indicator");
        var indicators = BodyRows(body.Parent!.Parent!).Select(r => r[0]).ToList();
        indicators.Should().Equal("1.1.1", "3.1.1", "3.2.1", "3.2.1", "3.2.1", "17.19.2", "");
    }

    [Fact]
    public void Labels_are_Spanish_when_asked()
    {
        var page = Html(Render("html", "es"));

        page.Root!.Attribute("lang")!.Value.Should().Be("es");
        page.Descendants(Xhtml + "h1").Single().Value.Should().Be("Inventario de flujos de información");
        page.Descendants(Xhtml + "th").Select(th => th.Value).Should().Contain(["Emisor", "Receptor", "Objetivo 3 — Salud", "Meta 3.2", "Indicador 3.2.1"]);
        page.Descendants(Svg + "text").Select(t => t.Value).Should().Contain(["Organismos nacionales", "Organismos internacionales"]);
        page.Descendants(Xhtml + "h2").Select(h => h.Value).Should().Contain("Cronología del indicador 3.2.1");
        page.Descendants(Xhtml + "td").Select(td => td.Value).Should().Contain("Enviada por el país, nunca extraída por el organismo");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public void The_CSV_is_one_row_per_flow_under_the_documented_header(string lang)
    {
        var text = Encoding.UTF8.GetString(Render("csv", lang));

        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        csv.HeaderRecord.Should().Equal(InventoryReport.FlowColumns);
        InventoryReport.FlowColumns.Should().Equal(
            "indicator", "series", "country", "sender", "receiver", "direction", "kind", "channel", "format", "goal", "target", "thematic_area",
            "first_transfer", "last_transfer", "transfers", "rejected", "rejected_share", "median_interval_days", "series_count", "observations",
            "last_error", "median_pull_lag_hours", "median_revision_lag_hours", "pushes_not_yet_pulled");
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        rows.Should().HaveCount(Scenario.Flows.Count);
        var push = rows.Single(r => (string)r["kind"] == "push");
        push["receiver"].Should().Be("*");
        push["rejected_share"].Should().Be("0.2");
        push["first_transfer"].Should().Be("2024-01-10T08:00:00Z");
        push["median_interval_days"].Should().Be("7.5");
        push["thematic_area"].Should().Be("health");
        push["last_error"].Should().Be("OBS_VALUE 'n/a' is not a number");
        var pull = rows.Single(r => (string)r["series"] == "SH_DYN_MORT" && (string)r["kind"] == "pull");
        pull["median_pull_lag_hours"].Should().Be("36");
        pull["pushes_not_yet_pulled"].Should().Be("1");
        rows.Single(r => (string)r["kind"] == "metadata-submit")["receiver"].Should().Be("R&D <Lab>");
    }

    [Fact]
    public void The_JSON_has_the_flows_the_gaps_and_the_figures()
    {
        using var json = JsonDocument.Parse(Render("json"));

        json.RootElement.GetProperty("report").GetString().Should().Be("inventory");
        json.RootElement.GetProperty("figures").GetProperty("gaps").GetString().Should().Be("2");
        var tables = json.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        tables.Keys.Should().Equal("flows", "gaps");
        var flows = tables["flows"].GetProperty("rows").EnumerateArray().ToList();
        flows.Should().HaveCount(7);
        flows[0].EnumerateObject().Select(p => p.Name).Should().Equal(InventoryReport.FlowColumns);
        tables["gaps"].GetProperty("rows").EnumerateArray().Should().Contain(g => g.GetProperty("kind").GetString() == "not-pulled" && g.GetProperty("organisation").GetString() == "WHO");
    }

    [Fact]
    public void An_empty_inventory_still_renders_and_says_so()
    {
        var empty = new InventoryResult(new InventoryQuery(Country: "32", ThematicArea: "health"), [], [], 0, T0);

        var page = Html(Render("html", "en", empty));

        page.Descendants(Xhtml + "section").Single(s => (string?)s.Attribute("id") == "flows").Value.Should().Contain("No flows for these filters.");
        page.Descendants(Xhtml + "p").Single(p => (string?)p.Attribute("class") == "subtitle").Value.Should().Be("Filters: country 32, thematic area Health");
        page.Descendants(Svg + "svg").Should().BeEmpty();
        Encoding.UTF8.GetString(Render("csv", "en", empty)).TrimEnd().Should().Be(string.Join(',', InventoryReport.FlowColumns));
    }

    [Fact]
    public void Filters_are_normalised_and_checked()
    {
        var query = InventoryFilters.Parse(T0, T0.AddDays(1), " 032 ", "INDEC", "3", "3-2", "3-2-1", "Health");

        query.Should().Be(new InventoryQuery(T0, T0.AddDays(1), "32", "INDEC", "3", "3.2", "3.2.1", "health"));
        InventoryFilters.Parse(null, null, "", " ", null, null, null, "").Should().Be(new InventoryQuery());
        Field(() => InventoryFilters.Parse(null, null, null, null, null, null, null, "weather")).Should().Be("thematic_area");
        Field(() => InventoryFilters.Parse(T0, T0, null, null, null, null, null, null)).Should().Be("to");
        Field(() => InventoryFilters.Parse(null, null, "Argentina", null, null, null, null, null)).Should().Be("country");
        Field(() => InventoryFilters.Parse(null, null, null, null, "18", null, null, null)).Should().Be("goal");
        Field(() => InventoryFilters.Parse(null, null, null, null, null, null, "3.2", null)).Should().Be("indicator");
        Field(() => InventoryFilters.Moment("from", "yesterday")).Should().Be("from");
        InventoryFilters.Moment("from", "2024-01-10").Should().Be(new DateTimeOffset(2024, 1, 10, 0, 0, 0, TimeSpan.Zero));
    }

    private static string Field(Action parse) => parse.Should().Throw<InventoryQueryException>().Which.Field;

    [Fact]
    public async Task Headless_Chromium_keeps_the_SVG_in_the_DOM()
    {
        var chromium = Chromium.Find();
        chromium.Should().NotBeNull(Chromium.Missing);
        var directory = Directory.CreateTempSubdirectory("mdgx-inventory-");
        try
        {
            var file = Path.Combine(directory.FullName, "inventory.html");
            await File.WriteAllBytesAsync(file, Render("html"));
            var (exit, dom, errors) = await ExternalPrograms.RunAsync(
                chromium!,
                ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", $"--user-data-dir={Path.Combine(directory.FullName, "profile")}", "--dump-dom", new Uri(file).AbsoluteUri],
                directory.FullName,
                TimeSpan.FromMinutes(2));
            exit.Should().Be(0, errors);

            var html = dom;
            html.Should().Contain("<svg").And.Contain("class=\"flow-diagram\"");
            CountOf(html, "class=\"edge\"").Should().Be(6);
            CountOf(html, "class=\"timeline\"").Should().Be(5);
            html.Should().Contain("R&amp;D &lt;Lab&gt;");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
