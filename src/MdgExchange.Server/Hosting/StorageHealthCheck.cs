using MdgExchange.Domain.Structure;
using MdgExchange.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MdgExchange.Server.Hosting;

/// <summary>Healthy when the store answers a query.</summary>
internal sealed class StorageHealthCheck(IStructureStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ListAsync(ArtefactType.DataStructure, null, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the store does not answer", ex);
        }
    }
}
