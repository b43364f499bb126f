using System.Globalization;

namespace MdgExchange.Domain.Catalog;

/// <summary>Orders indicator notations as the framework does: numeric parts numerically (3.2.1 before 10.1.1), letters after numbers.</summary>
public sealed class IndicatorNotation : IComparer<string?>
{
    public static readonly IndicatorNotation Comparer = new();

    public int Compare(string? x, string? y)
    {
        var a = (x ?? "").Split('.', '-');
        var b = (y ?? "").Split('.', '-');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var na = int.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ia);
            var nb = int.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ib);
            var c = (na, nb) switch
            {
                (true, true) => ia.CompareTo(ib),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }
}
