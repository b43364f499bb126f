using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Cli.Commands;

/// <summary>A series key that must name one series, checked before the call (the server applies the same rule).</summary>
internal static class SeriesKeyCheck
{
    /// <summary>Throws <see cref="CliInputException"/> (exit 2) naming the dimension order when the key is partial or a wildcard.</summary>
    public static void RequireFull(string key, DataStructureDefinition dsd)
    {
        if (SeriesKeys.FullKeyProblem(key, dsd) is { } problem)
        {
            throw new CliInputException(problem);
        }
    }
}
