using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// Writes one data message incrementally: the start (header), each series as it arrives, the end. The
/// formats share this shape so that <see cref="DataWriter"/> can stream any of them, synchronously or not.
/// </summary>
internal abstract class SeriesWriter(DataLayout layout, DataMessageHeader header)
{
    private protected DataLayout Layout { get; } = layout;
    private protected DataMessageHeader MessageHeader { get; } = header;

    /// <summary>The structure the data are written for: the header's reference, else the DSD itself.</summary>
    private protected ArtefactRef StructureRef { get; } = ResolveStructure(layout, header);

    /// <summary>True when <see cref="StructureRef"/> is the DSD rather than a dataflow.</summary>
    private protected bool StructureIsDsd { get; } = header.StructureRef is null || header.StructureIsDsd;

    public abstract void WriteStart();

    public abstract void WriteSeries(Series series);

    public abstract void WriteEnd();

    /// <summary>Pushes what is buffered to the output stream.</summary>
    public abstract void Flush();

    /// <summary>The action a series is written with: its own, else the header's, else Information.</summary>
    private protected DataAction ActionOf(Series series) => series.Action ?? MessageHeader.Action ?? DataAction.Information;

    /// <summary>
    /// The dataset action's name in SDMX-ML 2.1 and SDMX-JSON. Neither has Merge: Append ("an incremental update
    /// of existing observations") is what it means.
    /// </summary>
    private protected static string ActionName(DataAction action) => action switch
    {
        DataAction.Replace => "Replace",
        DataAction.Delete => "Delete",
        DataAction.Information => "Information",
        _ => "Append",
    };

    /// <summary>The message id (the header's, else one made of the time) and the sender id (the header's, else MDGEXCHANGE).</summary>
    /// <exception cref="ArgumentException">Either is not a valid SDMX id.</exception>
    private protected (string Id, string Sender) HeaderIds()
    {
        var id = MessageHeader.Id ?? $"MDGX{DateTimeOffset.UtcNow:yyyyMMddHHmmssfff}";
        var sender = MessageHeader.SenderId ?? "MDGEXCHANGE";
        if (!Identifiers.IsValidId(id) || !Identifiers.IsValidId(sender))
        {
            throw new ArgumentException($"the header ids (message '{id}', sender '{sender}') must be valid SDMX ids");
        }

        return (id, sender);
    }

    /// <summary>
    /// Refuses dimensions and attributes the DSD does not have: no column or XML attribute could carry them, and
    /// dropping them silently would lose data.
    /// </summary>
    private protected void CheckAttributes(Series series)
    {
        foreach (var id in series.Key.Keys)
        {
            if (!Layout.TryFind(id, out var slot) || slot.Kind != ComponentKind.Dimension)
            {
                throw new ArgumentException($"series {Layout.KeyText(series.Key)}: '{id}' is not a dimension of {Layout.DsdName} and cannot be written", nameof(series));
            }
        }

        foreach (var id in series.Attributes.Keys)
        {
            CheckAttribute(series, id);
        }
    }

    private protected void CheckAttributes(Series series, Observation observation)
    {
        foreach (var id in observation.Attributes.Keys)
        {
            CheckAttribute(series, id);
        }
    }

    private void CheckAttribute(Series series, string id)
    {
        if (!Layout.IsAttribute(id))
        {
            throw new ArgumentException($"series {Layout.KeyText(series.Key)}: '{id}' is not an attribute of {Layout.DsdName} and cannot be written", nameof(series));
        }
    }

    private static ArtefactRef ResolveStructure(DataLayout layout, DataMessageHeader header)
    {
        if (header.StructureRef is null)
        {
            return layout.Dsd.Ref;
        }

        var type = header.StructureIsDsd ? ArtefactType.DataStructure : ArtefactType.Dataflow;
        return ArtefactRef.TryParse(header.StructureRef, type, out var reference, out var error) && !reference.IsLatest
            ? reference
            : throw new ArgumentException($"the header's structure '{header.StructureRef}' cannot be written: {error ?? "the version must be explicit"}", nameof(header));
    }
}
