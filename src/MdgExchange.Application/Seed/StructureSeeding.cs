using MdgExchange.Application.Configuration;
using MdgExchange.Application.Registry;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;

namespace MdgExchange.Application.Seed;

/// <summary>What a fresh install needs in its registry (the SDG structures, <see cref="SeedArtefacts"/>), stored once.</summary>
public sealed class StructureSeeding(IStructureStore store, StructureRegistry registry, ILogger<StructureSeeding> logger)
{
    /// <summary>Submits the seed artefacts the registry lacks; returns them (none when all are there).</summary>
    /// <exception cref="InvalidOperationException">The registry refused a seed artefact.</exception>
    public async Task<IReadOnlyList<ArtefactRef>> SeedAsync(CancellationToken cancellationToken)
    {
        var missing = new List<MaintainableArtefact>();
        foreach (var artefact in SeedArtefacts.Load())
        {
            if (await store.GetAsync(artefact.Ref, cancellationToken) is null)
            {
                missing.Add(artefact);
            }
        }

        if (missing.Count == 0)
        {
            Log.SeedPresent(logger);
            return [];
        }

        var result = await registry.SubmitAsync(missing, partial: false, new SubmissionContext("seed", "sdmx-ml-2.1-structure", "system", "seed", "seed"), cancellationToken);
        if (result.Plan.HasFailures)
        {
            throw new InvalidOperationException("Seeding failed: " + string.Join("; ", result.Plan.Artefacts.SelectMany(a => a.Messages)));
        }

        Log.Seeded(logger, missing.Count, string.Join(", ", missing.Select(a => a.Ref.ToString())));
        return missing.Select(a => a.Ref).ToList();
    }
}
