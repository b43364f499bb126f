using MdgExchange.Domain.Inventory;

namespace MdgExchange.Server.Inventory;

/// <summary>The inventory over the transfer log (being written: returns nothing yet).</summary>
public sealed class TransferInventory(TimeProvider clock) : IInventory
{
    public Task<InventoryResult> ComputeAsync(InventoryQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(new InventoryResult(query, [], [], 0, clock.GetUtcNow()));

    public Task<IndicatorChain> ChainAsync(string indicator, string country, InventoryQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(new IndicatorChain(indicator, country, [], [], [], []));
}
