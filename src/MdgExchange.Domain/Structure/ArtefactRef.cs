using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace MdgExchange.Domain.Structure;

/// <summary>
/// A reference to a maintainable artefact, written <c>AGENCY:ID(VERSION)</c>. The version may be
/// <c>latest</c> in a query (see <see cref="IsLatest"/>), never in a stored artefact.
/// </summary>
public sealed partial record ArtefactRef(ArtefactType Type, string AgencyId, string Id, string Version)
{
    /// <summary>The version word that asks for the newest version.</summary>
    public const string Latest = "latest";

    /// <summary>True when the version is <c>latest</c>.</summary>
    public bool IsLatest => string.Equals(Version, Latest, StringComparison.OrdinalIgnoreCase);

    /// <summary>The SDMX URN of the artefact.</summary>
    public string Urn => $"urn:sdmx:org.sdmx.infomodel.{Type.Package()}.{Type.ElementName()}={AgencyId}:{Id}({Version})";

    /// <inheritdoc />
    public override string ToString() => $"{AgencyId}:{Id}({Version})";

    /// <summary>The same artefact with another type (used when parsing a type-less reference).</summary>
    public ArtefactRef WithType(ArtefactType type) => this with { Type = type };

    /// <summary>
    /// Parses <c>AGENCY:ID(VERSION)</c>, <c>AGENCY:ID</c> (version <c>latest</c>) or an SDMX URN.
    /// </summary>
    public static bool TryParse(string? text, ArtefactType type, [NotNullWhen(true)] out ArtefactRef? reference, out string? error)
    {
        reference = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the reference is empty; expected AGENCY:ID(VERSION)";
            return false;
        }

        text = text.Trim();
        var urn = UrnPattern().Match(text);
        if (urn.Success)
        {
            if (!ArtefactTypes.TryParse(urn.Groups["class"].Value, out type))
            {
                error = $"'{urn.Groups["class"].Value}' in '{text}' is not a maintainable artefact class";
                return false;
            }

            text = urn.Groups["ref"].Value;
        }

        var match = RefPattern().Match(text);
        if (!match.Success)
        {
            error = $"'{text}' is not a reference of the form AGENCY:ID(VERSION)";
            return false;
        }

        var version = match.Groups["version"].Success ? match.Groups["version"].Value : Latest;
        if (!string.Equals(version, Latest, StringComparison.OrdinalIgnoreCase) && !Identifiers.IsValidVersion(version))
        {
            error = $"'{version}' in '{text}' is not a valid version (expected digits separated by dots, e.g. 1.0, or 'latest')";
            return false;
        }

        reference = new ArtefactRef(type, match.Groups["agency"].Value, match.Groups["id"].Value, version);
        return true;
    }

    [GeneratedRegex(@"^(?<agency>[A-Za-z][A-Za-z0-9_\-]*(\.[A-Za-z][A-Za-z0-9_\-]*)*):(?<id>[A-Za-z0-9_@$\-]+)(\((?<version>[^()]+)\))?$")]
    private static partial Regex RefPattern();

    [GeneratedRegex(@"^urn:sdmx:org\.sdmx\.infomodel\.[a-z]+\.(?<class>[A-Za-z]+)=(?<ref>.+)$")]
    private static partial Regex UrnPattern();
}
