using System.Globalization;
using System.Text;
using System.Xml;
using static MdgExchange.Application.Reports.SvgFlowDiagram;

namespace MdgExchange.Application.Reports;

/// <summary>One lane of a <see cref="SvgTimeline"/>: a bar from the first to the last transfer, the rejected share in red.</summary>
public sealed record TimelineLane(string Label, DateTimeOffset First, DateTimeOffset Last, double RejectedShare, string Text);

/// <summary>
/// Transfers over time as an SVG drawing: a horizontal time axis from <c>start</c> to <c>end</c>, one lane per flow
/// with a bar from its first to its last transfer (its rejected share drawn red at the end) and its figures beside it.
/// The axis is widened to round dates and ticked at them (<see cref="TimeAxis"/>); labels are cut to their room, and
/// the drawing widens to the longest figures.
/// </summary>
public static class SvgTimeline
{
    private const double MinWidth = 900, PlotLeft = 290, PlotRight = 720, LaneHeight = 24, Top = 12, AxisHeight = 34, FontSize = 11;

    public static string Draw(string title, IReadOnlyList<TimelineLane> lanes, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(lanes);
        if (end <= start)
        {
            // One moment only: a day either side, so the marks stand somewhere in the middle.
            (start, end) = (start.AddDays(-1), start.AddDays(1));
        }

        var (axisStart, axisEnd, ticks) = TimeAxis.Ticks(start.UtcDateTime, end.UtcDateTime, PlotRight - PlotLeft, FontSize);
        (start, end) = (new DateTimeOffset(axisStart, TimeSpan.Zero), new DateTimeOffset(axisEnd, TimeSpan.Zero));
        var span = (end - start).TotalSeconds;
        double X(DateTimeOffset t) => PlotLeft + Math.Clamp((t - start).TotalSeconds / span, 0, 1) * (PlotRight - PlotLeft);
        var axisY = Top + lanes.Count * LaneHeight + 6;
        var height = axisY + AxisHeight;
        var width = Math.Max(MinWidth, Math.Ceiling(PlotRight + 8 + lanes.Select(l => SvgText.Width(l.Text, FontSize)).DefaultIfEmpty(0).Max() + 8));

        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            xml.WriteStartElement("svg", SvgNamespace);
            Attributes(xml, ("class", "timeline"), ("role", "img"), ("aria-label", title), ("width", N(width)), ("height", N(height)),
                ("viewBox", $"0 0 {N(width)} {N(height)}"), ("font-family", "system-ui, Arial, sans-serif"), ("font-size", N(FontSize)));
            xml.WriteElementString("title", SvgNamespace, title);
            for (var i = 0; i < lanes.Count; i++)
            {
                var lane = lanes[i];
                var y = Top + i * LaneHeight;
                var x0 = X(lane.First);
                var x1 = Math.Max(X(lane.Last), x0 + 4);
                var rejected = (x1 - x0) * Math.Clamp(lane.RejectedShare, 0, 1);
                xml.WriteStartElement("g");
                Attributes(xml, ("class", "lane"));
                xml.WriteElementString("title", SvgNamespace, $"{lane.Label}: {lane.Text}");
                Text(xml, PlotLeft - 8, y + 12, SvgText.Fit(lane.Label, PlotLeft - 16, FontSize), ("text-anchor", "end"));
                Empty(xml, "line", ("x1", N(PlotLeft)), ("x2", N(PlotRight)), ("y1", N(y + 8)), ("y2", N(y + 8)), ("stroke", "#e4e7eb"));
                Empty(xml, "rect", ("class", "span"), ("x", N(x0)), ("y", N(y + 2)), ("width", N(x1 - x0 - rejected)), ("height", "12"), ("fill", "#0b6e99"));
                if (rejected > 0)
                {
                    Empty(xml, "rect", ("class", "rejected"), ("x", N(x1 - rejected)), ("y", N(y + 2)), ("width", N(rejected)), ("height", "12"), ("fill", "#c62828"));
                }

                Text(xml, PlotRight + 8, y + 12, lane.Text);
                xml.WriteEndElement();
            }

            Empty(xml, "line", ("class", "axis"), ("x1", N(PlotLeft)), ("x2", N(PlotRight)), ("y1", N(axisY)), ("y2", N(axisY)), ("stroke", "#52606d"));
            foreach (var (moment, label) in ticks)
            {
                var x = X(new DateTimeOffset(moment, TimeSpan.Zero));
                Empty(xml, "line", ("x1", N(x)), ("x2", N(x)), ("y1", N(axisY)), ("y2", N(axisY + 5)), ("stroke", "#52606d"));
                Text(xml, x, axisY + 18, label, ("text-anchor", "middle"), ("class", "tick"), ("data-at", moment.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
            }

            xml.WriteEndElement();
        }

        return text.ToString();
    }
}
