using MdgExchange.Domain.Structure;

namespace MdgExchange.Application.Registry;

/// <summary>The SDMX REST <c>references</c> of a structure query.</summary>
public enum StructureReferences
{
    None,
    Parents,
    ParentsAndSiblings,
    Children,
    Descendants,
    All,

    /// <summary>A specific type, given in <see cref="StructureQuery.ReferenceType"/>.</summary>
    Specific,
}

/// <summary>The SDMX REST <c>detail</c> of a structure query.</summary>
public enum StructureDetail
{
    Full,
    AllStubs,
    ReferenceStubs,
    ReferencePartial,
    AllCompleteStubs,
    ReferenceCompleteStubs,

    /// <summary>REST 2.x <c>raw</c>: like full.</summary>
    Raw,
}

/// <summary>
/// A structure query, whatever asks it (SDMX REST 1.5 or 2.x, the portal): <see cref="Types"/> null = every type;
/// agency and id lists null = any; <see cref="VersionPattern"/> <c>latest</c>, <c>all</c>/<c>*</c>, an exact version
/// or a semantic pattern (<c>1.+</c>); <see cref="ItemIds"/> an item query (codelist, concept scheme, ...), null when not.
/// </summary>
public sealed record StructureQuery
{
    public IReadOnlyList<ArtefactType>? Types { get; init; }
    public IReadOnlyList<string>? AgencyIds { get; init; }
    public IReadOnlyList<string>? ResourceIds { get; init; }
    public string VersionPattern { get; init; } = "latest";
    public IReadOnlyList<string>? ItemIds { get; init; }
    public StructureReferences References { get; init; } = StructureReferences.None;
    public ArtefactType? ReferenceType { get; init; }
    public StructureDetail Detail { get; init; } = StructureDetail.Full;

    /// <summary>Only content constraints of that role (Actual or Allowed); null = any role.</summary>
    public ConstraintRole? ConstraintRole { get; init; }
}
