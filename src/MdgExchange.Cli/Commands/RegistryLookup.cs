using MdgExchange.Domain.Structure;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx.Ml;
using ArtefactType = MdgExchange.Protos.V1.ArtefactType;

namespace MdgExchange.Cli.Commands;

/// <summary>Fetches the structures a file import or a pull needs from the server's registry.</summary>
internal static class RegistryLookup
{
    /// <summary>The dataflow's exact reference and its DSD (or the DSD named by <paramref name="structure"/>).</summary>
    public static async Task<(string Dataflow, DataStructureDefinition Structure)> DataflowAsync(
        StructureService.StructureServiceClient client, string dataflow, string? structure, CancellationToken cancellationToken)
    {
        var flow = await client.GetArtefactAsync(new GetArtefactRequest { Ref = dataflow, Type = ArtefactType.Dataflow }, cancellationToken: cancellationToken);
        var flowRef = StructureCommands.Format(flow.Artefact.Ref);
        var dsdRef = structure ?? StructureCommands.Format(flow.Artefact.Dataflow.Structure);
        var dsd = await client.GetArtefactAsync(new GetArtefactRequest { Ref = dsdRef, Type = ArtefactType.DataStructure, IncludeSdmxMl = true }, cancellationToken: cancellationToken);
        using var xml = new MemoryStream(dsd.SdmxMl.ToByteArray());
        var parsed = StructureReader.Read(xml).Artefacts.OfType<DataStructureDefinition>().Single();
        return (flowRef, parsed);
    }
}
