using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;

namespace MdgExchange.Application.Exchange;

/// <summary>
/// What a national provider may report to a dataflow: nothing without a provision agreement naming it as the data
/// provider for that dataflow; with one, the REF_AREA codes that the Allowed content constraints attached to its
/// agreements list (none listed: any area), each with the areas below it in the area codelists (a country's
/// subnational areas, by the codes' parents).
/// </summary>
public sealed record ProviderScope(IReadOnlyList<ArtefactRef> Agreements, IReadOnlySet<string>? Areas, IReadOnlyDictionary<string, string?> Parents)
{
    public bool Allows(string area)
    {
        if (Areas is null)
        {
            return true;
        }

        // The area, or any area above it: a country's agreement covers its provinces and municipalities.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (string? code = area; code is not null && seen.Add(code); code = Parents.GetValueOrDefault(code))
        {
            if (Areas.Contains(code))
            {
                return true;
            }
        }

        return false;
    }

    public string Describe() => Areas is null ? "any area" : string.Join(", ", Areas.Order(StringComparer.Ordinal)) + " and the areas below them";
}

/// <summary>Reads provision agreements and their constraints from the registry.</summary>
public sealed class ProviderScopes(IStructureStore store)
{
    public const string AreaDimension = "REF_AREA";

    /// <summary>The provider's scope on the dataflow, or null when no provision agreement lets it report there.</summary>
    public async Task<ProviderScope?> ForAsync(string organisation, DataflowSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var agreements = new List<ArtefactRef>();
        foreach (var summary in await store.ListAsync(ArtefactType.ProvisionAgreement, null, cancellationToken))
        {
            if (await store.GetAsync(summary.Ref, cancellationToken) is { Artefact: ProvisionAgreement agreement }
                && agreement.DataProvider?.ItemId == organisation
                && agreement.StructureUsage is { } usage && usage.AgencyId == schema.Dataflow.AgencyId && usage.Id == schema.Dataflow.Id
                && (usage.Version == schema.Dataflow.Version || usage.Version is "latest" or "*"))
            {
                agreements.Add(agreement.Ref);
            }
        }

        if (agreements.Count == 0)
        {
            return null;
        }

        // Each agreement allows the areas its constraints list; one without any area constraint allows every area.
        HashSet<string>? areas = new(StringComparer.Ordinal);
        var constrained = new HashSet<ArtefactRef>();
        foreach (var summary in await store.ListAsync(ArtefactType.ContentConstraint, null, cancellationToken))
        {
            if (await store.GetAsync(summary.Ref, cancellationToken) is not { Artefact: ContentConstraint { Role: ConstraintRole.Allowed } constraint })
            {
                continue;
            }

            var attached = constraint.Attachments.Where(a => agreements.Any(p => p.AgencyId == a.AgencyId && p.Id == a.Id && p.Version == a.Version)).ToList();
            var values = constraint.CubeRegions.Where(r => r.Include).SelectMany(r => r.KeyValues).Where(k => k.Id == AreaDimension && k.Include).SelectMany(k => k.Values).ToList();
            if (attached.Count > 0 && values.Count > 0)
            {
                constrained.UnionWith(attached);
                areas.UnionWith(values);
            }
        }

        if (agreements.Any(a => !constrained.Contains(a)))
        {
            areas = null;
        }

        return new ProviderScope(agreements, areas, areas is null ? new Dictionary<string, string?>() : await ParentsAsync(schema, cancellationToken));
    }

    /// <summary>
    /// Whether any of the provider's provision agreements, on any dataflow, lets it report the area (reference metadata
    /// about a country belongs to the provider that may report that country's data); null when it has no agreement.
    /// </summary>
    public async Task<bool?> AllowsAreaAsync(string organisation, string area, DataflowSchemas schemas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        var flows = new HashSet<ArtefactRef>();
        foreach (var summary in await store.ListAsync(ArtefactType.ProvisionAgreement, null, cancellationToken))
        {
            if (await store.GetAsync(summary.Ref, cancellationToken) is { Artefact: ProvisionAgreement { StructureUsage: { } usage } agreement }
                && agreement.DataProvider?.ItemId == organisation)
            {
                flows.Add(usage with { Type = ArtefactType.Dataflow });
            }
        }

        bool? allowed = flows.Count == 0 ? null : false;
        foreach (var flow in flows)
        {
            if (await schemas.LoadAsync(flow, cancellationToken) is { } schema && await ForAsync(organisation, schema, cancellationToken) is { } scope && scope.Allows(area))
            {
                return true;
            }
        }

        return allowed;
    }

    /// <summary>
    /// The areas an organisation reports as a national provider: the REF_AREA codes that the Allowed constraints
    /// attached to its provision agreements (on any dataflow) list. An agreement without an area constraint names
    /// no country, so it adds none.
    /// </summary>
    public async Task<IReadOnlySet<string>> AreasOfAsync(string organisation, CancellationToken cancellationToken)
    {
        var agreements = new List<ArtefactRef>();
        foreach (var summary in await store.ListAsync(ArtefactType.ProvisionAgreement, null, cancellationToken))
        {
            if (await store.GetAsync(summary.Ref, cancellationToken) is { Artefact: ProvisionAgreement agreement } && agreement.DataProvider?.ItemId == organisation)
            {
                agreements.Add(agreement.Ref);
            }
        }

        var areas = new HashSet<string>(StringComparer.Ordinal);
        if (agreements.Count == 0)
        {
            return areas;
        }

        foreach (var summary in await store.ListAsync(ArtefactType.ContentConstraint, null, cancellationToken))
        {
            if (await store.GetAsync(summary.Ref, cancellationToken) is { Artefact: ContentConstraint { Role: ConstraintRole.Allowed } constraint }
                && constraint.Attachments.Any(a => agreements.Any(p => p.AgencyId == a.AgencyId && p.Id == a.Id && p.Version == a.Version)))
            {
                areas.UnionWith(constraint.CubeRegions.Where(r => r.Include).SelectMany(r => r.KeyValues).Where(k => k.Id == AreaDimension && k.Include).SelectMany(k => k.Values));
            }
        }

        return areas;
    }

    /// <summary>Each REF_AREA code's parent, from the dimension's codelist and the national extensions of the dataflow.</summary>
    private async Task<IReadOnlyDictionary<string, string?>> ParentsAsync(DataflowSchema schema, CancellationToken cancellationToken)
    {
        var parents = new Dictionary<string, string?>(StringComparer.Ordinal);
        var lists = new List<ArtefactRef>();
        if (schema.Structure.Components().FirstOrDefault(c => c.Id == AreaDimension)?.LocalRepresentation?.Enumeration is { } own)
        {
            lists.Add(own);
        }

        if (await store.GetAsync(schema.Dataflow, cancellationToken) is { Artefact: Dataflow flow })
        {
            lists.AddRange(CodelistExtensions.Of(flow).Where(e => e.ComponentId == AreaDimension).Select(e => e.Codelist));
        }

        foreach (var list in lists)
        {
            foreach (var code in await store.GetCodesAsync(list, cancellationToken))
            {
                parents.TryAdd(code.Id, code.ParentId);
            }
        }

        return parents;
    }
}
