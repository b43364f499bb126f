using System.Globalization;
using System.Text;
using System.Xml;
using static MdgExchange.Server.Reports.SvgFlowDiagram;

namespace MdgExchange.Server.Reports;

/// <summary>One point of a <see cref="SvgSeriesChart"/>: a year and the national and international values (either may be missing).</summary>
public sealed record SeriesChartPoint(int Year, double? National, double? International);

/// <summary>
/// A small line chart of one series in one country as an SVG drawing: years on the horizontal axis, values on the
/// vertical one, the national series (blue) and the international one (orange) as polylines with a point per year,
/// a legend and axis labels.
/// </summary>
public static class SvgSeriesChart
{
    private const double Width = 420, Height = 220, Left = 56, Right = 404, Top = 34, Bottom = 180;
    private const string NationalColour = "#0b6e99", InternationalColour = "#d9822b";

    public static string Draw(string id, string title, IReadOnlyList<SeriesChartPoint> points, string nationalLabel, string internationalLabel, string yearLabel, string valueLabel)
    {
        ArgumentNullException.ThrowIfNull(points);
        var ordered = points.OrderBy(p => p.Year).ToList();
        var values = ordered.SelectMany(p => new[] { p.National, p.International }).OfType<double>().ToList();
        var (minYear, maxYear) = ordered.Count == 0 ? (0, 1) : (ordered[0].Year, ordered[^1].Year);
        if (maxYear == minYear)
        {
            (minYear, maxYear) = (minYear - 1, maxYear + 1);
        }

        var (min, max) = values.Count == 0 ? (0d, 1d) : (Math.Min(0, values.Min()), values.Max());
        if (max <= min)
        {
            max = min + 1;
        }

        double X(int year) => Left + ((year - minYear) / (double)(maxYear - minYear) * (Right - Left));
        double Y(double value) => Bottom - ((value - min) / (max - min) * (Bottom - Top));

        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            xml.WriteStartElement("svg", SvgNamespace);
            Attributes(xml, ("class", "series-chart"), ("id", id), ("role", "img"), ("aria-label", title), ("width", N(Width)), ("height", N(Height)),
                ("viewBox", $"0 0 {N(Width)} {N(Height)}"), ("font-family", "system-ui, Arial, sans-serif"), ("font-size", "10"));
            xml.WriteElementString("title", SvgNamespace, title);

            // Axes, ticks and labels.
            Empty(xml, "line", ("class", "axis"), ("x1", N(Left)), ("x2", N(Right)), ("y1", N(Bottom)), ("y2", N(Bottom)), ("stroke", "#52606d"));
            Empty(xml, "line", ("class", "axis"), ("x1", N(Left)), ("x2", N(Left)), ("y1", N(Top)), ("y2", N(Bottom)), ("stroke", "#52606d"));
            foreach (var year in ordered.Select(p => p.Year).Distinct())
            {
                Empty(xml, "line", ("x1", N(X(year))), ("x2", N(X(year))), ("y1", N(Bottom)), ("y2", N(Bottom + 4)), ("stroke", "#52606d"));
                Text(xml, X(year), Bottom + 15, year.ToString(CultureInfo.InvariantCulture), ("text-anchor", "middle"), ("class", "tick"));
            }

            for (var t = 0; t <= 2; t++)
            {
                var value = min + ((max - min) * t / 2);
                Text(xml, Left - 4, Y(value) + 3, value.ToString("0.##", CultureInfo.InvariantCulture), ("text-anchor", "end"), ("class", "tick"));
            }

            Text(xml, (Left + Right) / 2, Height - 6, yearLabel, ("text-anchor", "middle"), ("class", "axis-label"));
            Text(xml, 12, (Top + Bottom) / 2, valueLabel, ("text-anchor", "middle"), ("class", "axis-label"), ("transform", $"rotate(-90 12 {N((Top + Bottom) / 2)})"));

            Line(xml, "national", NationalColour, ordered.Where(p => p.National is not null).Select(p => (p.Year, p.National!.Value)).ToList(), X, Y);
            Line(xml, "international", InternationalColour, ordered.Where(p => p.International is not null).Select(p => (p.Year, p.International!.Value)).ToList(), X, Y);

            // Legend.
            Empty(xml, "rect", ("x", N(Left)), ("y", "10"), ("width", "12"), ("height", "4"), ("fill", NationalColour));
            Text(xml, Left + 16, 15, nationalLabel, ("class", "legend"));
            Empty(xml, "rect", ("x", N(Left + 150)), ("y", "10"), ("width", "12"), ("height", "4"), ("fill", InternationalColour));
            Text(xml, Left + 166, 15, internationalLabel, ("class", "legend"));
            xml.WriteEndElement();
        }

        return text.ToString();
    }

    private static void Line(XmlWriter xml, string side, string colour, List<(int Year, double Value)> points, Func<int, double> x, Func<double, double> y)
    {
        xml.WriteStartElement("g");
        Attributes(xml, ("class", side));
        if (points.Count > 1)
        {
            Empty(xml, "polyline", ("points", string.Join(' ', points.Select(p => $"{N(x(p.Year))},{N(y(p.Value))}"))), ("fill", "none"), ("stroke", colour), ("stroke-width", "2"));
        }

        foreach (var (year, value) in points)
        {
            xml.WriteStartElement("circle");
            Attributes(xml, ("cx", N(x(year))), ("cy", N(y(value))), ("r", "3"), ("fill", colour));
            xml.WriteElementString("title", SvgNamespace, $"{year.ToString(CultureInfo.InvariantCulture)}: {value.ToString("G", CultureInfo.InvariantCulture)}");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }
}
