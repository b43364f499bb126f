namespace MdgExchange.Application.Reports;

/// <summary>The rectangle a label covers, in the drawing's units; touching edges do not intersect.</summary>
internal readonly record struct TextBox(double Left, double Top, double Right, double Bottom)
{
    public bool Intersects(TextBox other) => Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

    public TextBox Inflate(double margin) => new(Left - margin, Top - margin, Right + margin, Bottom + margin);
}

/// <summary>
/// How much room a label takes, estimated from its characters and font size without a font at hand. The widths are
/// DejaVu Sans's (the sans-serif of a Debian browser, wider than Arial or Segoe UI) rounded up per character class,
/// and the height its ascent and descent, so a box estimated here holds the text a browser draws: charts that keep
/// their estimated boxes apart keep their drawn labels apart.
/// </summary>
internal static class SvgText
{
    private const double Ascent = 0.95, Descent = 0.25, Bold = 1.12;

    /// <summary>The estimated advance of <paramref name="text"/> at <paramref name="fontSize"/>.</summary>
    public static double Width(string text, double fontSize, bool bold = false)
    {
        var em = 0d;
        foreach (var c in text)
        {
            em += c switch
            {
                'i' or 'j' or 'l' or 't' or 'f' or 'r' or 'I' or 'J' or '.' or ',' or ':' or ';' or '\'' or '!' or '|' or ' ' or '·' or '(' or ')' or '[' or ']' => 0.42,
                'm' or 'w' or 'M' or 'W' or '%' or '—' or '…' or '@' => 1.0,
                '→' or '<' or '>' or '+' or '=' or '~' or '&' => 0.84,
                >= '0' and <= '9' => 0.64,
                _ when char.IsUpper(c) => 0.8,
                _ => 0.62,
            };
        }

        return em * fontSize * (bold ? Bold : 1);
    }

    /// <summary>
    /// The box of a label written at <paramref name="x"/> with its baseline at <paramref name="baseline"/>, aligned on
    /// <paramref name="x"/> as the SVG <c>text-anchor</c> <paramref name="anchor"/> (start, middle or end) says.
    /// </summary>
    public static TextBox Box(double x, double baseline, string text, double fontSize, string anchor = "start", bool bold = false)
    {
        var width = Width(text, fontSize, bold);
        var left = anchor switch
        {
            "middle" => x - width / 2,
            "end" => x - width,
            _ => x,
        };
        return new TextBox(left, baseline - Ascent * fontSize, left + width, baseline + Descent * fontSize);
    }

    /// <summary><paramref name="text"/>, cut with an ellipsis where needed so that it is at most <paramref name="maxWidth"/> wide.</summary>
    public static string Fit(string text, double maxWidth, double fontSize, bool bold = false)
    {
        if (Width(text, fontSize, bold) <= maxWidth)
        {
            return text;
        }

        var length = text.Length;
        while (length > 0 && Width(string.Concat(text.AsSpan(0, length), "…"), fontSize, bold) > maxWidth)
        {
            length--;
        }

        return length == 0 ? "" : string.Concat(text.AsSpan(0, length).TrimEnd(), "…");
    }
}

/// <summary>The labels placed so far in a drawing: a new one goes only where it meets none of them.</summary>
internal sealed class LabelSpace
{
    private readonly List<TextBox> _taken = [];

    public IReadOnlyList<TextBox> Taken => _taken;

    public void Reserve(TextBox box) => _taken.Add(box);

    public bool TryPlace(TextBox box)
    {
        foreach (var taken in _taken)
        {
            if (taken.Intersects(box))
            {
                return false;
            }
        }

        _taken.Add(box);
        return true;
    }
}
