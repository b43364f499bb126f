using MdgExchange.Domain.Registry;
using MdgExchange.Domain.Structure;
using MdgExchange.Application.Exchange;
using MdgExchange.Storage;

namespace MdgExchange.Application.Registry;

/// <summary>Why an onboarding was refused.</summary>
public enum ProviderRefusal
{
    /// <summary>The request is wrong: a missing name, an area that is no code of the REF_AREA codelist.</summary>
    Invalid,

    /// <summary>A dataflow (or its structure) is not in the registry; the problem's field is the dataflow's reference.</summary>
    NotFound,

    /// <summary>The registry cannot take the change: a final artefact would change, an id is taken by another artefact.</summary>
    Conflict,

    /// <summary>A concurrent submission changed one of the artefacts between planning and saving; nothing was stored.</summary>
    Concurrent,
}

/// <summary>An onboarding refused, with the field (or artefact) of each problem and the transfer that recorded it.</summary>
public sealed class ProviderOnboardingException(ProviderRefusal refusal, IReadOnlyList<(string Field, string Description)> problems, Guid transferId)
    : Exception(string.Join("; ", problems.Select(p => p.Description)))
{
    public ProviderRefusal Refusal { get; } = refusal;
    public IReadOnlyList<(string Field, string Description)> Problems { get; } = problems;
    public Guid TransferId { get; } = transferId;
}

/// <summary>What an onboarding did: its transfer, the outcome per artefact and the provider as the registry now holds it.</summary>
public sealed record ProviderChange(Guid TransferId, IReadOnlyList<ArtefactPlan> Artefacts, ProviderProfile Provider)
{
    public bool Changed => Artefacts.Any(a => a.Writes);
}

/// <summary>
/// Onboards a national provider without hand-written SDMX-ML (issue 14): checks the dataflows and the areas, builds
/// the data provider, provision agreements and area constraints (<see cref="ProviderArtefacts"/>) and submits them
/// through the <see cref="StructureRegistry"/>, so the registry's rules and its transfer record apply as to any
/// structure submission. Reads providers back from the registry.
/// </summary>
public sealed class ProviderOnboarding(IStructureStore store, StructureRegistry registry, DataflowSchemas schemas)
{
    public async Task<ProviderChange> AddAsync(ProviderRegistration registration, SubmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(context);
        context = context with
        {
            Receiver = registration.Organisation,
            Dataflow = registration.Dataflows.Count == 1 ? registration.Dataflows[0].ToString() : null,
            RefAreas = string.Join(' ', registration.Areas.Distinct(StringComparer.Ordinal)),
        };
        var problems = RequestProblems(registration);
        if (problems.Count > 0)
        {
            throw await RefusalAsync(ProviderRefusal.Invalid, problems, context);
        }

        var dataflows = await CheckDataflowsAsync(registration, context, cancellationToken);
        var existing = await LoadAsync(cancellationToken);
        var artefacts = await BuildAsync(registration, dataflows, existing, context, cancellationToken);

        SubmissionResult result;
        try
        {
            result = await registry.SubmitAsync(artefacts, partial: false, context, cancellationToken);
        }
        catch (ConcurrentChangeException ex)
        {
            throw new ProviderOnboardingException(ProviderRefusal.Concurrent, [("organisation", ex.Message)], ex.TransferId);
        }

        var failed = result.Plan.Artefacts.Where(p => p.Outcome == SubmissionOutcome.Failed).SelectMany(p => p.Messages.Select(m => (p.Ref.ToString(), m))).ToList();
        if (failed.Count > 0)
        {
            throw new ProviderOnboardingException(ProviderRefusal.Conflict, failed, result.TransferId);
        }

        var provider = ProviderArtefacts.Profile(await LoadAsync(cancellationToken), registration.Organisation);
        return new ProviderChange(result.TransferId, result.Plan.Artefacts, provider);
    }

    /// <summary>Every data provider of the registry, optionally only those with an agreement on the dataflow.</summary>
    public async Task<IReadOnlyList<ProviderProfile>> ListAsync(ArtefactRef? dataflow, CancellationToken cancellationToken)
    {
        var profiles = ProviderArtefacts.Profiles(await LoadAsync(cancellationToken));
        if (dataflow is null)
        {
            return profiles;
        }

        return profiles.Where(p => p.Agreements.Any(a => a.Dataflow.AgencyId == dataflow.AgencyId && a.Dataflow.Id == dataflow.Id && (dataflow.IsLatest || a.Dataflow.Version == dataflow.Version))).ToList();
    }

    /// <summary>The provider, or null when no data provider scheme and no provision agreement names it.</summary>
    public async Task<ProviderProfile?> GetAsync(string organisation, CancellationToken cancellationToken)
    {
        var profile = ProviderArtefacts.Profile(await LoadAsync(cancellationToken), organisation);
        return profile.Schemes.Count == 0 && profile.Agreements.Count == 0 ? null : profile;
    }

    private static List<(string Field, string Description)> RequestProblems(ProviderRegistration registration)
    {
        var problems = new List<(string, string)>();
        if (!Identifiers.IsValidAgencyId(registration.Organisation) || registration.Organisation.Contains('.', StringComparison.Ordinal))
        {
            problems.Add(("organisation", $"'{registration.Organisation}' is not an organisation id (letters, digits, '_' and '-', starting with a letter)"));
        }

        for (var i = 0; i < registration.Names.Count; i++)
        {
            var name = registration.Names[i];
            if (string.IsNullOrWhiteSpace(name.Text) || string.IsNullOrWhiteSpace(name.Lang))
            {
                problems.Add(($"names[{i}]", "a name needs a language and a text"));
            }
        }

        if (registration.Dataflows.Count == 0)
        {
            problems.Add(("dataflows", "name at least one dataflow the provider reports (--flow)"));
        }

        if (registration.Areas.Count == 0)
        {
            problems.Add(("areas", "name at least one REF_AREA code the provider reports (--area)"));
        }

        for (var i = 0; i < registration.Areas.Count; i++)
        {
            if (!Identifiers.IsValidId(registration.Areas[i]))
            {
                problems.Add(($"areas[{i}]", $"'{registration.Areas[i]}' is not a code id"));
            }
        }

        return problems;
    }

    /// <summary>Each dataflow, resolved to its exact version, with every area checked against its REF_AREA codes.</summary>
    private async Task<List<ArtefactRef>> CheckDataflowsAsync(ProviderRegistration registration, SubmissionContext context, CancellationToken cancellationToken)
    {
        var resolved = new List<ArtefactRef>();
        var problems = new List<(string, string)>();
        for (var f = 0; f < registration.Dataflows.Count; f++)
        {
            var requested = registration.Dataflows[f] with { Type = ArtefactType.Dataflow };
            Domain.Data.DataflowSchema? schema;
            try
            {
                schema = await schemas.LoadAsync(requested, cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                throw await RefusalAsync(ProviderRefusal.NotFound, [(requested.ToString(), ex.Message)], context);
            }

            if (schema is null)
            {
                throw await RefusalAsync(ProviderRefusal.NotFound, [(requested.ToString(), $"dataflow {requested} does not exist")], context);
            }

            resolved.Add(schema.Dataflow);
            var lists = await AreaCodelistsAsync(schema, cancellationToken);
            if (!schema.Codes.TryGetValue(ProviderArtefacts.AreaDimension, out var codes) || lists.Count == 0)
            {
                problems.Add(($"dataflows[{f}]", $"the structure {schema.Structure.Ref} of dataflow {schema.Dataflow} has no coded {ProviderArtefacts.AreaDimension} dimension, so areas cannot be checked"));
                continue;
            }

            for (var i = 0; i < registration.Areas.Count; i++)
            {
                if (!codes.Contains(registration.Areas[i]))
                {
                    problems.Add(($"areas[{i}]", $"area {registration.Areas[i]} is not a code of {string.Join(" or ", lists)}, the {ProviderArtefacts.AreaDimension} codelist of dataflow {schema.Dataflow}"));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw await RefusalAsync(ProviderRefusal.Invalid, problems, context);
        }

        return resolved;
    }

    /// <summary>The REF_AREA codelist of the dataflow's structure and the national extensions the dataflow declares.</summary>
    private async Task<List<ArtefactRef>> AreaCodelistsAsync(Domain.Data.DataflowSchema schema, CancellationToken cancellationToken)
    {
        var lists = new List<ArtefactRef>();
        if (schema.Structure.Components().FirstOrDefault(c => c.Id == ProviderArtefacts.AreaDimension)?.LocalRepresentation?.Enumeration is { } own)
        {
            lists.Add(own);
            if (await store.GetAsync(schema.Dataflow, cancellationToken) is { Artefact: Dataflow flow })
            {
                lists.AddRange(Domain.Data.CodelistExtensions.Of(flow).Where(e => e.ComponentId == ProviderArtefacts.AreaDimension).Select(e => e.Codelist));
            }
        }

        return lists;
    }

    private async Task<List<MaintainableArtefact>> BuildAsync(ProviderRegistration registration, List<ArtefactRef> dataflows, ProviderArtefactSet existing, SubmissionContext context, CancellationToken cancellationToken)
    {
        var organisation = registration.Organisation;
        var agreements = existing.Agreements.Where(a => a.DataProvider?.ItemId == organisation).ToList();

        // The provider stays in the scheme its agreements name or that lists it; a new provider gets ORG:DATA_PROVIDERS(1.0).
        var schemeRef = agreements.Select(a => a.DataProvider!.Scheme).FirstOrDefault()
            ?? existing.Schemes.Where(s => s.Find(organisation) is not null).Select(s => s.Ref).FirstOrDefault()
            ?? ProviderArtefacts.SchemeOf(organisation);
        var storedScheme = (await store.GetAsync(schemeRef, cancellationToken))?.Artefact as DataProviderScheme;
        if (storedScheme?.Find(organisation) is null && registration.Names.Count == 0)
        {
            throw await RefusalAsync(ProviderRefusal.Invalid, [("names", $"{organisation} is a new data provider: give its name (--name)")], context);
        }

        var artefacts = new List<MaintainableArtefact> { ProviderArtefacts.WithProvider(storedScheme, organisation, registration.Names) };
        foreach (var dataflow in dataflows.Distinct())
        {
            var agreement = agreements.FirstOrDefault(a => ProviderArtefacts.Matches(a, organisation, dataflow) && !a.IsFinal)
                ?? agreements.FirstOrDefault(a => ProviderArtefacts.Matches(a, organisation, dataflow));
            if (agreement is null)
            {
                agreement = ProviderArtefacts.NewAgreement(organisation, schemeRef, dataflow);
                if (await store.GetAsync(agreement.Ref, cancellationToken) is not null)
                {
                    throw await RefusalAsync(ProviderRefusal.Conflict, [(agreement.Ref.ToString(), $"{agreement.Ref} exists and is not {organisation}'s agreement on {dataflow}; register this provider's agreement as SDMX-ML under another id")], context);
                }
            }

            // An existing agreement is submitted as it is (unchanged), so the result names every artefact involved.
            artefacts.Add(agreement);

            var attached = existing.Constraints.Where(c => c.Role == ConstraintRole.Allowed && ProviderArtefacts.IsAttachedTo(c, agreement.Ref) && ProviderArtefacts.AreasOf(c).Count > 0).ToList();
            var constraint = attached.FirstOrDefault(c => !c.IsFinal) ?? attached.FirstOrDefault();
            artefacts.Add(ProviderArtefacts.WithAreas(constraint, agreement, registration.Areas, registration.ReplaceAreas));
        }

        return artefacts;
    }

    /// <summary>The data provider schemes, provision agreements and Allowed constraints of the registry.</summary>
    private async Task<ProviderArtefactSet> LoadAsync(CancellationToken cancellationToken)
    {
        var schemes = await AllAsync<DataProviderScheme>(ArtefactType.DataProviderScheme, cancellationToken);
        var agreements = await AllAsync<ProvisionAgreement>(ArtefactType.ProvisionAgreement, cancellationToken);
        var constraints = (await AllAsync<ContentConstraint>(ArtefactType.ContentConstraint, cancellationToken)).Where(c => c.Role == ConstraintRole.Allowed).ToList();
        return new ProviderArtefactSet(schemes, agreements, constraints);
    }

    private async Task<List<T>> AllAsync<T>(ArtefactType type, CancellationToken cancellationToken)
        where T : MaintainableArtefact
    {
        var all = new List<T>();
        foreach (var summary in await store.ListAsync(type, null, cancellationToken))
        {
            if (await store.GetAsync(summary.Ref, cancellationToken) is { Artefact: T artefact })
            {
                all.Add(artefact);
            }
        }

        return all;
    }

    /// <summary>Records the refusal as a rejected transfer and returns the exception to throw.</summary>
    private async Task<ProviderOnboardingException> RefusalAsync(ProviderRefusal refusal, IReadOnlyList<(string Field, string Description)> problems, SubmissionContext context)
    {
        var transferId = await registry.RecordRejectedAsync(context, string.Join("; ", problems.Take(20).Select(p => p.Description)));
        return new ProviderOnboardingException(refusal, problems, transferId);
    }
}
