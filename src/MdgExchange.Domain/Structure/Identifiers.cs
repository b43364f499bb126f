using System.Text.RegularExpressions;

namespace MdgExchange.Domain.Structure;

/// <summary>The SDMX 2.1 rules for identifiers and versions.</summary>
public static partial class Identifiers
{
    /// <summary>An SDMX IDType: letters, digits, <c>_</c>, <c>@</c>, <c>$</c> and <c>-</c>.</summary>
    public static bool IsValidId(string? id) => !string.IsNullOrEmpty(id) && IdPattern().IsMatch(id);

    /// <summary>An agency id: one or more IDs (starting with a letter) separated by dots.</summary>
    public static bool IsValidAgencyId(string? id) => !string.IsNullOrEmpty(id) && AgencyPattern().IsMatch(id);

    /// <summary>An SDMX 2.1 VersionType: digits separated by dots, e.g. <c>1.0</c> or <c>2.1.3</c>.</summary>
    public static bool IsValidVersion(string? version) => !string.IsNullOrEmpty(version) && VersionPattern().IsMatch(version);

    /// <summary>Compares two valid versions numerically, part by part (1.10 is newer than 1.9).</summary>
    public static int CompareVersions(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var pa = a.Split('.');
        var pb = b.Split('.');
        for (var i = 0; i < Math.Max(pa.Length, pb.Length); i++)
        {
            var x = i < pa.Length && long.TryParse(pa[i], out var va) ? va : 0;
            var y = i < pb.Length && long.TryParse(pb[i], out var vb) ? vb : 0;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_@$\-]+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_\-]*(\.[A-Za-z][A-Za-z0-9_\-]*)*$")]
    private static partial Regex AgencyPattern();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)*$")]
    private static partial Regex VersionPattern();
}
