using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;

namespace MdgExchange.Application.Exchange;

/// <summary>Builds the <see cref="DataflowSchema"/> of a dataflow from the registry: DSD, codes, constraints.</summary>
public sealed class DataflowSchemas(IStructureStore store)
{
    /// <summary>The schema of the dataflow (latest allowed), or null when there is no such dataflow.</summary>
    /// <exception cref="InvalidOperationException">The dataflow's DSD is missing from the registry.</exception>
    public async Task<DataflowSchema?> LoadAsync(ArtefactRef dataflowRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataflowRef);
        if (await store.GetAsync(dataflowRef with { Type = ArtefactType.Dataflow }, cancellationToken) is not { Artefact: Dataflow flow })
        {
            return null;
        }

        if (flow.Structure is null || await store.GetAsync(flow.Structure, cancellationToken) is not { Artefact: DataStructureDefinition dsd })
        {
            throw new InvalidOperationException($"the data structure {flow.Structure} of dataflow {flow.Ref} is not in the registry");
        }

        var extensions = CodelistExtensions.Of(flow).ToList();
        var codes = new Dictionary<ArtefactRef, IReadOnlySet<string>>();
        foreach (var enumeration in dsd.Components().Select(c => c.LocalRepresentation?.Enumeration).OfType<ArtefactRef>().Concat(extensions.Select(e => e.Codelist)).Distinct())
        {
            var list = await store.GetCodesAsync(enumeration, cancellationToken);
            if (list.Count > 0)
            {
                codes[enumeration] = list.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            }
        }

        var constraints = new List<ContentConstraint>();
        foreach (var summary in await store.ListAsync(ArtefactType.ContentConstraint, null, cancellationToken))
        {
            if (await store.GetAsync(summary.Ref, cancellationToken) is { Artefact: ContentConstraint constraint }
                && constraint.Attachments.Any(a => a == flow.Ref || a == dsd.Ref))
            {
                constraints.Add(constraint);
            }
        }

        return DataflowSchema.Create(flow.Ref, dsd, r => codes.GetValueOrDefault(r), constraints, extensions);
    }
}
