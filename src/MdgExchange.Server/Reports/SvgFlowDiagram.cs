using System.Globalization;
using System.Text;
using System.Xml;

namespace MdgExchange.Server.Reports;

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
public static class SvgFlowDiagram
{
    public const string SvgNamespace = "http://www.w3.org/2000/svg";
    private const double Width = 900, NodeWidth = 180, NodeHeight = 30, RowGap = 56, Top = 64, MaxLabel = 26;
    private static readonly double[] ColumnX = [120, 450, 780];

    private static readonly Dictionary<DiagramColumn, (string Stroke, string Fill)> Colours = new()
    {
        [DiagramColumn.Left] = ("#0b6e99", "#e3f1f8"),
        [DiagramColumn.Middle] = ("#52606d", "#f0f4f8"),
        [DiagramColumn.Right] = ("#8d6708", "#fcefc7"),
    };

    /// <remarks>
    /// <paramref name="id"/> is unique in the page: it prefixes the ids inside the drawing (its arrow head).
    /// <paramref name="headings"/> are those of the left, middle and right columns.
    /// </remarks>
    public static string Draw(string id, string title, IReadOnlyList<DiagramNode> nodes, IReadOnlyList<DiagramEdge> edges, IReadOnlyList<string> headings)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(headings);
        var positions = new Dictionary<string, (double X, double Y, DiagramColumn Column)>(StringComparer.Ordinal);
        foreach (var column in nodes.GroupBy(n => n.Column))
        {
            var row = 0;
            foreach (var node in column.OrderBy(n => n.Label, StringComparer.Ordinal))
            {
                positions[node.Id] = (ColumnX[(int)column.Key], Top + NodeHeight / 2 + row++ * RowGap, column.Key);
            }
        }

        var rows = nodes.Count == 0 ? 1 : nodes.GroupBy(n => n.Column).Max(g => g.Count());
        var height = Top + rows * RowGap + 10;
        var max = edges.Count == 0 ? 1 : Math.Max(1, edges.Max(e => e.Count));

        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Document }))
        {
            xml.WriteStartElement("svg", SvgNamespace);
            Attributes(xml, ("class", "flow-diagram"), ("role", "img"), ("aria-label", title), ("width", N(Width)), ("height", N(height)),
                ("viewBox", $"0 0 {N(Width)} {N(height)}"), ("font-family", "system-ui, Arial, sans-serif"), ("font-size", "12"));
            xml.WriteElementString("title", SvgNamespace, title);
            xml.WriteStartElement("defs");
            xml.WriteStartElement("marker");
            Attributes(xml, ("id", id + "-arrow"), ("viewBox", "0 0 10 10"), ("refX", "10"), ("refY", "5"), ("markerWidth", "10"), ("markerHeight", "10"),
                ("markerUnits", "userSpaceOnUse"), ("orient", "auto"));
            Empty(xml, "path", ("d", "M0,0 L10,5 L0,10 z"), ("fill", "#334e68"));
            xml.WriteEndElement();
            xml.WriteEndElement();

            for (var c = 0; c < headings.Count && c < ColumnX.Length; c++)
            {
                Text(xml, ColumnX[c], 28, headings[c], ("text-anchor", "middle"), ("font-weight", "600"), ("class", "column-heading"));
            }

            foreach (var edge in edges.OrderByDescending(e => e.Count).ThenBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal))
            {
                if (positions.TryGetValue(edge.From, out var from) && positions.TryGetValue(edge.To, out var to))
                {
                    Edge(xml, id, edge, from, to, 1.5 + 6.5 * Math.Sqrt((double)edge.Count / max));
                }
            }

            foreach (var node in nodes)
            {
                var (x, y, column) = positions[node.Id];
                var (stroke, fill) = Colours[column];
                xml.WriteStartElement("g");
                Attributes(xml, ("class", "node"), ("data-id", node.Id));
                xml.WriteElementString("title", SvgNamespace, node.Label);
                Empty(xml, "rect", ("x", N(x - NodeWidth / 2)), ("y", N(y - NodeHeight / 2)), ("width", N(NodeWidth)), ("height", N(NodeHeight)), ("rx", "4"),
                    ("fill", fill), ("stroke", stroke), ("stroke-width", "1.5"));
                Text(xml, x, y + 4, node.Label.Length > MaxLabel ? node.Label[..(int)(MaxLabel - 1)] + "…" : node.Label, ("text-anchor", "middle"));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return text.ToString();
    }

    private static void Edge(XmlWriter xml, string id, DiagramEdge edge, (double X, double Y, DiagramColumn Column) from, (double X, double Y, DiagramColumn Column) to, double width)
    {
        string path;
        double labelX, labelY;
        var side = from.Column == DiagramColumn.Right ? -1 : 1;
        if (edge.From == edge.To)
        {
            // A loop on the box's outer side.
            var x = from.X + side * NodeWidth / 2;
            path = $"M{N(x)},{N(from.Y - 8)} C{N(x + side * 60)},{N(from.Y - 44)} {N(x + side * 60)},{N(from.Y + 44)} {N(x)},{N(from.Y + 8)}";
            (labelX, labelY) = (x + side * 50, from.Y);
        }
        else
        {
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
            path = $"M{N(p0.X)},{N(p0.Y)} Q{N(control.X)},{N(control.Y)} {N(p2.X)},{N(p2.Y)}";
            // An arrow across the middle column carries its count past the middle boxes, which would hide it.
            var t = Math.Abs(dx) > ColumnX[2] - ColumnX[0] - NodeWidth - 1 ? 0.8 : 0.5;
            (labelX, labelY) = (Bezier(p0.X, control.X, p2.X, t), Bezier(p0.Y, control.Y, p2.Y, t));
        }

        xml.WriteStartElement("g");
        Attributes(xml, ("class", "edge"), ("data-from", edge.From), ("data-to", edge.To), ("data-count", edge.Count.ToString(CultureInfo.InvariantCulture)));
        xml.WriteElementString("title", SvgNamespace, edge.Title);
        Empty(xml, "path", ("d", path), ("fill", "none"), ("stroke", "#486581"), ("stroke-opacity", "0.75"), ("stroke-width", N(width)), ("marker-end", $"url(#{id}-arrow)"));
        Text(xml, labelX, labelY + 4, edge.Count.ToString(CultureInfo.InvariantCulture),
            ("text-anchor", "middle"), ("class", "count"), ("paint-order", "stroke"), ("stroke", "#ffffff"), ("stroke-width", "3"), ("font-weight", "600"));
        xml.WriteEndElement();
    }

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
