namespace MdgExchange.Domain.Structure;

/// <summary>A component of a DSD: a dimension, the time dimension, an attribute or the primary measure.</summary>
public abstract class Component : AnnotableArtefact
{
    public string Id { get; set; } = "";

    /// <summary>The concept that gives the component its meaning.</summary>
    public ItemRef? ConceptIdentity { get; set; }

    public Representation? LocalRepresentation { get; set; }

    /// <summary>Concepts that give the component a role (e.g. the SDMX COUNT or FREQ roles).</summary>
    public List<ItemRef> ConceptRoles { get; set; } = [];
}

public sealed class Dimension : Component
{
    /// <summary>The 1-based position of the dimension in the series key.</summary>
    public int Position { get; set; }
}

public sealed class TimeDimension : Component
{
    public int Position { get; set; }
}

public sealed class PrimaryMeasure : Component;

/// <summary>Whether an attribute must be reported.</summary>
public enum UsageStatus
{
    Mandatory,
    Conditional,
}

/// <summary>The level a data attribute is attached to, as derived from its relationship.</summary>
public enum AttachmentLevel
{
    DataSet,
    Group,
    Series,
    Observation,
}

/// <summary>What an attribute relates to (SDMX-ML <c>AttributeRelationship</c>).</summary>
public sealed class AttributeRelationship
{
    /// <summary>True for <c>&lt;None/&gt;</c>: the attribute is attached to the data set.</summary>
    public bool None { get; set; }

    /// <summary>Dimension ids the attribute varies with (series or partial-key attachment).</summary>
    public List<string> Dimensions { get; set; } = [];

    /// <summary>Groups to which the attribute is attached when reported with <see cref="Dimensions"/>.</summary>
    public List<string> AttachmentGroups { get; set; } = [];

    /// <summary>The group the attribute is attached to (group attachment).</summary>
    public string? Group { get; set; }

    /// <summary>The primary measure id (observation attachment).</summary>
    public string? PrimaryMeasure { get; set; }
}

public sealed class DataAttribute : Component
{
    public UsageStatus AssignmentStatus { get; set; } = UsageStatus.Conditional;
    public AttributeRelationship Relationship { get; set; } = new() { None = true };

    /// <summary>The level at which values of this attribute are reported.</summary>
    public AttachmentLevel AttachmentLevel =>
        Relationship.PrimaryMeasure is not null ? AttachmentLevel.Observation
        : Relationship.Group is not null ? AttachmentLevel.Group
        : Relationship.Dimensions.Count > 0 ? AttachmentLevel.Series
        : AttachmentLevel.DataSet;
}

/// <summary>A group of dimensions (a partial key) to which attributes may be attached.</summary>
public sealed class GroupDimensionDescriptor : AnnotableArtefact
{
    public string Id { get; set; } = "";
    public List<string> DimensionIds { get; set; } = [];
}

/// <summary>A data structure definition (DSD): dimensions, time dimension, groups, attributes and the measure.</summary>
public sealed class DataStructureDefinition : MaintainableArtefact
{
    public override ArtefactType Type => ArtefactType.DataStructure;

    /// <summary>The dimensions other than time, in key order.</summary>
    public List<Dimension> Dimensions { get; set; } = [];
    public TimeDimension? TimeDimension { get; set; }
    public List<GroupDimensionDescriptor> Groups { get; set; } = [];
    public List<DataAttribute> Attributes { get; set; } = [];
    public PrimaryMeasure? PrimaryMeasure { get; set; }

    /// <summary>Every component, dimensions first.</summary>
    public IEnumerable<Component> Components()
    {
        foreach (var d in Dimensions)
        {
            yield return d;
        }

        if (TimeDimension is not null)
        {
            yield return TimeDimension;
        }

        foreach (var a in Attributes)
        {
            yield return a;
        }

        if (PrimaryMeasure is not null)
        {
            yield return PrimaryMeasure;
        }
    }

    public override IEnumerable<ArtefactRef> References() =>
        Components()
            .SelectMany(c => new[] { c.ConceptIdentity?.Scheme, c.LocalRepresentation?.Enumeration }
                .Concat(c.ConceptRoles.Select(r => r.Scheme)))
            .OfType<ArtefactRef>()
            .Distinct();
}

/// <summary>A dataflow: a way of reporting data structured by a DSD.</summary>
public sealed class Dataflow : MaintainableArtefact
{
    public override ArtefactType Type => ArtefactType.Dataflow;
    public ArtefactRef? Structure { get; set; }

    /// <summary>The DSD and the codelists the dataflow extends its codes with (see <c>CodelistExtensions</c>).</summary>
    public override IEnumerable<ArtefactRef> References() =>
        (Structure is null ? [] : new[] { Structure }).Concat(Data.CodelistExtensions.Of(this).Select(e => e.Codelist)).Distinct();
}
