using MdgExchange.Domain.Structure;

namespace MdgExchange.Cli.Commands;

/// <summary>A series key that must name one series: one code per dimension of the DSD, in its order.</summary>
internal static class SeriesKeyCheck
{
    /// <summary>Throws <see cref="CliInputException"/> (exit 2) naming the dimension order when the key is partial or a wildcard.</summary>
    public static void RequireFull(string key, DataStructureDefinition dsd)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(dsd);
        var order = string.Join('.', dsd.Dimensions.Select(d => d.Id));
        var parts = key.Split('.');
        if (parts.Length != dsd.Dimensions.Count)
        {
            throw new CliInputException($"a full series key is needed: {order}; '{key}' has {parts.Length} parts, the DSD {dsd.Id} has {dsd.Dimensions.Count} dimensions");
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
                throw new CliInputException($"a full series key is needed: {order}; position {i + 1} ({dsd.Dimensions[i].Id}) {why}");
            }
        }
    }
}
