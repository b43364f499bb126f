using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MdgExchange.Application.Reports;

namespace MdgExchange.Server.Tests.Reports;

/// <summary>The text labels of an SVG drawing with the boxes <see cref="SvgText"/> estimates for them, and which of them meet.</summary>
internal static partial class SvgLabels
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public sealed record Label(string Text, TextBox Box, XElement Element);

    public static IReadOnlyList<Label> Of(XElement svg) => svg.Descendants(Svg + "text").Where(t => t.Value.Length > 0).Select(t => new Label(t.Value, BoxOf(t), t)).ToList();

    /// <summary>Every pair of labels whose boxes intersect (touching is fine): a sweep along x, so n log n plus the pairs that share an x range.</summary>
    public static IReadOnlyList<(Label A, Label B)> Overlaps(IReadOnlyList<Label> labels)
    {
        var sorted = labels.OrderBy(l => l.Box.Left).ToList();
        var overlaps = new List<(Label, Label)>();
        for (var a = 0; a < sorted.Count; a++)
        {
            for (var b = a + 1; b < sorted.Count && sorted[b].Box.Left < sorted[a].Box.Right; b++)
            {
                if (sorted[a].Box.Intersects(sorted[b].Box))
                {
                    overlaps.Add((sorted[a], sorted[b]));
                }
            }
        }

        return overlaps;
    }

    private static TextBox BoxOf(XElement text)
    {
        var fontSize = Number(Inherited(text, "font-size") ?? "16");
        var box = SvgText.Box(Number((string)text.Attribute("x")!), Number((string)text.Attribute("y")!), text.Value, fontSize,
            Inherited(text, "text-anchor") ?? "start", Inherited(text, "font-weight") is "600" or "700" or "bold");
        if ((string?)text.Attribute("transform") is { } transform)
        {
            // Only the quarter turn the charts use for a vertical axis label: rotate(-90 cx cy).
            var match = RotateMinus90().Match(transform);
            match.Success.Should().BeTrue($"a transform the test can follow, not {transform}");
            var (cx, cy) = (Number(match.Groups[1].Value), Number(match.Groups[2].Value));
            box = new TextBox(cx + box.Top - cy, cy - (box.Right - cx), cx + box.Bottom - cy, cy - (box.Left - cx));
        }

        return box;
    }

    private static string? Inherited(XElement element, string attribute) =>
        element.AncestorsAndSelf().Select(e => (string?)e.Attribute(attribute)).FirstOrDefault(v => v is not null);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^rotate\(-90 ([-0-9.]+) ([-0-9.]+)\)$")]
    private static partial Regex RotateMinus90();
}
