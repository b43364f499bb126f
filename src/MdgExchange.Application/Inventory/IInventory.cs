using MdgExchange.Domain.Inventory;

namespace MdgExchange.Application.Inventory;

/// <summary>Computes the information-flow inventory from the recorded transfers.</summary>
public interface IInventory
{
    /// <summary>Flows and gaps for the filters.</summary>
    Task<InventoryResult> ComputeAsync(InventoryQuery query, CancellationToken cancellationToken);

    /// <summary>How one indicator travels for one country.</summary>
    Task<IndicatorChain> ChainAsync(string indicator, string country, InventoryQuery query, CancellationToken cancellationToken);
}

/// <summary>A filter value the inventory cannot use (an unknown thematic area, a malformed indicator); names the field.</summary>
public sealed class InventoryQueryException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
