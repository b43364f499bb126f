using MdgExchange.Application.Exchange;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;

namespace MdgExchange.Application.Registry;

/// <summary>
/// Reading the registry, for every transport: the artefacts a query names (types, agencies, ids, version pattern,
/// items), with the artefacts they reference or that reference them (<c>references</c>), full or as stubs
/// (<c>detail</c>); one artefact; a codelist's codes a page at a time. Errors are the core's: not found, rejected.
/// </summary>
public sealed partial class StructureQueries(IStructureStore store)
{
    /// <summary>Most codes one page holds; a page size of 0 means <see cref="DefaultPageSize"/>.</summary>
    public const int MaxPageSize = 10_000;

    public const int DefaultPageSize = 1000;

    /// <summary>The message's artefacts, in the order a structure message lists them; 404 when nothing matches.</summary>
    public async Task<IReadOnlyList<MaintainableArtefact>> QueryAsync(StructureQuery request, string structureBaseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var types = request.Types ?? ArtefactTypes.All;
        var matched = new List<MaintainableArtefact>();
        foreach (var type in types)
        {
            foreach (var reference in await FindAsync(type, request.AgencyIds, request.ResourceIds, request.VersionPattern, cancellationToken))
            {
                if (await store.GetAsync(reference, cancellationToken) is { } stored && Wanted(request, stored.Artefact))
                {
                    matched.Add(stored.Artefact);
                }
            }
        }

        if (request.ItemIds is { } items)
        {
            matched = matched.Select(a => Items(a, items)).OfType<MaintainableArtefact>().ToList();
        }

        if (matched.Count == 0)
        {
            var what = $"{List(request.AgencyIds)}/{List(request.ResourceIds)}/{request.VersionPattern}" + (request.ItemIds is null ? "" : $"/{string.Join('+', request.ItemIds)}");
            throw new ExchangeNotFoundException(Guid.Empty, request.Types is [var type] ? type.ToString() : "Structure", what,
                $"no {(request.Types is [var one] ? one.RestResource() : "structure")} matches {what}");
        }

        var referenced = await ReferencesAsync(matched, request, cancellationToken);
        if (request.Detail == StructureDetail.ReferencePartial)
        {
            await PartialAsync(matched, referenced, cancellationToken);
        }

        var main = matched.Select(a => request.Detail is StructureDetail.AllStubs or StructureDetail.AllCompleteStubs
            ? ArtefactStubs.Stub(a, StubUrl(structureBaseUrl, a), complete: request.Detail == StructureDetail.AllCompleteStubs)
            : a);
        var others = referenced.Select(a => request.Detail is StructureDetail.AllStubs or StructureDetail.ReferenceStubs or StructureDetail.AllCompleteStubs or StructureDetail.ReferenceCompleteStubs
            ? ArtefactStubs.Stub(a, StubUrl(structureBaseUrl, a), complete: request.Detail is StructureDetail.AllCompleteStubs or StructureDetail.ReferenceCompleteStubs)
            : a);
        return main.Concat(others)
            .OrderBy(a => a.Type)
            .ThenBy(a => a.AgencyId, StringComparer.Ordinal)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .ThenBy(a => a.Version, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The REST 1.5 URL of an artefact, given as the <c>structureURL</c> of its stub.</summary>
    private static string StubUrl(string baseUrl, MaintainableArtefact artefact)
    {
        return $"{baseUrl.TrimEnd('/')}/{artefact.Type.RestResource()}/{artefact.AgencyId}/{artefact.Id}/{artefact.Version}";
    }

    /// <exception cref="ExchangeNotFoundException">There is no such artefact.</exception>
    public async Task<StoredArtefact> GetAsync(ArtefactRef reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return await store.GetAsync(reference, cancellationToken)
            ?? throw new ExchangeNotFoundException(Guid.Empty, reference.Type.ElementName(), reference.ToString(), $"{reference.Type.ElementName()} {reference} does not exist");
    }

    /// <summary>The artefacts of a type (every type when null), of one agency when given.</summary>
    public Task<IReadOnlyList<ArtefactSummary>> ListAsync(ArtefactType? type, string? agencyId, CancellationToken cancellationToken) =>
        store.ListAsync(type, string.IsNullOrEmpty(agencyId) ? null : agencyId, cancellationToken);

    /// <summary>A page of a codelist's codes, from <paramref name="offset"/>, with the codelist's full reference and its number of codes.</summary>
    /// <exception cref="ExchangeRejectedException">The reference is not a codelist's, or the page is out of range.</exception>
    /// <exception cref="ExchangeNotFoundException">There is no such codelist.</exception>
    public async Task<CodePage> CodesAsync(ArtefactRef codelist, int offset, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codelist);
        if (codelist.Type != ArtefactType.Codelist)
        {
            throw Rejected("codelist", $"{codelist} is a {codelist.Type.ElementName()}, not a codelist");
        }

        if (pageSize is < 0 or > MaxPageSize)
        {
            throw Rejected("page_size", $"page_size must be between 0 and {MaxPageSize}");
        }

        if (offset < 0)
        {
            throw Rejected("page_token", "page_token is not one this server issued");
        }

        var stored = await store.GetAsync(codelist, cancellationToken)
            ?? throw new ExchangeNotFoundException(Guid.Empty, "Codelist", codelist.ToString(), $"Codelist {codelist} does not exist");
        var codes = await store.GetCodesAsync(stored.Artefact.Ref, cancellationToken);
        var page = codes.Skip(offset).Take(pageSize == 0 ? DefaultPageSize : pageSize).ToList();
        var next = offset + page.Count;
        return new CodePage(stored.Artefact.Ref, page, codes.Count, next < codes.Count ? next : null);
    }

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

    /// <summary>The one dataflow an agency (<c>all</c>/<c>*</c> = any), id and version pattern name.</summary>
    /// <exception cref="ExchangeNotFoundException">None matches.</exception>
    /// <exception cref="ExchangeRejectedException">Dataflows of several agencies match: the agency must be named.</exception>
    public async Task<ArtefactRef> DataflowAsync(string agencyId, string flowId, string versionPattern, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? agencies = agencyId is "all" or "*" ? null : [agencyId];
        var flows = await FindAsync(ArtefactType.Dataflow, agencies, [flowId], versionPattern, cancellationToken);
        if (flows.Count == 0)
        {
            throw new ExchangeNotFoundException(Guid.Empty, "Dataflow", $"{agencyId},{flowId},{versionPattern}", $"no dataflow {agencyId},{flowId},{versionPattern} in the registry");
        }

        if (flows.Select(f => (f.AgencyId, f.Id)).Distinct().Count() > 1)
        {
            var why = $"the dataflow {flowId} is maintained by several agencies ({string.Join(", ", flows.Select(f => f.AgencyId).Distinct())}): name the agency in the query";
            throw new ExchangeRejectedException(Guid.Empty, why, []);
        }

        // A pattern matching several versions (*) reads the highest: data are held per dataflow version.
        return flows.OrderBy(f => f.Version, Comparer<string>.Create(SemanticVersions.Compare)).Last();
    }
    private static string List(IReadOnlyList<string>? values) => values is null ? "all" : string.Join('+', values);

    /// <summary>The 1.5 resources actualconstraint and allowedconstraint select constraints by role.</summary>
    private static bool Wanted(StructureQuery request, MaintainableArtefact artefact) =>
        artefact is not ContentConstraint constraint || request.ConstraintRole is not { } role || constraint.Role == role;

    /// <summary>An item query: the scheme with only those items (partial), or null when it has none of them.</summary>
    private static MaintainableArtefact? Items(MaintainableArtefact artefact, IReadOnlyList<string> ids)
    {
        return artefact switch
        {
            Codelist c => Keep(c),
            ConceptScheme c => Keep(c),
            CategoryScheme c => Keep(c),
            AgencyScheme c => Keep(c),
            DataProviderScheme c => Keep(c),
            DataConsumerScheme c => Keep(c),
            _ => throw new ExchangeRejectedException(Guid.Empty, $"{artefact.Type.RestResource()} has no items to query", [new DataViolation("itemID", $"{artefact.Type.RestResource()} has no items to query")]),
        };

        MaintainableArtefact? Keep<T>(ItemScheme<T> scheme)
            where T : Item
        {
            scheme.Items.RemoveAll(i => !ids.Contains(i.Id, StringComparer.Ordinal) && !ids.Contains("*", StringComparer.Ordinal) && !ids.Contains("all", StringComparer.Ordinal));
            scheme.IsPartial = true;
            return scheme.Items.Count == 0 ? null : scheme;
        }
    }

    private static ExchangeRejectedException Rejected(string field, string why) => new(Guid.Empty, why, [new DataViolation(field, why)]);
}

/// <summary>A page of a codelist's codes; <see cref="Next"/> the offset of the next page, null after the last.</summary>
public sealed record CodePage(ArtefactRef Codelist, IReadOnlyList<Code> Codes, int Total, int? Next);
