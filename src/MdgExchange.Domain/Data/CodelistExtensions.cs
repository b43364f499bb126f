using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Data;

/// <summary>
/// National extensions of a dataflow's codes. A country's data use the SDG DSD but also national codes:
/// subnational areas, national series, local units. The coordinator registers those codes in codelists of
/// their own and names them on the dataflow with annotations of type <see cref="AnnotationType"/> and title
/// <c>COMPONENT=AGENCY:ID(VERSION)</c> (e.g. <c>REF_AREA=KE1:CL_AREA_KE(1.0)</c>); the component then accepts
/// the codes of its own codelist and of the extension.
/// </summary>
public static class CodelistExtensions
{
    public const string AnnotationType = "MDGX_CODELIST_EXTENSION";

    /// <summary>The extensions a dataflow declares; malformed annotations are ignored here and refused by validation.</summary>
    public static IEnumerable<(string ComponentId, ArtefactRef Codelist)> Of(Dataflow dataflow)
    {
        ArgumentNullException.ThrowIfNull(dataflow);
        foreach (var annotation in dataflow.Annotations.Where(a => a.Type == AnnotationType))
        {
            if (TryParse(annotation.Title, out var component, out var codelist, out _))
            {
                yield return (component, codelist);
            }
        }
    }

    /// <summary>Parses <c>COMPONENT=AGENCY:ID(VERSION)</c>.</summary>
    public static bool TryParse(string? title, out string component, out ArtefactRef codelist, out string? error)
    {
        component = "";
        codelist = null!;
        var parts = title?.Split('=', 2);
        if (parts is not { Length: 2 } || !Identifiers.IsValidId(parts[0].Trim()))
        {
            error = $"'{title}' is not COMPONENT=AGENCY:ID(VERSION)";
            return false;
        }

        if (!ArtefactRef.TryParse(parts[1].Trim(), ArtefactType.Codelist, out var reference, out error) || reference.IsLatest)
        {
            error ??= $"'{parts[1]}' must name an exact version of a codelist";
            return false;
        }

        component = parts[0].Trim();
        codelist = reference;
        return true;
    }
}
