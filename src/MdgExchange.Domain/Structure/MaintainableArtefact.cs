using System.Text.Json.Serialization;

namespace MdgExchange.Domain.Structure;

/// <summary>
/// A maintainable SDMX artefact, identified by agency, id and version. Final artefacts are immutable.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(AgencyScheme), "AgencyScheme")]
[JsonDerivedType(typeof(DataProviderScheme), "DataProviderScheme")]
[JsonDerivedType(typeof(DataConsumerScheme), "DataConsumerScheme")]
[JsonDerivedType(typeof(Codelist), "Codelist")]
[JsonDerivedType(typeof(ConceptScheme), "ConceptScheme")]
[JsonDerivedType(typeof(DataStructureDefinition), "DataStructure")]
[JsonDerivedType(typeof(Dataflow), "Dataflow")]
[JsonDerivedType(typeof(CategoryScheme), "CategoryScheme")]
[JsonDerivedType(typeof(Categorisation), "Categorisation")]
[JsonDerivedType(typeof(ContentConstraint), "ContentConstraint")]
[JsonDerivedType(typeof(ProvisionAgreement), "ProvisionAgreement")]
[JsonDerivedType(typeof(MetadataStructureDefinition), "MetadataStructure")]
[JsonDerivedType(typeof(Metadataflow), "Metadataflow")]
public abstract class MaintainableArtefact : NameableArtefact
{
    [JsonIgnore]
    public abstract ArtefactType Type { get; }

    public string AgencyId { get; set; } = "";
    public string Version { get; set; } = "1.0";
    public bool IsFinal { get; set; }
    public bool IsExternalReference { get; set; }
    public string? ServiceUrl { get; set; }
    public string? StructureUrl { get; set; }
    public DateTimeOffset? ValidFrom { get; set; }
    public DateTimeOffset? ValidTo { get; set; }

    /// <summary>The reference <c>AGENCY:ID(VERSION)</c> of this artefact.</summary>
    [JsonIgnore]
    public ArtefactRef Ref => new(Type, AgencyId, Id, Version);

    /// <summary>The other maintainable artefacts this one refers to (and so needs to exist).</summary>
    public virtual IEnumerable<ArtefactRef> References() => [];
}

/// <summary>An item in an item scheme. <see cref="ParentId"/> gives the hierarchy (parent code, parent category).</summary>
public abstract class Item : NameableArtefact
{
    public string? ParentId { get; set; }
}

/// <summary>A maintainable list of items (codes, concepts, categories, organisations).</summary>
public abstract class ItemScheme<TItem> : MaintainableArtefact
    where TItem : Item
{
    public bool IsPartial { get; set; }
    public List<TItem> Items { get; set; } = [];

    /// <summary>The item with that id, or null.</summary>
    public TItem? Find(string id) => Items.Find(i => i.Id == id);
}

public sealed class Code : Item;

public sealed class Codelist : ItemScheme<Code>
{
    public override ArtefactType Type => ArtefactType.Codelist;
}

public sealed class Concept : Item
{
    public Representation? CoreRepresentation { get; set; }
}

public sealed class ConceptScheme : ItemScheme<Concept>
{
    public override ArtefactType Type => ArtefactType.ConceptScheme;

    public override IEnumerable<ArtefactRef> References() =>
        Items.Select(c => c.CoreRepresentation?.Enumeration).OfType<ArtefactRef>().Distinct();
}

/// <summary>
/// A category; nested categories have <see cref="Item.ParentId"/> set to their parent's id. Category ids
/// are unique only among siblings, so below the second level the parent is named by its dotted path
/// (<c>G1.T1</c>), as categorisations address categories (see <see cref="StructureValidator.CategoryPath"/>).
/// </summary>
public sealed class Category : Item;

public sealed class CategoryScheme : ItemScheme<Category>
{
    public override ArtefactType Type => ArtefactType.CategoryScheme;
}
