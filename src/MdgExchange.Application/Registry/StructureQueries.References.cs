using MdgExchange.Domain.Structure;

namespace MdgExchange.Application.Registry;

/// <summary>The <c>references</c> and <c>detail=referencepartial</c> of a structure query.</summary>
public sealed partial class StructureQueries
{
    /// <summary>The artefacts <c>references</c> adds to the matched ones (not repeating them).</summary>
    private async Task<IReadOnlyList<MaintainableArtefact>> ReferencesAsync(List<MaintainableArtefact> matched, StructureQuery request, CancellationToken cancellationToken)
    {
        var found = new Dictionary<ArtefactRef, MaintainableArtefact>();
        var seen = matched.Select(a => a.Ref).ToHashSet();
        // The artefact a reference names, when it is new to the message (a `latest` reference resolved to one
        // already there is not); null otherwise.
        async Task<MaintainableArtefact?> AddAsync(ArtefactRef reference)
        {
            if (!seen.Add(reference) || await LoadAsync(reference, cancellationToken) is not { } artefact || (artefact.Ref != reference && !seen.Add(artefact.Ref)))
            {
                return null;
            }

            found[artefact.Ref] = artefact;
            return artefact;
        }

        async Task ChildrenAsync(IEnumerable<MaintainableArtefact> of, bool transitive)
        {
            var queue = new Queue<MaintainableArtefact>(of);
            while (queue.TryDequeue(out var artefact))
            {
                foreach (var reference in artefact.References())
                {
                    if (await AddAsync(reference) is { } added && transitive)
                    {
                        queue.Enqueue(added);
                    }
                }
            }
        }

        async Task<List<MaintainableArtefact>> ParentsAsync(IEnumerable<MaintainableArtefact> of)
        {
            var parents = new List<MaintainableArtefact>();
            foreach (var artefact in of.ToList())
            {
                foreach (var reference in await store.ReferencedByAsync(artefact.Ref, cancellationToken))
                {
                    if (await AddAsync(reference) is { } added)
                    {
                        parents.Add(added);
                    }
                }
            }

            return parents;
        }

        switch (request.References)
        {
            case StructureReferences.Children:
                await ChildrenAsync(matched, transitive: false);
                break;
            case StructureReferences.Descendants:
                await ChildrenAsync(matched, transitive: true);
                break;
            case StructureReferences.Parents:
                await ParentsAsync(matched);
                break;
            case StructureReferences.ParentsAndSiblings:
                await ChildrenAsync(await ParentsAsync(matched), transitive: false);
                break;
            case StructureReferences.All:
                await ChildrenAsync(await ParentsAsync(matched), transitive: false);
                await ChildrenAsync(matched, transitive: true);
                break;
            case StructureReferences.Specific:
                await ParentsAsync(matched);
                await ChildrenAsync(matched, transitive: true);
                return found.Values.Where(a => a.Type == request.ReferenceType).ToList();
        }

        return found.Values.ToList();
    }

    /// <summary>
    /// <c>detail=referencepartial</c>: the referenced codelists keep only the codes the content constraints on the
    /// queried artefacts allow (those attached to them, or to the provision agreements of a dataflow), with their
    /// parent codes; the referenced concept schemes only the concepts the data structures use. Both are then marked
    /// partial. A codelist that no constraint restricts is given in full.
    /// </summary>
    private async Task PartialAsync(List<MaintainableArtefact> matched, IReadOnlyList<MaintainableArtefact> referenced, CancellationToken cancellationToken)
    {
        var constraints = new Dictionary<ArtefactRef, ContentConstraint>();
        async Task ConstraintsOfAsync(ArtefactRef target, int depth)
        {
            foreach (var parent in await store.ReferencedByAsync(target, cancellationToken))
            {
                if (parent.Type == ArtefactType.ContentConstraint && !constraints.ContainsKey(parent) && await LoadAsync(parent, cancellationToken) is ContentConstraint constraint)
                {
                    constraints[parent] = constraint;
                }
                else if (parent.Type == ArtefactType.ProvisionAgreement && depth == 0)
                {
                    await ConstraintsOfAsync(parent, depth + 1);
                }
            }
        }

        foreach (var artefact in matched)
        {
            await ConstraintsOfAsync(artefact.Ref, 0);
        }

        foreach (var constraint in matched.Concat(referenced).OfType<ContentConstraint>())
        {
            constraints.TryAdd(constraint.Ref, constraint);
        }

        var allowed = AllowedValues(constraints.Values);
        var structures = matched.Concat(referenced).OfType<DataStructureDefinition>().ToList();
        foreach (var codelist in referenced.OfType<Codelist>())
        {
            TrimToAllowed(codelist, structures, allowed);
        }

        // Concepts: only when data structures alone use the schemes (a metadata structure may need the others).
        var metadataStructures = matched.Concat(referenced).Any(a => a is MetadataStructureDefinition);
        foreach (var scheme in metadataStructures ? [] : referenced.OfType<ConceptScheme>())
        {
            var used = structures.SelectMany(d => d.Components()).Select(c => c.ConceptIdentity).OfType<ItemRef>()
                .Where(r => Same(r.Scheme, scheme.Ref)).Select(r => r.ItemId).ToHashSet(StringComparer.Ordinal);
            if (used.Count > 0 && used.Count < scheme.Items.Count)
            {
                scheme.Items.RemoveAll(c => !used.Contains(c.Id));
                scheme.IsPartial = true;
            }
        }
    }

    /// <summary>The values the constraints' included cube regions allow, per component.</summary>
    private static Dictionary<string, HashSet<string>> AllowedValues(IEnumerable<ContentConstraint> constraints)
    {
        var allowed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var set in constraints.SelectMany(c => c.CubeRegions).Where(r => r.Include).SelectMany(r => r.KeyValues).Where(k => k.Include && k.Values.Count > 0))
        {
            if (!allowed.TryGetValue(set.Id, out var values))
            {
                allowed[set.Id] = values = new HashSet<string>(StringComparer.Ordinal);
            }

            values.UnionWith(set.Values);
        }

        return allowed;
    }

    /// <summary>
    /// Keeps only the codes the constraints allow for every component that uses <paramref name="codelist"/>, and
    /// their parents; a codelist used by one unconstrained component stays whole.
    /// </summary>
    private static void TrimToAllowed(Codelist codelist, IReadOnlyList<DataStructureDefinition> structures, Dictionary<string, HashSet<string>> allowed)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var restricted = false;
        foreach (var component in structures.SelectMany(d => d.Components()))
        {
            if (component.LocalRepresentation?.Enumeration is { } enumeration && Same(enumeration, codelist.Ref))
            {
                if (!allowed.TryGetValue(component.Id, out var values))
                {
                    // One component using the codelist is unrestricted: it needs every code.
                    restricted = false;
                    codes.Clear();
                    break;
                }

                restricted = true;
                codes.UnionWith(values);
            }
        }

        if (restricted)
        {
            // Parents stay, so that the hierarchy still holds together.
            var byId = codelist.Items.ToDictionary(c => c.Id, StringComparer.Ordinal);
            foreach (var code in codes.ToList())
            {
                for (var parent = byId.GetValueOrDefault(code)?.ParentId; parent is not null && codes.Add(parent); parent = byId.GetValueOrDefault(parent)?.ParentId)
                {
                }
            }

            codelist.Items.RemoveAll(c => !codes.Contains(c.Id));
            codelist.IsPartial = true;
        }
    }

    /// <summary>The same artefact, a <c>latest</c> reference matching any version.</summary>
    private static bool Same(ArtefactRef reference, ArtefactRef artefact) =>
        reference.AgencyId == artefact.AgencyId && reference.Id == artefact.Id && (reference.IsLatest || reference.Version == artefact.Version);

    /// <summary>An artefact by reference, <c>latest</c> resolved to the highest version.</summary>
    private async Task<MaintainableArtefact?> LoadAsync(ArtefactRef reference, CancellationToken cancellationToken)
    {
        if (reference.IsLatest)
        {
            var versions = await FindAsync(reference.Type, [reference.AgencyId], [reference.Id], "latest", cancellationToken);
            if (versions.Count == 0)
            {
                return null;
            }

            reference = versions[^1];
        }

        return (await store.GetAsync(reference, cancellationToken))?.Artefact;
    }
}
