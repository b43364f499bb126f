using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Data;

/// <summary>The rule for a key that must name one series: one code per dimension of the DSD, in its order.</summary>
public static class SeriesKeys
{
    /// <summary>
    /// Why <paramref name="key"/> does not name one series of <paramref name="dsd"/> (a wrong number of parts, an empty
    /// part, a wildcard or several codes), with the DSD's dimension order; null when it is a full key.
    /// </summary>
    public static string? FullKeyProblem(string key, DataStructureDefinition dsd)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(dsd);
        var order = string.Join('.', dsd.Dimensions.Select(d => d.Id));
        var parts = key.Split('.');
        if (parts.Length != dsd.Dimensions.Count)
        {
            return $"a full series key is needed: {order}; '{key}' has {parts.Length} parts, the DSD {dsd.Id} has {dsd.Dimensions.Count} dimensions";
        }

        for (var i = 0; i < parts.Length; i++)
        {
            var why = parts[i] switch
            {
                "" => "is empty",
                "*" => "is a wildcard (*)",
                var part when part.Contains('+', StringComparison.Ordinal) => $"lists several codes ({part})",
                _ => null,
            };
            if (why is not null)
            {
                return $"a full series key is needed: {order}; position {i + 1} ({dsd.Dimensions[i].Id}) {why}";
            }
        }

        return null;
    }
}
