using System.Text.RegularExpressions;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>
/// The parts of an SDMX-ML 2.1 reference, as given by a <c>Ref</c> element's attributes or parsed from a
/// URN, with where it was found. Item references have <see cref="ParentId"/> (the scheme).
/// </summary>
internal sealed record RefParts(
    string? AgencyId,
    string Id,
    string? Version,
    string? ParentId,
    string? ParentVersion,
    string? Class,
    string? Package,
    string Element,
    int Line,
    int Position);

/// <summary>SDMX URNs of maintainable artefacts and of the items and components inside them.</summary>
internal static partial class SdmxUrn
{
    /// <summary>Parses a maintainable or item URN; null when it is neither.</summary>
    public static RefParts? Parse(string urn, string element, int line, int position)
    {
        var match = UrnPattern().Match(urn.Trim());
        if (!match.Success)
        {
            return null;
        }

        var agency = match.Groups["agency"].Value;
        var id = match.Groups["id"].Value;
        var version = match.Groups["version"].Value;
        var cls = match.Groups["class"].Value;
        var package = match.Groups["package"].Value;
        return match.Groups["item"].Success
            ? new RefParts(agency, match.Groups["item"].Value, null, id, version, cls, package, element, line, position)
            : new RefParts(agency, id, version, null, null, cls, package, element, line, position);
    }

    /// <summary>The URN of an item or component inside a maintainable artefact.</summary>
    public static string Child(ArtefactRef parent, string package, string childClass, string childId) =>
        $"urn:sdmx:org.sdmx.infomodel.{package}.{childClass}={parent.AgencyId}:{parent.Id}({parent.Version}).{childId}";

    /// <summary>
    /// The URN of an agency: agencies of the SDMX scheme are top-level (<c>Agency=UNSD</c>); others are
    /// qualified by the maintaining agency (<c>Agency=UNSD.SUB</c>).
    /// </summary>
    public static string Agency(string schemeAgencyId, string agencyId) =>
        schemeAgencyId == "SDMX"
            ? $"urn:sdmx:org.sdmx.infomodel.base.Agency={agencyId}"
            : $"urn:sdmx:org.sdmx.infomodel.base.Agency={schemeAgencyId}.{agencyId}";

    [GeneratedRegex(@"^urn:sdmx:org\.sdmx\.infomodel\.(?<package>[a-z]+)\.(?<class>[A-Za-z]+)=(?<agency>[A-Za-z][A-Za-z0-9_\-]*(?:\.[A-Za-z][A-Za-z0-9_\-]*)*):(?<id>[A-Za-z0-9_@$\-]+)\((?<version>[0-9]+(?:\.[0-9]+)*)\)(?:\.(?<item>[A-Za-z0-9_@$\-]+(?:\.[A-Za-z0-9_@$\-]+)*))?$")]
    private static partial Regex UrnPattern();
}
