using System.Collections.Concurrent;
using MdgExchange.Storage;

namespace MdgExchange.Application.Exchange;

/// <summary>
/// Transfer id → sending organisation, looked up in the transfer log once per process (transfers never change):
/// the owners of pulled values for the flow inventory, and the providers of a REST <c>providerRef</c>.
/// </summary>
internal static class TransferSenders
{
    private const int MaxCached = 100_000;

    private static readonly ConcurrentDictionary<Guid, string> Senders = new();

    /// <summary>The sender when it has been looked up already.</summary>
    public static bool TryGet(Guid transferId, out string sender) => Senders.TryGetValue(transferId, out sender!);

    /// <summary>The organisation that sent the transfer, or null when the log has none (or no such transfer).</summary>
    public static async ValueTask<string?> GetAsync(ITransferStore transfers, Guid transferId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transfers);
        if (Senders.TryGetValue(transferId, out var known))
        {
            return known;
        }

        if (await transfers.GetAsync(transferId, cancellationToken) is not { SenderOrganisation: { Length: > 0 } sender })
        {
            return null;
        }

        if (Senders.Count > MaxCached)
        {
            Senders.Clear();
        }

        Senders[transferId] = sender;
        return sender;
    }
}
