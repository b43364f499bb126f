using MdgExchange.Domain.Structure;
using MdgExchange.Storage;

namespace MdgExchange.Server.Rest;

/// <summary>Finds the registry's artefacts a REST path names: agencies, ids and a version pattern.</summary>
public sealed class RestArtefacts(IStructureStore store)
{
    /// <summary>
    /// The artefacts of the type matching the agency and id lists (null = any) and the version pattern, each
    /// (agency, id) resolved to its versions separately: <c>latest</c> and <c>+</c> give one version per artefact.
    /// </summary>
    public async Task<IReadOnlyList<ArtefactRef>> FindAsync(
        ArtefactType type, IReadOnlyList<string>? agencies, IReadOnlyList<string>? ids, string versionPattern, CancellationToken cancellationToken)
    {
        var listed = await store.ListAsync(type, agencies is [var single] ? single : null, cancellationToken);
        var found = new List<ArtefactRef>();
        foreach (var group in listed
                     .Where(a => (agencies is null || agencies.Contains(a.Ref.AgencyId, StringComparer.Ordinal)) && (ids is null || ids.Contains(a.Ref.Id, StringComparer.Ordinal)))
                     .GroupBy(a => (a.Ref.AgencyId, a.Ref.Id))
                     .OrderBy(g => g.Key.AgencyId, StringComparer.Ordinal)
                     .ThenBy(g => g.Key.Id, StringComparer.Ordinal))
        {
            found.AddRange(SemanticVersions.Select(versionPattern, group.ToList(), a => a.Ref.Version, a => a.IsFinal).Select(a => a.Ref));
        }

        return found;
    }

    /// <summary>The one dataflow a data query names: 404 when none, 400 when the path matches several.</summary>
    public async Task<ArtefactRef> DataflowAsync(RestDataRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<string>? agencies = request.AgencyId is "all" or "*" ? null : [request.AgencyId];
        var flows = await FindAsync(ArtefactType.Dataflow, agencies, [request.FlowId], request.VersionPattern, cancellationToken);
        if (flows.Count == 0)
        {
            throw SdmxRestException.NoResults($"no dataflow {request.AgencyId},{request.FlowId},{request.VersionPattern} in the registry");
        }

        if (flows.Select(f => (f.AgencyId, f.Id)).Distinct().Count() > 1)
        {
            throw SdmxRestException.Syntax(
                $"the dataflow {request.FlowId} is maintained by several agencies ({string.Join(", ", flows.Select(f => f.AgencyId).Distinct())}): name the agency in the query");
        }

        // A pattern matching several versions (*) reads the highest: data are held per dataflow version.
        return flows.OrderBy(f => f.Version, Comparer<string>.Create(SemanticVersions.Compare)).Last();
    }
}
