using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Registry;

/// <summary>What a structure submission does to one artefact.</summary>
public enum SubmissionOutcome
{
    Created,
    Replaced,
    Unchanged,
    Failed,

    /// <summary>Valid, but not stored because another artefact of an all-or-nothing submission failed.</summary>
    NotApplied,
}

/// <summary>An artefact already in the registry, as the planner needs to see it.</summary>
public sealed record ExistingArtefact(MaintainableArtefact Artefact, string BodyHash);

/// <summary>The decision for one submitted artefact.</summary>
public sealed record ArtefactPlan(ArtefactRef Ref, SubmissionOutcome Outcome, IReadOnlyList<string> Messages, MaintainableArtefact Artefact)
{
    /// <summary>True when the artefact must be written (created or replaced).</summary>
    public bool Writes => Outcome is SubmissionOutcome.Created or SubmissionOutcome.Replaced;
}

/// <summary>The decisions for a whole submission.</summary>
public sealed record SubmissionPlan(IReadOnlyList<ArtefactPlan> Artefacts, bool Applied, int OtherFailures = 0)
{
    public bool HasFailures => OtherFailures > 0 || Artefacts.Any(a => a.Outcome == SubmissionOutcome.Failed);
}

/// <summary>
/// Decides, without I/O, what a structure submission does: which artefacts are created, replaced or
/// unchanged, and which fail (invalid, a final artefact changed, a reference that resolves nowhere).
/// The caller loads the existing artefacts and every referenced artefact beforehand.
/// </summary>
public static class SubmissionPlanner
{
    /// <summary>The refs the planner will ask <c>existing</c> about: the submitted artefacts and everything they refer to.</summary>
    public static IReadOnlySet<ArtefactRef> RefsToLoad(IEnumerable<MaintainableArtefact> submitted) =>
        submitted.SelectMany(a => a.References().Prepend(a.Ref)).ToHashSet();

    /// <param name="submitted">The artefacts of the message, in order.</param>
    /// <param name="existing">Stored artefacts by exact ref (absent or null when not stored).</param>
    /// <param name="partial">Store what passes even when something fails.</param>
    /// <param name="otherFailures">Parts of the message that failed outside these artefacts (e.g. unsupported artefacts).</param>
    public static SubmissionPlan Plan(
        IReadOnlyList<MaintainableArtefact> submitted,
        IReadOnlyDictionary<ArtefactRef, ExistingArtefact?> existing,
        bool partial,
        int otherFailures = 0)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        ArgumentNullException.ThrowIfNull(existing);

        var errors = new Dictionary<MaintainableArtefact, List<string>>(ReferenceEqualityComparer.Instance);
        var outcomes = new Dictionary<MaintainableArtefact, SubmissionOutcome>(ReferenceEqualityComparer.Instance);
        foreach (var artefact in submitted)
        {
            errors[artefact] = [];
        }

        foreach (var duplicate in submitted.GroupBy(a => a.Ref).Where(g => g.Count() > 1))
        {
            foreach (var artefact in duplicate)
            {
                errors[artefact].Add($"{Describe(artefact.Ref)} appears {duplicate.Count()} times in the message");
            }
        }

        foreach (var artefact in submitted)
        {
            errors[artefact].AddRange(StructureValidator.Validate(artefact).Select(e => e.ToString()));
            existing.TryGetValue(artefact.Ref, out var stored);
            outcomes[artefact] = Decide(artefact, stored, errors[artefact]);
        }

        // Resolve references against the submission first, then the registry; an artefact that refers
        // to a failed artefact of the same message fails too, until nothing changes.
        var bySubmittedRef = submitted.GroupBy(a => a.Ref).ToDictionary(g => g.Key, g => g.First());
        bool changed;
        do
        {
            changed = false;
            foreach (var artefact in submitted.Where(a => outcomes[a] != SubmissionOutcome.Failed))
            {
                var problems = CheckReferences(artefact, bySubmittedRef, outcomes, existing);
                if (problems.Count > 0)
                {
                    errors[artefact].AddRange(problems);
                    outcomes[artefact] = SubmissionOutcome.Failed;
                    changed = true;
                }
            }
        }
        while (changed);

        var anyFailed = otherFailures > 0 || submitted.Any(a => outcomes[a] == SubmissionOutcome.Failed);
        var applied = !anyFailed || partial;
        var plans = submitted.Select(a =>
        {
            var outcome = outcomes[a];
            if (!applied && outcome is SubmissionOutcome.Created or SubmissionOutcome.Replaced)
            {
                outcome = SubmissionOutcome.NotApplied;
            }

            return new ArtefactPlan(a.Ref, outcome, errors[a], a);
        }).ToList();
        return new SubmissionPlan(plans, applied && plans.Any(p => p.Writes), otherFailures);
    }

    private static SubmissionOutcome Decide(MaintainableArtefact artefact, ExistingArtefact? stored, List<string> errors)
    {
        if (errors.Count > 0)
        {
            return SubmissionOutcome.Failed;
        }

        if (stored is null)
        {
            return SubmissionOutcome.Created;
        }

        if (stored.BodyHash == ArtefactJson.Hash(artefact))
        {
            return SubmissionOutcome.Unchanged;
        }

        if (stored.Artefact.IsFinal)
        {
            errors.Add($"{Describe(artefact.Ref)} is final in the registry and final artefacts are immutable; submit it under a new version");
            return SubmissionOutcome.Failed;
        }

        return SubmissionOutcome.Replaced;
    }

    private static List<string> CheckReferences(
        MaintainableArtefact artefact,
        Dictionary<ArtefactRef, MaintainableArtefact> submitted,
        Dictionary<MaintainableArtefact, SubmissionOutcome> outcomes,
        IReadOnlyDictionary<ArtefactRef, ExistingArtefact?> existing)
    {
        var problems = new List<string>();
        MaintainableArtefact? Resolve(ArtefactRef target, string role)
        {
            if (submitted.TryGetValue(target, out var inMessage))
            {
                if (outcomes[inMessage] == SubmissionOutcome.Failed)
                {
                    problems.Add($"{Describe(artefact.Ref)}: {role} {Describe(target)} failed in this submission");
                    return null;
                }

                return inMessage;
            }

            if (existing.TryGetValue(target, out var stored) && stored is not null)
            {
                return stored.Artefact;
            }

            problems.Add($"{Describe(artefact.Ref)}: {role} {Describe(target)} is neither in the registry nor in the submission");
            return null;
        }

        CheckReferencesOf(artefact, Resolve, problems);

        return problems;
    }

    /// <summary>Resolves every reference <paramref name="artefact"/> makes, by type, naming each one's role.</summary>
    private static void CheckReferencesOf(MaintainableArtefact artefact, Func<ArtefactRef, string, MaintainableArtefact?> resolve, List<string> problems)
    {
        switch (artefact)
        {
            case DataStructureDefinition dsd:
                foreach (var component in dsd.Components())
                {
                    CheckItem(component.ConceptIdentity, $"component {component.Id}: concept", resolve, problems, artefact);
                    if (component.LocalRepresentation?.Enumeration is { } codelist)
                    {
                        resolve(codelist, $"component {component.Id}: codelist");
                    }

                    foreach (var role in component.ConceptRoles)
                    {
                        CheckItem(role, $"component {component.Id}: concept role", resolve, problems, artefact);
                    }
                }

                break;
            case ConceptScheme scheme:
                foreach (var concept in scheme.Items.Where(c => c.CoreRepresentation?.Enumeration is not null))
                {
                    resolve(concept.CoreRepresentation!.Enumeration!, $"concept {concept.Id}: codelist");
                }

                break;
            case Categorisation categorisation:
                CheckItem(categorisation.Target, "target category", resolve, problems, artefact);
                foreach (var reference in artefact.References().Where(r => r != categorisation.Target?.Scheme))
                {
                    resolve(reference, "source");
                }

                break;
            case ProvisionAgreement agreement:
                CheckItem(agreement.DataProvider, "data provider", resolve, problems, artefact);
                if (agreement.StructureUsage is { } flow)
                {
                    resolve(flow, "dataflow");
                }

                break;
            case ContentConstraint constraint:
                foreach (var provider in constraint.DataProviders)
                {
                    CheckItem(provider, "data provider", resolve, problems, artefact);
                }

                foreach (var attachment in constraint.Attachments)
                {
                    resolve(attachment, "constrained artefact");
                }

                break;
            default:
                foreach (var reference in artefact.References())
                {
                    resolve(reference, reference.Type.ElementName());
                }

                break;
        }
    }

    private static void CheckItem(
        ItemRef? item,
        string role,
        Func<ArtefactRef, string, MaintainableArtefact?> resolve,
        List<string> problems,
        MaintainableArtefact owner)
    {
        if (item is null)
        {
            return;
        }

        var scheme = resolve(item.Scheme, $"{role} scheme");
        var found = scheme switch
        {
            null => true, // already reported
            ConceptScheme concepts => concepts.Find(item.ItemId) is not null,
            CategoryScheme categories => categories.Find(LastSegment(item.ItemId)) is not null,
            DataProviderScheme providers => providers.Find(item.ItemId) is not null,
            AgencyScheme agencies => agencies.Find(item.ItemId) is not null,
            DataConsumerScheme consumers => consumers.Find(item.ItemId) is not null,
            Codelist codes => codes.Find(item.ItemId) is not null,
            _ => false,
        };
        if (!found)
        {
            problems.Add($"{Describe(owner.Ref)}: {role} '{item.ItemId}' does not exist in {Describe(item.Scheme)}");
        }
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('.') + 1)..];

    /// <summary>"codelist IAEG-SDGs:CL_AREA(1.0)".</summary>
    public static string Describe(ArtefactRef reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return $"{reference.Type.ElementName()} {reference}";
    }
}
