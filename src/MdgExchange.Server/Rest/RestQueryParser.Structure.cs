using System.Text.RegularExpressions;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Server.Rest;

public static partial class RestQueryParser
{
    /// <summary>The item schemes: the only types an item query (<c>itemID</c>) applies to.</summary>
    public static IReadOnlySet<ArtefactType> ItemSchemes { get; } = new HashSet<ArtefactType>
    {
        ArtefactType.Codelist, ArtefactType.ConceptScheme, ArtefactType.CategoryScheme,
        ArtefactType.AgencyScheme, ArtefactType.DataProviderScheme, ArtefactType.DataConsumerScheme,
    };

    /// <summary>
    /// Structure types of SDMX REST 1.5 and 2.x the registry holds none of; querying them is not implemented.
    /// </summary>
    private static readonly HashSet<string> NotHeldTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "hierarchicalcodelist", "hierarchy", "hierarchyassociation", "process", "structureset", "organisationunitscheme",
        "reportingtaxonomy", "transformationscheme", "rulesetscheme", "userdefinedoperatorscheme", "customtypescheme",
        "namepersonalisationscheme", "namealiasscheme", "vtlmappingscheme", "valuelist", "structuremap", "representationmap",
        "conceptschememap", "categoryschememap", "organisationschememap", "reportingtaxonomymap", "metadataproviderscheme",
        "metadataprovisionagreement", "attachmentconstraint", "metadataconstraint",
    };

    /// <summary>
    /// A REST 1.5 structure query, <c>/{structureType}/{agencyID}/{resourceID}/{version}/{itemID}</c>: lists joined
    /// by <c>+</c>, <c>all</c> for any (the defaults), version <c>latest</c> (the default), <c>all</c> or versions
    /// joined by <c>+</c> (turned into the <c>,</c> of <see cref="SemanticVersions"/>). <c>structure</c> = every type;
    /// <c>organisationscheme</c> = agency, data provider and data consumer schemes; <c>actualconstraint</c> and
    /// <c>allowedconstraint</c> = content constraints of that role. Query: <c>references</c>, <c>detail</c>.
    /// </summary>
    public static StructureQuery ParseV1Structure(string structureType, string? agencyId, string? resourceId, string? version, string? itemId, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (types, role) = V1Types(structureType);
        var agencies = List(agencyId, '+', "all", AgencyId(), "agencyID", "an agency id (NCNameIDType)");
        var ids = List(resourceId, '+', "all", ResourceId(), "resourceID", "an artefact id (IDType)");
        var versionPattern = string.IsNullOrEmpty(version) ? "latest" : version;
        if (!V1Versions().IsMatch(versionPattern))
        {
            throw SdmxRestException.Syntax("version: must be latest, all or versions of numbers (1.0) joined by '+'");
        }

        var items = Items(itemId, '+', "all", types);
        var (references, referenceType) = References(query, RestApi.V1);
        return new StructureQuery
        {
            Types = types,
            AgencyIds = agencies,
            ResourceIds = ids,
            VersionPattern = versionPattern.Replace('+', ','),
            ItemIds = items,
            References = references,
            ReferenceType = referenceType,
            Detail = StructureDetailOf(query, RestApi.V1),
            ConstraintRole = role,
        };
    }

    /// <summary>
    /// A REST 2.x structure query, <c>/structure/{structureType}/{agencyID}/{resourceID}/{version}/{itemID}</c>:
    /// lists separated by <c>,</c>, <c>*</c> for any (the defaults, also for the type), versions as in
    /// <see cref="SemanticVersions"/> (default <c>~</c>, the latest whatever its status). Query: <c>references</c>
    /// (one value; <c>ancestors</c> is read as <c>parents</c>), <c>detail</c> (also <c>raw</c>); <c>asOf</c> is not
    /// implemented.
    /// </summary>
    public static StructureQuery ParseV2Structure(string structureType, string? agencyId, string? resourceId, string? version, string? itemId, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<ArtefactType>? types = null;
        if (!string.IsNullOrEmpty(structureType) && structureType != "*")
        {
            types = [V2Type(structureType, "structureType")];
        }

        var agencies = List(agencyId, ',', "*", AgencyId(), "agencyID", "an agency id (NCNameIDType)");
        var ids = List(resourceId, ',', "*", ResourceId(), "resourceID", "an artefact id (IDType)");
        var versionPattern = string.IsNullOrEmpty(version) ? "~" : version;
        CheckV2Version(versionPattern);
        var items = Items(itemId, ',', "*", types);
        if (items is not null && types is null)
        {
            types = ArtefactTypes.All.Where(ItemSchemes.Contains).ToList();
        }

        if (Single(query, "asOf") is not null)
        {
            throw SdmxRestException.NotImplemented("asOf: structures are served as they are now; asOf is not implemented");
        }

        var (references, referenceType) = References(query, RestApi.V2);
        return new StructureQuery
        {
            Types = types,
            AgencyIds = agencies,
            ResourceIds = ids,
            VersionPattern = versionPattern,
            ItemIds = items,
            References = references,
            ReferenceType = referenceType,
            Detail = StructureDetailOf(query, RestApi.V2),
        };
    }

    /// <summary>A structure type the registry holds, by its REST name; <c>dataconstraint</c> (2.x) is a content constraint.</summary>
    private static ArtefactType V2Type(string name, string parameter)
    {
        if (string.Equals(name, "dataconstraint", StringComparison.OrdinalIgnoreCase))
        {
            return ArtefactType.ContentConstraint;
        }

        if (NotHeldTypes.Contains(name))
        {
            throw SdmxRestException.NotImplemented($"{parameter}: the registry holds no {name.ToLowerInvariant()}");
        }

        if (!ArtefactTypes.TryParse(name, out var type))
        {
            throw SdmxRestException.Syntax($"{parameter}: '{name}' is not a structure type; the registry holds {string.Join(", ", ArtefactTypes.All.Select(t => t.RestResource()))}");
        }

        return type;
    }

    private static List<string>? List(string? text, char separator, string any, Regex syntax, string parameter, string rule)
    {
        if (string.IsNullOrEmpty(text) || text == any)
        {
            return null;
        }

        var values = text.Split(separator);
        if (values.Any(v => !syntax.IsMatch(v)))
        {
            throw SdmxRestException.Syntax($"{parameter}: must be {any} or {rule}, several joined by '{separator}'");
        }

        return values.Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<string>? Items(string? itemId, char separator, string any, IReadOnlyList<ArtefactType>? types)
    {
        if (string.IsNullOrEmpty(itemId))
        {
            return null;
        }

        if (types is not null && !types.All(ItemSchemes.Contains))
        {
            throw SdmxRestException.Syntax($"itemID: only item schemes have items ({string.Join(", ", ItemSchemes.Select(t => t.RestResource()))})");
        }

        if (itemId == any)
        {
            return null;
        }

        return List(itemId, separator, any, ItemId(), "itemID", "an item id (IDType; nested categories joined by '.')");
    }

    private static StructureDetail StructureDetailOf(IQueryCollection query, RestApi api) => Single(query, "detail")?.ToLowerInvariant() switch
    {
        null or "full" => StructureDetail.Full,
        "allstubs" => StructureDetail.AllStubs,
        "referencestubs" => StructureDetail.ReferenceStubs,
        "referencepartial" => StructureDetail.ReferencePartial,
        "allcompletestubs" => StructureDetail.AllCompleteStubs,
        "referencecompletestubs" => StructureDetail.ReferenceCompleteStubs,
        "raw" when api == RestApi.V2 => StructureDetail.Raw,
        _ => throw SdmxRestException.Syntax($"detail: must be full, allstubs, referencestubs, referencepartial, allcompletestubs{(api == RestApi.V2 ? ", referencecompletestubs or raw" : " or referencecompletestubs")}"),
    };
}
