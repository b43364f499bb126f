using System.Globalization;
using System.Text;
using System.Xml;

namespace MdgExchange.Application.Reports;

/// <summary>Where a node of a <see cref="SvgFlowDiagram"/> stands: national bodies left, agencies right, the rest between.</summary>
public enum DiagramColumn
{
    Left,
    Middle,
    Right,
}

public sealed record DiagramNode(string Id, string Label, DiagramColumn Column);

/// <summary>An arrow from one node to another (or itself); <see cref="Count"/> sets its width and is written on it.</summary>
public sealed record DiagramEdge(string From, string To, long Count, string Title);

/// <summary>
/// Who sends to whom, as an SVG drawing: organisations as labelled boxes in three columns, one arrow per sender →
/// receiver pair, wider the more transfers it carries, with the count on it. Written with an <see cref="XmlWriter"/>,
/// so every label is escaped and the drawing is well-formed; nothing in it refers outside itself.
/// </summary>
/// <remarks>
/// At volume (hundreds of pairs) only the <see cref="MaxEdges"/> largest are drawn and the rest are summed up in one
/// line under the drawing, which points to the flow table. A count is written where its box meets no other label, box
/// or heading (the first free place along its arrow, from the middle outwards); an arrow with no free place keeps its
/// count in its tooltip only. The drawing is as tall as its longest column.
/// </remarks>
public static class SvgFlowDiagram
{
    public const string SvgNamespace = "http://www.w3.org/2000/svg";

    /// <summary>The most arrows drawn; the smaller pairs beyond them are summed up under the drawing.</summary>
    public const int MaxEdges = 40;

    /// <summary>The summary of the pairs not drawn: {0} the pairs, {1} their transfers.</summary>
    public const string DefaultMoreText = "+{0} more sender → receiver pairs ({1} transfers): see the flow table";

    private const double Width = 900, NodeWidth = 180, NodeHeight = 30, RowGap = 56, Top = 64, FontSize = 12, MoreHeight = 28;
    private static readonly double[] ColumnX = [120, 450, 780];
    private static readonly double[] LabelPositions = [.. Enumerable.Range(2, 17).Select(i => i * 0.05)];

    private static readonly Dictionary<DiagramColumn, (string Stroke, string Fill)> Colours = new()
    {
        [DiagramColumn.Left] = ("#0b6e99", "#e3f1f8"),
        [DiagramColumn.Middle] = ("#52606d", "#f0f4f8"),
        [DiagramColumn.Right] = ("#8d6708", "#fcefc7"),
    };

    /// <remarks>
    /// <paramref name="id"/> is unique in the page: it prefixes the ids inside the drawing (its arrow head).
    /// <paramref name="headings"/> are those of the left, middle and right columns; <paramref name="moreText"/> the
    /// summary of the pairs not drawn, in the report's language (see <see cref="DefaultMoreText"/>).
    /// </remarks>
    public static string Draw(string id, string title, IReadOnlyList<DiagramNode> nodes, IReadOnlyList<DiagramEdge> edges, IReadOnlyList<string> headings, string moreText = DefaultMoreText)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(headings);
        var positions = Layout(nodes);
        var drawable = edges.Where(e => positions.ContainsKey(e.From) && positions.ContainsKey(e.To))
            .OrderByDescending(e => e.Count).ThenBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).ToList();
        var shown = drawable.Take(MaxEdges).ToList();
        var hidden = drawable.Skip(MaxEdges).ToList();
        var rows = nodes.Count == 0 ? 1 : nodes.GroupBy(n => n.Column).Max(g => g.Count());
        var bottom = Top + rows * RowGap + 10;
        var height = bottom + (hidden.Count > 0 ? MoreHeight : 0);
        var max = drawable.Count == 0 ? 1 : Math.Max(1, drawable.Max(e => e.Count));

        var headingTexts = headings.Take(ColumnX.Length).Select((h, c) => (X: ColumnX[c], Text: SvgText.Fit(h, NodeWidth + 40, FontSize, bold: true))).ToList();
        var space = Obstacles(headingTexts, positions);

        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Document }))
        {
            xml.WriteStartElement("svg", SvgNamespace);
            Attributes(xml, ("class", "flow-diagram"), ("role", "img"), ("aria-label", title), ("width", N(Width)), ("height", N(height)),
                ("viewBox", $"0 0 {N(Width)} {N(height)}"), ("font-family", "system-ui, Arial, sans-serif"), ("font-size", N(FontSize)));
            xml.WriteElementString("title", SvgNamespace, title);
            xml.WriteStartElement("defs");
            xml.WriteStartElement("marker");
            Attributes(xml, ("id", id + "-arrow"), ("viewBox", "0 0 10 10"), ("refX", "10"), ("refY", "5"), ("markerWidth", "10"), ("markerHeight", "10"),
                ("markerUnits", "userSpaceOnUse"), ("orient", "auto"));
            Empty(xml, "path", ("d", "M0,0 L10,5 L0,10 z"), ("fill", "#334e68"));
            xml.WriteEndElement();
            xml.WriteEndElement();

            foreach (var (x, heading) in headingTexts)
            {
                Text(xml, x, 28, heading, ("text-anchor", "middle"), ("font-weight", "600"), ("class", "column-heading"));
            }

            // Arrows, then boxes, then the counts over both, so that no later arrow hides a count.
            var fanOut = shown.CountBy(e => e.From, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
            var fanIn = shown.CountBy(e => e.To, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
            var counts = new List<(DiagramEdge Edge, double X, double Y)>();
            foreach (var edge in shown)
            {
                var geometry = Geometry(edge, positions[edge.From], positions[edge.To], fanOut[edge.From], fanIn[edge.To]);
                Edge(xml, id, edge, geometry.Path, 1.5 + 6.5 * Math.Sqrt((double)edge.Count / max));
                if (PlaceCount(edge, geometry, space) is { } at)
                {
                    counts.Add((edge, at.X, at.Y));
                }
            }

            Nodes(xml, nodes, positions);
            Counts(xml, counts);
            if (hidden.Count > 0)
            {
                var more = string.Format(CultureInfo.InvariantCulture, moreText, hidden.Count, hidden.Sum(e => e.Count));
                Text(xml, 12, bottom + 14, SvgText.Fit(more, Width - 24, FontSize), ("class", "more"), ("data-pairs", hidden.Count.ToString(CultureInfo.InvariantCulture)));
            }

            xml.WriteEndElement();
        }

        return text.ToString();
    }

    private static Dictionary<string, (double X, double Y, DiagramColumn Column)> Layout(IReadOnlyList<DiagramNode> nodes)
    {
        var positions = new Dictionary<string, (double X, double Y, DiagramColumn Column)>(StringComparer.Ordinal);
        foreach (var column in nodes.GroupBy(n => n.Column))
        {
            var row = 0;
            foreach (var node in column.OrderBy(n => n.Label, StringComparer.Ordinal))
            {
                positions[node.Id] = (ColumnX[(int)column.Key], Top + NodeHeight / 2 + row++ * RowGap, column.Key);
            }
        }

        return positions;
    }

    /// <summary>The headings and boxes, reserved first: a count may not cover them.</summary>
    private static LabelSpace Obstacles(List<(double X, string Text)> headings, Dictionary<string, (double X, double Y, DiagramColumn Column)> positions)
    {
        var space = new LabelSpace();
        foreach (var (x, heading) in headings)
        {
            space.Reserve(SvgText.Box(x, 28, heading, FontSize, "middle", bold: true));
        }

        foreach (var (x, y, _) in positions.Values)
        {
            space.Reserve(new TextBox(x - NodeWidth / 2, y - NodeHeight / 2, x + NodeWidth / 2, y + NodeHeight / 2).Inflate(1));
        }

        return space;
    }

    private static void Nodes(XmlWriter xml, IReadOnlyList<DiagramNode> nodes, Dictionary<string, (double X, double Y, DiagramColumn Column)> positions)
    {
        foreach (var node in nodes)
        {
            var (x, y, column) = positions[node.Id];
            var (stroke, fill) = Colours[column];
            xml.WriteStartElement("g");
            Attributes(xml, ("class", "node"), ("data-id", node.Id));
            xml.WriteElementString("title", SvgNamespace, node.Label);
            Empty(xml, "rect", ("x", N(x - NodeWidth / 2)), ("y", N(y - NodeHeight / 2)), ("width", N(NodeWidth)), ("height", N(NodeHeight)), ("rx", "4"),
                ("fill", fill), ("stroke", stroke), ("stroke-width", "1.5"));
            Text(xml, x, y + 4, SvgText.Fit(node.Label, NodeWidth - 10, FontSize), ("text-anchor", "middle"));
            xml.WriteEndElement();
        }
    }

    /// <summary>The counts in one group over the arrows and boxes, each naming its arrow.</summary>
    private static void Counts(XmlWriter xml, List<(DiagramEdge Edge, double X, double Y)> counts)
    {
        xml.WriteStartElement("g");
        Attributes(xml, ("class", "counts"));
        foreach (var (edge, x, y) in counts)
        {
            Text(xml, x, y, edge.Count.ToString(CultureInfo.InvariantCulture), ("text-anchor", "middle"), ("class", "count"), ("data-from", edge.From), ("data-to", edge.To),
                ("paint-order", "stroke"), ("stroke", "#ffffff"), ("stroke-width", "3"), ("font-weight", "600"));
        }

        xml.WriteEndElement();
    }

    private static void Edge(XmlWriter xml, string id, DiagramEdge edge, string path, double width)
    {
        xml.WriteStartElement("g");
        Attributes(xml, ("class", "edge"), ("data-from", edge.From), ("data-to", edge.To), ("data-count", edge.Count.ToString(CultureInfo.InvariantCulture)));
        xml.WriteElementString("title", SvgNamespace, edge.Title);
        Empty(xml, "path", ("d", path), ("fill", "none"), ("stroke", "#486581"), ("stroke-opacity", "0.75"), ("stroke-width", N(width)), ("marker-end", $"url(#{id}-arrow)"));
        xml.WriteEndElement();
    }

    /// <summary>The first free place along the arrow for its count, from the preferred point outwards (its baseline), or null.</summary>
    private static (double X, double Y)? PlaceCount(DiagramEdge edge, (string Path, Func<double, (double X, double Y)> Point, double Preferred) geometry, LabelSpace space)
    {
        var count = edge.Count.ToString(CultureInfo.InvariantCulture);
        foreach (var t in LabelPositions.OrderBy(t => Math.Abs(t - geometry.Preferred)).ThenBy(t => t))
        {
            var (x, y) = geometry.Point(t);
            if (space.TryPlace(SvgText.Box(x, y + 4, count, FontSize, "middle", bold: true).Inflate(1)))
            {
                return (x, y + 4);
            }
        }

        return null;
    }

    /// <summary>
    /// The arrow's path, the point at <c>t</c> along it (0 to 1), and where along it its count is best written: nearer
    /// the end whose box has fewer arrows (<paramref name="fanOut"/> leave the sender, <paramref name="fanIn"/> reach the
    /// receiver), where the arrows have not yet bunched together.
    /// </summary>
    private static (string Path, Func<double, (double X, double Y)> Point, double Preferred) Geometry(
        DiagramEdge edge, (double X, double Y, DiagramColumn Column) from, (double X, double Y, DiagramColumn Column) to, int fanOut, int fanIn)
    {
        var side = from.Column == DiagramColumn.Right ? -1 : 1;
        if (edge.From == edge.To)
        {
            // A loop on the box's outer side.
            var x = from.X + side * NodeWidth / 2;
            (double X, double Y) a = (x, from.Y - 8), b = (x + side * 60, from.Y - 44), c = (x + side * 60, from.Y + 44), d = (x, from.Y + 8);
            return ($"M{N(a.X)},{N(a.Y)} C{N(b.X)},{N(b.Y)} {N(c.X)},{N(c.Y)} {N(d.X)},{N(d.Y)}",
                t => (Cubic(a.X, b.X, c.X, d.X, t), Cubic(a.Y, b.Y, c.Y, d.Y, t)), 0.5);
        }

        (double X, double Y) p0, p2;
        if (from.Column == to.Column)
        {
            p0 = (from.X + side * NodeWidth / 2, from.Y);
            p2 = (to.X + side * NodeWidth / 2, to.Y);
        }
        else
        {
            var right = to.X > from.X ? 1 : -1;
            p0 = (from.X + right * NodeWidth / 2, from.Y);
            p2 = (to.X - right * NodeWidth / 2, to.Y);
        }

        // Bent to the left of the direction of travel, so A→B and B→A never overlap.
        var (dx, dy) = (p2.X - p0.X, p2.Y - p0.Y);
        var length = Math.Max(1, Math.Sqrt(dx * dx + dy * dy));
        var bend = from.Column == to.Column ? 40 + Math.Abs(dy) / 6 : 18;
        var control = from.Column == to.Column
            ? (X: p0.X + side * bend, Y: (p0.Y + p2.Y) / 2)
            : (X: (p0.X + p2.X) / 2 + dy / length * bend, Y: (p0.Y + p2.Y) / 2 - dx / length * bend);
        var preferred = fanIn > fanOut ? 0.25 : fanOut > fanIn ? 0.75 : 0.5;
        return ($"M{N(p0.X)},{N(p0.Y)} Q{N(control.X)},{N(control.Y)} {N(p2.X)},{N(p2.Y)}",
            t => (Bezier(p0.X, control.X, p2.X, t), Bezier(p0.Y, control.Y, p2.Y, t)), preferred);
    }

    private static double Cubic(double a, double b, double c, double d, double t) =>
        ((1 - t) * (1 - t) * (1 - t) * a) + (3 * (1 - t) * (1 - t) * t * b) + (3 * (1 - t) * t * t * c) + (t * t * t * d);

    private static double Bezier(double p0, double control, double p2, double t) => ((1 - t) * (1 - t) * p0) + (2 * t * (1 - t) * control) + (t * t * p2);

    internal static void Text(XmlWriter xml, double x, double y, string text, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement("text");
        Attributes(xml, ("x", N(x)), ("y", N(y)));
        Attributes(xml, attributes);
        xml.WriteString(text);
        xml.WriteEndElement();
    }

    internal static void Empty(XmlWriter xml, string name, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement(name);
        Attributes(xml, attributes);
        xml.WriteEndElement();
    }

    internal static void Attributes(XmlWriter xml, params (string Name, string Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
        {
            xml.WriteAttributeString(name, value);
        }
    }

    internal static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
