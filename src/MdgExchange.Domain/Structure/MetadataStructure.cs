namespace MdgExchange.Domain.Structure;

/// <summary>
/// One metadata attribute of a metadata structure definition: the concept it reports, how its values are
/// represented (usually XHTML or plain text), how many times it may occur, and nested attributes.
/// </summary>
public sealed class MetadataAttributeDefinition
{
    public string Id { get; set; } = "";

    /// <summary>The concept the attribute reports (for the SDG MSD, a concept of <c>IAEG-SDGs:SDG_META_CONCEPTS(1.0)</c>).</summary>
    public ItemRef? ConceptIdentity { get; set; }

    public Representation? LocalRepresentation { get; set; }
    public int MinOccurs { get; set; }

    /// <summary>The maximum number of occurrences; null for unbounded.</summary>
    public int? MaxOccurs { get; set; } = 1;

    /// <summary>A presentational attribute only groups its children and carries no value itself.</summary>
    public bool IsPresentational { get; set; }

    public List<MetadataAttributeDefinition> Children { get; set; } = [];
}

/// <summary>
/// What a metadata report of an MSD may be attached to (SDMX 2.1 <c>MetadataTarget</c>): here identifiable objects
/// such as codes (an indicator of the framework, a series, an area) or dataflows.
/// </summary>
public sealed class MetadataTargetDefinition
{
    public string Id { get; set; } = "";

    /// <summary>The classes of the identifiable objects the target accepts, e.g. <c>Code</c> or <c>Dataflow</c>.</summary>
    public List<string> ObjectTypes { get; set; } = [];
}

/// <summary>A metadata structure definition (MSD): the concepts a reference-metadata report may carry.</summary>
public sealed class MetadataStructureDefinition : MaintainableArtefact
{
    public override ArtefactType Type => ArtefactType.MetadataStructure;

    /// <summary>The targets (SDMX 2.1); an SDMX 3.0 MSD has none and its reports name targets freely.</summary>
    public List<MetadataTargetDefinition> Targets { get; set; } = [];

    /// <summary>The id of the SDMX 2.1 report structure the attributes belong to.</summary>
    public string ReportStructureId { get; set; } = "REPORT";

    public List<MetadataAttributeDefinition> Attributes { get; set; } = [];

    /// <summary>Every attribute, nested ones included, with its dotted path (<c>CONTACT.CONTACT_NAME</c>).</summary>
    public IEnumerable<(string Path, MetadataAttributeDefinition Attribute)> AllAttributes()
    {
        var pending = new Stack<(string, MetadataAttributeDefinition)>(Attributes.AsEnumerable().Reverse().Select(a => (a.Id, a)));
        while (pending.Count > 0)
        {
            var (path, attribute) = pending.Pop();
            yield return (path, attribute);
            foreach (var child in attribute.Children.AsEnumerable().Reverse())
            {
                pending.Push((path + "." + child.Id, child));
            }
        }
    }

    /// <summary>The attribute at a dotted path or with that id (ids are unique in an MSD), or null.</summary>
    public MetadataAttributeDefinition? FindAttribute(string pathOrId) =>
        AllAttributes().FirstOrDefault(a => a.Path == pathOrId || a.Attribute.Id == pathOrId).Attribute;

    public override IEnumerable<ArtefactRef> References() =>
        AllAttributes().SelectMany(a => new[] { a.Attribute.ConceptIdentity?.Scheme, a.Attribute.LocalRepresentation?.Enumeration })
            .OfType<ArtefactRef>().Distinct();
}

/// <summary>A metadataflow: a named use of an MSD, which metadata reports are submitted to.</summary>
public sealed class Metadataflow : MaintainableArtefact
{
    public override ArtefactType Type => ArtefactType.Metadataflow;
    public ArtefactRef? Structure { get; set; }

    /// <summary>The URNs or references of the artefacts its reports may target (SDMX 3.0 <c>Target</c>).</summary>
    public List<string> Targets { get; set; } = [];

    public override IEnumerable<ArtefactRef> References() => new[] { Structure }.OfType<ArtefactRef>();
}
