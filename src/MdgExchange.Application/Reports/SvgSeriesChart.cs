using System.Globalization;
using System.Text;
using System.Xml;
using static MdgExchange.Application.Reports.SvgFlowDiagram;

namespace MdgExchange.Application.Reports;

/// <summary>
/// One point of a <see cref="SvgSeriesChart"/>: a year and the national and international values (either may be
/// missing), each with its SDG NATURE code when known (C country data, CA country adjusted, E estimated, M modelled, G
/// global monitoring, N non-relevant).
/// </summary>
public sealed record SeriesChartPoint(int Year, double? National, double? International, string? NationalNature = null, string? InternationalNature = null);

/// <summary>
/// A small line chart of one series in one country as an SVG drawing: years on the horizontal axis, values on the
/// vertical one, the national series (blue) and the international one (orange) as polylines with a point per year,
/// a legend and axis labels. The year labels are thinned to every k-th year (k = 1, 2, 5, 10, ...) so that they stand at
/// least a label's width apart, and the plot starts right of its widest value label.
/// </summary>
public static class SvgSeriesChart
{
    /// <summary>The NATURE codes drawn as hollow points: values a model or an estimate produced, not the country's data.</summary>
    public static readonly IReadOnlySet<string> EstimatedNatures = new HashSet<string>(["E", "M", "G"], StringComparer.Ordinal);

    private const double Width = 420, Height = 220, MinLeft = 56, Right = 404, Top = 34, Bottom = 180, FontSize = 10, LabelGap = 8;
    private static readonly int[] YearSteps = [1, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000];
    private const string NationalColour = "#0b6e99", InternationalColour = "#d9822b";

    /// <summary>
    /// The chart as SVG text. When <paramref name="estimatedLabel"/> is given, values whose NATURE is in
    /// <see cref="EstimatedNatures"/> are drawn hollow and the legend says so with that label.
    /// </summary>
    public static string Draw(string id, string title, IReadOnlyList<SeriesChartPoint> points, string nationalLabel, string internationalLabel, string yearLabel, string valueLabel, string? estimatedLabel = null)
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

        var valueTicks = Enumerable.Range(0, 3).Select(t => min + ((max - min) * t / 2)).Select(v => (Value: v, Label: v.ToString("0.##", CultureInfo.InvariantCulture))).ToList();
        // Right of the rotated value label (which reaches x = 15) and of the widest value tick.
        var left = Math.Max(MinLeft, Math.Ceiling(valueTicks.Max(t => SvgText.Width(t.Label, FontSize)) + 24));
        double X(int year) => left + ((year - minYear) / (double)(maxYear - minYear) * (Right - left));
        double Y(double value) => Bottom - ((value - min) / (max - min) * (Bottom - Top));

        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            xml.WriteStartElement("svg", SvgNamespace);
            Attributes(xml, ("class", "series-chart"), ("id", id), ("role", "img"), ("aria-label", title), ("width", N(Width)), ("height", N(Height)),
                ("viewBox", $"0 0 {N(Width)} {N(Height)}"), ("font-family", "system-ui, Arial, sans-serif"), ("font-size", N(FontSize)));
            xml.WriteElementString("title", SvgNamespace, title);

            // Axes, ticks and labels.
            Empty(xml, "line", ("class", "axis"), ("x1", N(left)), ("x2", N(Right)), ("y1", N(Bottom)), ("y2", N(Bottom)), ("stroke", "#52606d"));
            Empty(xml, "line", ("class", "axis"), ("x1", N(left)), ("x2", N(left)), ("y1", N(Top)), ("y2", N(Bottom)), ("stroke", "#52606d"));
            foreach (var year in ordered.Select(p => p.Year).Distinct())
            {
                Empty(xml, "line", ("x1", N(X(year))), ("x2", N(X(year))), ("y1", N(Bottom)), ("y2", N(Bottom + 4)), ("stroke", "#52606d"));
            }

            var step = YearStep(minYear, maxYear, Right - left);
            for (var year = minYear; year <= maxYear; year++)
            {
                if (year % step == 0)
                {
                    Text(xml, X(year), Bottom + 16, year.ToString(CultureInfo.InvariantCulture), ("text-anchor", "middle"), ("class", "tick"));
                }
            }

            foreach (var (value, label) in valueTicks)
            {
                Text(xml, left - 4, Y(value) + 3, label, ("text-anchor", "end"), ("class", "tick"));
            }

            Text(xml, (left + Right) / 2, Height - 4, SvgText.Fit(yearLabel, Right - left, FontSize), ("text-anchor", "middle"), ("class", "axis-label"));
            Text(xml, 12, (Top + Bottom) / 2, SvgText.Fit(valueLabel, Bottom - Top, FontSize), ("text-anchor", "middle"), ("class", "axis-label"), ("transform", $"rotate(-90 12 {N((Top + Bottom) / 2)})"));

            var hollow = estimatedLabel is not null;
            Line(xml, "national", NationalColour, ordered.Where(p => p.National is not null).Select(p => (p.Year, p.National!.Value, p.NationalNature)).ToList(), X, Y, hollow);
            Line(xml, "international", InternationalColour, ordered.Where(p => p.International is not null).Select(p => (p.Year, p.International!.Value, p.InternationalNature)).ToList(), X, Y, hollow);

            // Legend.
            var national = SvgText.Fit(nationalLabel, (Width - left) / 2 - 30, FontSize);
            var second = left + 16 + SvgText.Width(national, FontSize) + 24;
            Empty(xml, "rect", ("x", N(left)), ("y", "10"), ("width", "12"), ("height", "4"), ("fill", NationalColour));
            Text(xml, left + 16, 15, national, ("class", "legend"));
            Empty(xml, "rect", ("x", N(second)), ("y", "10"), ("width", "12"), ("height", "4"), ("fill", InternationalColour));
            var international = SvgText.Fit(internationalLabel, Width - second - 20, FontSize);
            Text(xml, second + 16, 15, international, ("class", "legend"));
            if (estimatedLabel is not null)
            {
                Empty(xml, "circle", ("cx", N(left + 4)), ("cy", "26"), ("r", "3"), ("fill", "#ffffff"), ("stroke", "#52606d"), ("stroke-width", "1.5"));
                Text(xml, left + 16, 29, SvgText.Fit(estimatedLabel, Right - left - 16, FontSize), ("class", "legend estimated"));
            }

            xml.WriteEndElement();
        }

        return text.ToString();
    }

    /// <summary>The least k of <see cref="YearSteps"/> for which labels k years apart are at least a label's width apart.</summary>
    internal static int YearStep(int minYear, int maxYear, double width)
    {
        var perYear = width / Math.Max(1, maxYear - minYear);
        var room = SvgText.Width("0000", FontSize) + LabelGap;
        return YearSteps.FirstOrDefault(k => k * perYear >= room, YearSteps[^1]);
    }

    private static void Line(XmlWriter xml, string side, string colour, List<(int Year, double Value, string? Nature)> points, Func<int, double> x, Func<double, double> y, bool hollow)
    {
        xml.WriteStartElement("g");
        Attributes(xml, ("class", side));
        if (points.Count > 1)
        {
            Empty(xml, "polyline", ("points", string.Join(' ', points.Select(p => $"{N(x(p.Year))},{N(y(p.Value))}"))), ("fill", "none"), ("stroke", colour), ("stroke-width", "2"));
        }

        foreach (var (year, value, nature) in points)
        {
            xml.WriteStartElement("circle");
            var estimated = hollow && nature is not null && EstimatedNatures.Contains(nature);
            Attributes(xml, ("cx", N(x(year))), ("cy", N(y(value))), ("r", "3"), ("fill", estimated ? "#ffffff" : colour));
            if (estimated)
            {
                Attributes(xml, ("stroke", colour), ("stroke-width", "1.5"), ("class", "estimated"));
            }

            if (nature is not null)
            {
                Attributes(xml, ("data-nature", nature));
            }

            var tip = $"{year.ToString(CultureInfo.InvariantCulture)}: {value.ToString("G", CultureInfo.InvariantCulture)}";
            xml.WriteElementString("title", SvgNamespace, nature is null ? tip : $"{tip} (NATURE {nature})");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }
}
