using MdgExchange.Protos.V1;

namespace MdgExchange.Cli.Commands;

/// <summary>Artefact type names on the command line: SDMX REST names (codelist, datastructure, ...) and a few aliases.</summary>
public static class ArtefactTypeNames
{
    private static readonly Dictionary<string, ArtefactType> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dsd"] = ArtefactType.DataStructure,
        ["cl"] = ArtefactType.Codelist,
        ["constraint"] = ArtefactType.ContentConstraint,
    };

    public static string Name(ArtefactType type) =>
        string.Concat(type.ToString().Where(char.IsLetter)).ToLowerInvariant();

    public static ArtefactType Parse(string text)
    {
        if (Aliases.TryGetValue(text, out var alias))
        {
            return alias;
        }

        var normalised = text.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        foreach (var type in Enum.GetValues<ArtefactType>().Where(t => t != ArtefactType.Unspecified))
        {
            if (string.Equals(Name(type), normalised, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        throw new CliUsageException(
            $"unknown artefact type '{text}'; use one of {string.Join(", ", Enum.GetValues<ArtefactType>().Where(t => t != ArtefactType.Unspecified).Select(Name))} (or dsd)");
    }
}
