using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>An SDMX-ML 2.1 structure message: its header and the artefacts it carries.</summary>
public sealed class StructureMessage
{
    public StructureHeader Header { get; set; } = new();

    /// <summary>The artefacts, in document order.</summary>
    public List<MaintainableArtefact> Artefacts { get; set; } = [];

    /// <summary>
    /// Artefacts the message carried that MdgExchange does not hold (e.g. a HierarchicalCodelist) or that
    /// used a feature it cannot keep; they are not in <see cref="Artefacts"/>, and the caller reports them.
    /// </summary>
    public List<UnsupportedArtefact> Unsupported { get; set; } = [];

    /// <summary>
    /// Deviations from the SDMX-ML schema that the reader tolerated, and how it read them (e.g. an empty
    /// AttributeRelationship taken as None). Not written back.
    /// </summary>
    public List<string> Warnings { get; set; } = [];
}

/// <summary>The header of a structure message.</summary>
public sealed class StructureHeader
{
    public string Id { get; set; } = "MDGEXCHANGE";
    public bool Test { get; set; }

    /// <summary>When the message was prepared; the writer uses the current time when null.</summary>
    public DateTimeOffset? Prepared { get; set; }

    public string SenderId { get; set; } = "MDGEXCHANGE";

    /// <summary>The (first) receiver, if any.</summary>
    public string? ReceiverId { get; set; }
}

/// <summary>An artefact of a structure message that was not read, with the reason.</summary>
/// <param name="ElementName">The SDMX-ML element, e.g. <c>HierarchicalCodelist</c>.</param>
/// <param name="Reference"><c>AGENCY:ID(VERSION)</c>, as far as the element's attributes tell.</param>
/// <param name="LineNumber">The line where the element starts.</param>
/// <param name="Reason">Why it was not read.</param>
public sealed record UnsupportedArtefact(string ElementName, string Reference, int LineNumber, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{ElementName} {Reference} (line {LineNumber}): {Reason}";
}
