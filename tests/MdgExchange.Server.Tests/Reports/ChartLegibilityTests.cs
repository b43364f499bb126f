using System.Globalization;
using System.Xml.Linq;
using MdgExchange.Application.Reports;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Reports.SvgLabels;

namespace MdgExchange.Server.Tests.Reports;

/// <summary>
/// The report charts at real volume, read from their SVG: labels whose estimated boxes never meet, the flow diagram's
/// smaller pairs summed up under it, time ticks at distinct round dates, year labels thinned to fit, wide tables that
/// scroll inside the page.
/// </summary>
public sealed class ChartLegibilityTests
{
    private static readonly XNamespace Xhtml = InventoryReportTests.Xhtml;

    private static XDocument InventoryPage(string lang = "en") => InventoryReportTests.Html(ReportRenderer.Render(InventoryReport.Build(VolumeReports.Inventory(), lang), "html"));

    private static XElement Parse(string svg) => XElement.Parse(svg);

    private static void NoLabelMeetsAnother(XElement svg)
    {
        var overlaps = Overlaps(Of(svg));
        overlaps.Select(o => $"'{o.A.Text}' {o.A.Box} × '{o.B.Text}' {o.B.Box}").Should().BeEmpty($"no two labels of the {(string?)svg.Attribute("class")} meet");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public void At_2000_flows_no_two_labels_of_the_flow_diagram_meet_and_the_smaller_pairs_are_summed_up(string lang)
    {
        var inventory = VolumeReports.Inventory();
        var pairs = inventory.Flows.GroupBy(f => (f.Sender, f.Receiver)).ToDictionary(g => g.Key, g => g.Sum(f => f.Transfers));

        var diagram = InventoryPage(lang).Descendants(Svg + "svg").Single(s => (string?)s.Attribute("class") == "flow-diagram");

        inventory.Flows.Should().HaveCount(2000);
        pairs.Count.Should().BeGreaterThan(SvgFlowDiagram.MaxEdges, "more pairs than arrows");
        NoLabelMeetsAnother(diagram);
        var edges = diagram.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "edge").ToList();
        edges.Should().HaveCount(SvgFlowDiagram.MaxEdges);
        var drawn = edges.Select(e => long.Parse((string)e.Attribute("data-count")!, CultureInfo.InvariantCulture)).ToList();
        drawn.Should().Equal(pairs.Values.OrderByDescending(v => v).Take(SvgFlowDiagram.MaxEdges), "the largest pairs are drawn, largest first");
        var counts = diagram.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "count").ToList();
        counts.Count.Should().BeGreaterThan(SvgFlowDiagram.MaxEdges * 3 / 4, "most arrows keep their count");
        var countOf = edges.ToDictionary(e => ((string)e.Attribute("data-from")!, (string)e.Attribute("data-to")!), e => (string)e.Attribute("data-count")!);
        counts.Should().OnlyContain(t => countOf[ValueTuple.Create((string)t.Attribute("data-from")!, (string)t.Attribute("data-to")!)] == t.Value, "each count on its own arrow");
        var more = diagram.Descendants(Svg + "text").Single(t => (string?)t.Attribute("class") == "more");
        var hidden = pairs.Count - SvgFlowDiagram.MaxEdges;
        more.Attribute("data-pairs")!.Value.Should().Be(hidden.ToString(CultureInfo.InvariantCulture));
        more.Value.Should().StartWith($"+{hidden} ").And.Contain(lang == "es" ? "tabla de flujos" : "flow table")
            .And.Contain(pairs.Values.OrderByDescending(v => v).Skip(SvgFlowDiagram.MaxEdges).Sum().ToString(CultureInfo.InvariantCulture));
        var nodes = diagram.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "node");
        nodes.Should().Be(inventory.Flows.SelectMany(f => new[] { f.Sender, f.Receiver }).Distinct().Count());
        var lowest = diagram.Descendants(Svg + "rect").Max(r => double.Parse((string)r.Attribute("y")!, CultureInfo.InvariantCulture) + double.Parse((string)r.Attribute("height")!, CultureInfo.InvariantCulture));
        double.Parse((string)diagram.Attribute("height")!, CultureInfo.InvariantCulture).Should().BeInRange(lowest, lowest + 70, "as tall as its longest column, and the summary line");
    }

    [Fact]
    public void At_2000_flows_no_two_labels_of_any_timeline_meet()
    {
        var timelines = InventoryPage().Descendants(Svg + "svg").Where(s => (string?)s.Attribute("class") == "timeline").ToList();

        timelines.Should().HaveCount(25, "one per indicator");
        timelines.Sum(t => t.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "lane")).Should().Be(2000);
        foreach (var timeline in timelines)
        {
            NoLabelMeetsAnother(timeline);
        }
    }

    [Theory]
    [InlineData(0, 5, "hours")]
    [InlineData(0, 50, "hours")]
    [InlineData(3, 200, "days")]
    [InlineData(1, 24 * 20, "days")]
    [InlineData(0, 24 * 150, "months")]
    [InlineData(7, 24 * 400, "months")]
    [InlineData(0, 24 * 365 * 3, "months")]
    [InlineData(0, 24 * 365 * 8, "years")]
    [InlineData(5, 24 * 365 * 45, "years")]
    public void Timeline_ticks_are_distinct_round_dates_that_span_the_flows(int startHour, int hours, string unit)
    {
        var start = new DateTimeOffset(2024, 1, 10, 8, 17, 0, TimeSpan.Zero).AddHours(startHour);
        var end = start.AddHours(hours);
        var lanes = new[] { new TimelineLane("INDEC → UNICEF · pull · SH_DYN_MORT · 32", start, end, 0.25, "12 transfers, 25% rejected") };

        var svg = Parse(SvgTimeline.Draw("t", lanes, start, end));

        var ticks = svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "tick").ToList();
        var moments = ticks.Select(t => DateTime.Parse((string)t.Attribute("data-at")!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)).ToList();
        var labels = ticks.Select(t => t.Value).ToList();
        labels.Should().OnlyHaveUniqueItems().And.HaveCountGreaterThanOrEqualTo(2);
        moments.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        moments[0].Should().BeOnOrBefore(start.UtcDateTime);
        moments[^1].Should().BeOnOrAfter(end.UtcDateTime);
        moments.Should().OnlyContain(m => m.Minute == 0 && m.Second == 0, "on the hour at least");
        switch (unit)
        {
            case "days":
                moments.Should().OnlyContain(m => m.TimeOfDay == TimeSpan.Zero);
                labels.Should().OnlyContain(l => l.Length == "yyyy-MM-dd".Length);
                break;
            case "months":
                moments.Should().OnlyContain(m => m.Day == 1 && m.TimeOfDay == TimeSpan.Zero);
                labels.Should().OnlyContain(l => l.Length == "yyyy-MM".Length);
                break;
            case "years":
                moments.Should().OnlyContain(m => m.Month == 1 && m.Day == 1 && m.TimeOfDay == TimeSpan.Zero);
                labels.Should().OnlyContain(l => l.Length == 4);
                break;
        }

        NoLabelMeetsAnother(svg);
    }

    [Theory]
    [InlineData(2018, 2019, 1)]
    [InlineData(2000, 2008, 1)]
    [InlineData(2000, 2012, 2)]
    [InlineData(1990, 2023, 5)]
    [InlineData(1960, 2023, 10)]
    public void Year_labels_are_thinned_to_every_kth_year_so_that_they_stand_apart(int first, int last, int step)
    {
        var points = Enumerable.Range(first, last - first + 1).Select(y => new SeriesChartPoint(y, 10 + y % 7, y % 3 == 0 ? null : 12.5 + y % 5)).ToList();

        var svg = Parse(SvgSeriesChart.Draw("chart-x", "x", points, "National", "International", "Year", "Value"));

        var years = Of(svg).Where(l => (string?)l.Element.Attribute("class") == "tick" && (string?)l.Element.Attribute("text-anchor") == "middle").ToList();
        years.Select(y => int.Parse(y.Text, CultureInfo.InvariantCulture)).Should().Equal(Enumerable.Range(first, last - first + 1).Where(y => y % step == 0));
        years.Zip(years.Skip(1)).Should().OnlyContain(p => p.Second.Box.Left - p.First.Box.Right >= 8, "a label's room between year labels");
        svg.Descendants(Svg + "circle").Should().HaveCount(points.Count + points.Count(p => p.International is not null), "every year keeps its points");
        NoLabelMeetsAnother(svg);
    }

    [Fact]
    public void A_chart_with_wide_values_starts_its_plot_right_of_them()
    {
        var points = new[] { new SeriesChartPoint(2001, 1234567.89, 2345678.5), new SeriesChartPoint(2002, 1300000, null) };

        var svg = Parse(SvgSeriesChart.Draw("chart-x", "x", points, "Nacional", "Internacional", "Año", "Valor"));

        NoLabelMeetsAnother(svg);
        svg.Descendants(Svg + "text").Select(t => t.Value).Should().Contain(["2345678.5", "Nacional", "Internacional"]);
    }

    [Fact]
    public void Every_chart_of_the_discrepancy_report_over_34_years_keeps_its_labels_apart()
    {
        var page = InventoryReportTests.Html(ReportRenderer.Render(DiscrepancyReport.Build(VolumeReports.Pairs(), VolumeReports.SeriesIndicators, "es", VolumeReports.T0), "html"));

        var charts = page.Descendants(Svg + "svg").Where(s => (string?)s.Attribute("class") == "series-chart").ToList();
        charts.Should().HaveCount(48);
        foreach (var chart in charts)
        {
            NoLabelMeetsAnother(chart);
        }
    }

    [Fact]
    public void Every_table_scrolls_inside_its_own_box()
    {
        var page = InventoryPage();

        var tables = page.Descendants(Xhtml + "table").ToList();
        tables.Should().HaveCount(2);
        tables.Should().OnlyContain(t => (string?)t.Parent!.Attribute("class") == "table-scroll" && t.Parent!.Name == Xhtml + "div");
        page.Descendants(Xhtml + "style").Single().Value.Should().Contain(".table-scroll{overflow-x:auto;max-width:100%}");
    }
}
