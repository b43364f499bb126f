namespace MdgExchange.Domain.Structure;

/// <summary>The kinds of maintainable SDMX artefact the registry holds.</summary>
public enum ArtefactType
{
    AgencyScheme,
    DataProviderScheme,
    DataConsumerScheme,
    Codelist,
    ConceptScheme,
    DataStructure,
    Dataflow,
    CategoryScheme,
    Categorisation,
    ContentConstraint,
    ProvisionAgreement,
    MetadataStructure,
    Metadataflow,
}

/// <summary>SDMX names for <see cref="ArtefactType"/>: the SDMX-ML element, the REST resource and the URN class.</summary>
public static class ArtefactTypes
{
    private static readonly Dictionary<ArtefactType, (string Element, string RestName, string UrnClass, string Package)> Names = new()
    {
        [ArtefactType.AgencyScheme] = ("AgencyScheme", "agencyscheme", "AgencyScheme", "base"),
        [ArtefactType.DataProviderScheme] = ("DataProviderScheme", "dataproviderscheme", "DataProviderScheme", "base"),
        [ArtefactType.DataConsumerScheme] = ("DataConsumerScheme", "dataconsumerscheme", "DataConsumerScheme", "base"),
        [ArtefactType.Codelist] = ("Codelist", "codelist", "Codelist", "codelist"),
        [ArtefactType.ConceptScheme] = ("ConceptScheme", "conceptscheme", "ConceptScheme", "conceptscheme"),
        [ArtefactType.DataStructure] = ("DataStructure", "datastructure", "DataStructure", "datastructure"),
        [ArtefactType.Dataflow] = ("Dataflow", "dataflow", "Dataflow", "datastructure"),
        [ArtefactType.CategoryScheme] = ("CategoryScheme", "categoryscheme", "CategoryScheme", "categoryscheme"),
        [ArtefactType.Categorisation] = ("Categorisation", "categorisation", "Categorisation", "categoryscheme"),
        [ArtefactType.ContentConstraint] = ("ContentConstraint", "contentconstraint", "ContentConstraint", "registry"),
        [ArtefactType.ProvisionAgreement] = ("ProvisionAgreement", "provisionagreement", "ProvisionAgreement", "registry"),
        [ArtefactType.MetadataStructure] = ("MetadataStructure", "metadatastructure", "MetadataStructure", "metadatastructure"),
        [ArtefactType.Metadataflow] = ("Metadataflow", "metadataflow", "Metadataflow", "metadatastructure"),
    };

    /// <summary>The SDMX-ML 2.1 element name (also the <c>class</c> of a reference).</summary>
    public static string ElementName(this ArtefactType type) => Names[type].Element;

    /// <summary>The SDMX REST resource name, e.g. <c>codelist</c>.</summary>
    public static string RestResource(this ArtefactType type) => Names[type].RestName;

    /// <summary>The SDMX information-model package, e.g. <c>codelist</c> in <c>urn:sdmx:org.sdmx.infomodel.codelist.Codelist=...</c>.</summary>
    public static string Package(this ArtefactType type) => Names[type].Package;

    /// <summary>Parses a type from its element name, REST name or enum name, case-insensitively.</summary>
    public static bool TryParse(string? text, out ArtefactType type)
    {
        foreach (var (key, names) in Names)
        {
            if (string.Equals(text, names.Element, StringComparison.OrdinalIgnoreCase)
                || string.Equals(text, names.RestName, StringComparison.OrdinalIgnoreCase)
                || string.Equals(text, key.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                type = key;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>All types, in the order a structure message lists them.</summary>
    public static IReadOnlyList<ArtefactType> All { get; } = Enum.GetValues<ArtefactType>();
}
