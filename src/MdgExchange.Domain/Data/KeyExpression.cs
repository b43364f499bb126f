namespace MdgExchange.Domain.Data;

/// <summary>
/// An SDMX key expression such as <c>A.N.SH_DYN_MORT.032+076.....</c>: one part per dimension in DSD order,
/// empty = any value, <c>+</c> separates alternatives. <c>all</c>, <c>*</c> or an empty string match every series.
/// </summary>
public sealed class KeyExpression
{
    private readonly HashSet<string>?[] _parts;

    private KeyExpression(HashSet<string>?[] parts) => _parts = parts;

    /// <summary>The expression that matches every key.</summary>
    public static KeyExpression All(int dimensions) => new(new HashSet<string>?[dimensions]);

    /// <summary>The alternatives per position; null = any.</summary>
    public IReadOnlyList<IReadOnlySet<string>?> Parts => _parts;

    /// <summary>Parses against the dimension ids of the DSD (time excluded); the error names the problem.</summary>
    public static bool TryParse(string? text, IReadOnlyList<string> dimensionIds, out KeyExpression expression, out string? error)
    {
        ArgumentNullException.ThrowIfNull(dimensionIds);
        error = null;
        expression = All(dimensionIds.Count);
        if (string.IsNullOrWhiteSpace(text) || text is "all" or "*")
        {
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length != dimensionIds.Count)
        {
            error = $"the key has {parts.Length} parts but the data structure has {dimensionIds.Count} dimensions ({string.Join(".", dimensionIds)})";
            return false;
        }

        var sets = new HashSet<string>?[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0 || parts[i] == "*")
            {
                continue;
            }

            var values = parts[i].Split('+');
            if (values.Any(v => v.Length == 0))
            {
                error = $"part {i + 1} ({dimensionIds[i]}) of the key has an empty alternative: '{parts[i]}'";
                return false;
            }

            sets[i] = new HashSet<string>(values, StringComparer.Ordinal);
        }

        expression = new KeyExpression(sets);
        return true;
    }

    /// <summary>True when every position of <paramref name="keyValues"/> is allowed.</summary>
    public bool Matches(IReadOnlyList<string> keyValues)
    {
        ArgumentNullException.ThrowIfNull(keyValues);
        for (var i = 0; i < _parts.Length; i++)
        {
            if (_parts[i] is { } allowed && (i >= keyValues.Count || !allowed.Contains(keyValues[i])))
            {
                return false;
            }
        }

        return true;
    }
}
