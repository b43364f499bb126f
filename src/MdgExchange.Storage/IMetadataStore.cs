using MdgExchange.Domain.Metadata;

namespace MdgExchange.Storage;

/// <summary>Reference-metadata reports with their version history.</summary>
public interface IMetadataStore
{
    /// <summary>
    /// Stores each report as the next version of its set (<see cref="MetadataReport.Organisation"/>,
    /// <see cref="MetadataReport.SetId"/>), closing the set's current version at <paramref name="at"/>; all the reports
    /// or none. Returns the stored reports with their versions, in the order given.
    /// </summary>
    Task<IReadOnlyList<MetadataReport>> SubmitAsync(IReadOnlyList<MetadataReport> reports, Guid transferId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// The reports matching the query: the version valid at <see cref="MetadataQuery.AsOf"/> (the current one when null)
    /// of each set, or every version when <see cref="MetadataQuery.AllVersions"/>; ordered by organisation, set and version.
    /// </summary>
    Task<IReadOnlyList<MetadataReport>> ListAsync(MetadataQuery query, CancellationToken cancellationToken);
}
