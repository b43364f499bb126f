using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Registry;

/// <summary>Whether an artefact may be deleted.</summary>
public static class DeletionRules
{
    /// <summary>Null when the deletion is allowed, else the reason it is refused.</summary>
    public static string? Refusal(MaintainableArtefact artefact, IReadOnlyCollection<ArtefactRef> referencedBy)
    {
        ArgumentNullException.ThrowIfNull(artefact);
        ArgumentNullException.ThrowIfNull(referencedBy);
        if (referencedBy.Count > 0)
        {
            return $"{SubmissionPlanner.Describe(artefact.Ref)} is referenced by {string.Join(", ", referencedBy.Select(SubmissionPlanner.Describe))}; delete or change those first";
        }

        if (artefact.IsFinal)
        {
            return $"{SubmissionPlanner.Describe(artefact.Ref)} is final; final artefacts are immutable and cannot be deleted";
        }

        return null;
    }
}
