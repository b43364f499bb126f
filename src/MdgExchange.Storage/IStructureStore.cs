using MdgExchange.Domain.Structure;

namespace MdgExchange.Storage;

/// <summary>A stored artefact with its bookkeeping.</summary>
public sealed record StoredArtefact(MaintainableArtefact Artefact, string BodyHash, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One line of an artefact listing.</summary>
public sealed record ArtefactSummary(ArtefactRef Ref, bool IsFinal, string Name, DateTimeOffset UpdatedAt);

/// <summary>What to do with one artefact in <see cref="IStructureStore.SaveAsync"/>.</summary>
public enum ArtefactWrite
{
    Create,
    Replace,
}

/// <summary>A create or replace of one artefact.</summary>
public sealed record ArtefactChange(ArtefactWrite Write, MaintainableArtefact Artefact);

/// <summary>
/// The registry of maintainable artefacts. Each artefact is stored whole (canonical JSON) with its outgoing
/// references and, for codelists, one row per code so codes can be read without loading the list.
/// </summary>
public interface IStructureStore
{
    /// <summary>The artefact, or null. A <c>latest</c> version resolves to the highest version stored.</summary>
    Task<StoredArtefact?> GetAsync(ArtefactRef reference, CancellationToken cancellationToken);

    /// <summary>Artefacts, optionally filtered by type and agency, ordered by type, agency, id, version.</summary>
    Task<IReadOnlyList<ArtefactSummary>> ListAsync(ArtefactType? type, string? agencyId, CancellationToken cancellationToken);

    /// <summary>The artefacts that refer to <paramref name="reference"/> (exact version).</summary>
    Task<IReadOnlyList<ArtefactRef>> ReferencedByAsync(ArtefactRef reference, CancellationToken cancellationToken);

    /// <summary>Every change is applied in one transaction: all of them or none.</summary>
    Task SaveAsync(IReadOnlyList<ArtefactChange> changes, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the artefact (exact version); false when it did not exist.</summary>
    Task<bool> DeleteAsync(ArtefactRef reference, CancellationToken cancellationToken);

    /// <summary>The codes of a codelist (exact version, or latest) in their stored order; empty when there is no such codelist.</summary>
    Task<IReadOnlyList<Code>> GetCodesAsync(ArtefactRef codelist, CancellationToken cancellationToken);
}
