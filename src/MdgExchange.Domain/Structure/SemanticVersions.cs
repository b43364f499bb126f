using System.Globalization;
using System.Text.RegularExpressions;

namespace MdgExchange.Domain.Structure;

/// <summary>
/// Version patterns of the SDMX REST API and the artefact versions they select.
/// <list type="bullet">
/// <item>1.5: <c>latest</c> (the highest version, parts compared as numbers: 1.10 &gt; 1.9, whatever the status),
/// <c>all</c>, or an exact version.</item>
/// <item>2.x (sdmx-rest <c>doc/querying_versions.md</c>): <c>*</c> all versions, <c>~</c> the latest version
/// whether final or draft, <c>+</c> the latest stable version, an exact version (<c>1</c>, <c>1.0</c>, <c>1.0.0</c>,
/// <c>1.0.0-draft</c>), and one wildcard inside a version: <c>1.+</c>/<c>1.+.0</c> (latest stable 1.y.z),
/// <c>1.2.+</c>, with a minimum (<c>1.3+.0</c> = latest stable 1.y.z with y.z ≥ 3.0, <c>1+.0.0</c> = latest stable
/// x.y.z ≥ 1.0.0), and the same forms with <c>~</c> and <c>*</c> (<c>1.*</c>, <c>2.1*</c>); terms joined by <c>,</c>
/// are OR-ed.</item>
/// </list>
/// <para>Stable = final, without an extension (<c>-draft</c>) and with a major version above 0 (0.y.z is initial
/// development in SDMX semantic versioning). The registry also holds SDMX 2.1 versions of two parts (<c>1.0</c>):
/// a wildcard compares missing parts as 0 and does not require the three-part form the standard reserves
/// <c>+</c> and <c>X.Y.Z</c>-shaped patterns for, so <c>+</c> finds a final <c>1.0</c>. Exact versions match
/// exactly (<c>1.0</c> is not <c>1.0.0</c>).</para>
/// </summary>
public static partial class SemanticVersions
{
    /// <summary>
    /// The candidates <paramref name="pattern"/> selects, in the candidates' order. An invalid pattern selects
    /// nothing (check it first with <see cref="IsValidPattern"/>).
    /// </summary>
    public static IReadOnlyList<T> Select<T>(string pattern, IReadOnlyList<T> candidates, Func<T, string> version, Func<T, bool> isFinal)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(isFinal);
        var selected = new bool[candidates.Count];
        foreach (var text in pattern.Split(','))
        {
            if (!TryParseTerm(text.Trim(), out var term))
            {
                continue;
            }

            SelectTerm(term, candidates, version, isFinal, selected);
        }

        var result = new List<T>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (selected[i])
            {
                result.Add(candidates[i]);
            }
        }

        return result;
    }

    /// <summary>
    /// True when <paramref name="pattern"/> is a version pattern: for SDMX REST 1.5 (<paramref name="legacy"/>) <c>latest</c>,
    /// <c>all</c> or a version of numbers (<c>1</c>, <c>1.0</c>, <c>1.0.0</c>); for 2.x any term described on
    /// <see cref="SemanticVersions"/>, several joined by <c>,</c>.
    /// </summary>
    public static bool IsValidPattern(string? pattern, bool legacy = false)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return false;
        }

        if (legacy)
        {
            return pattern is "latest" or "all" || LegacyVersion().IsMatch(pattern);
        }

        foreach (var text in pattern.Split(','))
        {
            if (text is "latest" or "all" || !TryParseTerm(text, out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Orders versions: numeric parts compared as numbers (missing parts as 0, so 1.10 &gt; 1.9 and 1.0 = 1.0.0
    /// numerically), then a version with an extension before the same one without (1.0.0-draft &lt; 1.0.0), then
    /// fewer parts first (1.0 &lt; 1.0.0), then ordinal text. Versions that are not numeric sort first.
    /// </summary>
    public static int Compare(string? x, string? y)
    {
        var a = ParsedVersion.Parse(x);
        var b = ParsedVersion.Parse(y);
        if (a is null || b is null)
        {
            return a is null && b is null ? string.CompareOrdinal(x, y) : a is null ? -1 : 1;
        }

        var order = ComparePrefix(a.Parts, 0, b.Parts, 0);
        if (order != 0)
        {
            return order;
        }

        if ((a.Extension is null) != (b.Extension is null))
        {
            return a.Extension is null ? 1 : -1;
        }

        order = string.CompareOrdinal(a.Extension, b.Extension);
        if (order != 0)
        {
            return Math.Sign(order);
        }

        order = a.Parts.Length.CompareTo(b.Parts.Length);
        return order != 0 ? order : Math.Sign(string.CompareOrdinal(x, y));
    }

    private static void SelectTerm<T>(Term term, IReadOnlyList<T> candidates, Func<T, string> version, Func<T, bool> isFinal, bool[] selected)
    {
        switch (term.Kind)
        {
            case TermKind.All:
                Array.Fill(selected, true);
                return;
            case TermKind.Exact:
                for (var i = 0; i < candidates.Count; i++)
                {
                    selected[i] |= string.Equals(version(candidates[i]), term.Exact, StringComparison.Ordinal);
                }

                return;
            case TermKind.Latest:
                MarkHighest(candidates, version, _ => true, selected);
                return;
            default:
                var matches = new List<int>();
                for (var i = 0; i < candidates.Count; i++)
                {
                    if (ParsedVersion.Parse(version(candidates[i])) is { } v && term.Admits(v)
                        && (term.Operator != '+' || (isFinal(candidates[i]) && v.Extension is null && v.Parts[0] > 0)))
                    {
                        matches.Add(i);
                    }
                }

                if (term.Operator == '*')
                {
                    matches.ForEach(i => selected[i] = true);
                }
                else if (matches.Count > 0)
                {
                    selected[matches.MaxBy(i => version(candidates[i]), Comparer<string>.Create(Compare))] = true;
                }

                return;
        }
    }

    private static void MarkHighest<T>(IReadOnlyList<T> candidates, Func<T, string> version, Func<T, bool> admitted, bool[] selected)
    {
        var best = -1;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (admitted(candidates[i]) && (best < 0 || Compare(version(candidates[i]), version(candidates[best])) > 0))
            {
                best = i;
            }
        }

        if (best >= 0)
        {
            selected[best] = true;
        }
    }

    private static int ComparePrefix(long[] a, int from, long[] b, int fromB)
    {
        var length = Math.Max(a.Length - from, b.Length - fromB);
        for (var i = 0; i < length; i++)
        {
            var x = from + i < a.Length ? a[from + i] : 0;
            var y = fromB + i < b.Length ? b[fromB + i] : 0;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }

    private static bool TryParseTerm(string text, out Term term)
    {
        term = default!;
        switch (text)
        {
            case "latest":
                term = new Term(TermKind.Latest, null, '\0', -1, []);
                return true;
            case "all" or "*":
                term = new Term(TermKind.All, null, '\0', -1, []);
                return true;
        }

        if (ExactVersion().IsMatch(text))
        {
            term = new Term(TermKind.Exact, text, '\0', -1, []);
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length > 3)
        {
            return false;
        }

        var numbers = new long[parts.Length];
        var position = -1;
        var op = '\0';
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length > 0 && part[^1] is '+' or '~' or '*')
            {
                if (position >= 0)
                {
                    return false;
                }

                position = i;
                op = part[^1];
                part = part[..^1];
                if (part.Length == 0)
                {
                    continue;
                }
            }

            if (!Number().IsMatch(part) || !long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        if (position < 0)
        {
            return false;
        }

        term = new Term(TermKind.Wildcard, null, op, position, numbers);
        return true;
    }

    private enum TermKind
    {
        All,
        Latest,
        Exact,
        Wildcard,
    }

    /// <summary>One OR-ed term: for a wildcard, the part holding the operator and the numbers (0 where a part is the bare operator).</summary>
    private sealed record Term(TermKind Kind, string? Exact, char Operator, int Position, long[] Numbers)
    {
        /// <summary>The parts before the operator are equal, the rest from the operator on at least the pattern's.</summary>
        public bool Admits(ParsedVersion version)
        {
            for (var i = 0; i < Position; i++)
            {
                if ((i < version.Parts.Length ? version.Parts[i] : 0) != Numbers[i])
                {
                    return false;
                }
            }

            return ComparePrefix(version.Parts, Position, Numbers, Position) >= 0;
        }
    }

    /// <summary>A parsed artefact version: numeric parts and an optional extension (<c>1.0.0-draft</c>).</summary>
    private sealed record ParsedVersion(long[] Parts, string? Extension)
    {
        public static ParsedVersion? Parse(string? text)
        {
            if (text is null || !ExactVersion().IsMatch(text))
            {
                return null;
            }

            var dash = text.IndexOf('-', StringComparison.Ordinal);
            var numbers = (dash < 0 ? text : text[..dash]).Split('.');
            var parts = new long[numbers.Length];
            for (var i = 0; i < numbers.Length; i++)
            {
                if (!long.TryParse(numbers[i], NumberStyles.None, CultureInfo.InvariantCulture, out parts[i]))
                {
                    return null;
                }
            }

            return new ParsedVersion(parts, dash < 0 ? null : text[(dash + 1)..]);
        }
    }

    /// <summary>An exact version: numbers separated by dots, and an optional extension (<c>1.0.0-draft</c>).</summary>
    [GeneratedRegex(@"^\d+(\.\d+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ExactVersion();

    /// <summary>A 1.5 version: numbers separated by dots.</summary>
    [GeneratedRegex(@"^\d+(\.\d+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyVersion();

    [GeneratedRegex(@"^\d{1,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
