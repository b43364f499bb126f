using MdgExchange.Storage;

namespace MdgExchange.Application.Exchange;

/// <summary>
/// Keeps only values whose transfer one of the providers sent (SDMX REST <c>providerRef</c>, the portal's filter);
/// senders are looked up once per process (<see cref="TransferSenders"/>). No providers: everything passes.
/// </summary>
public sealed class SenderFilter(IReadOnlyList<string>? providers, ITransferStore transfers)
{
    /// <summary>Whether the value of a transfer passes; null when the filter keeps everything.</summary>
    public Func<Guid, bool>? Allows => providers is null ? null : id => TransferSenders.TryGet(id, out var sender) && providers.Contains(sender, StringComparer.Ordinal);

    /// <summary>Looks up the senders of the observations' transfers not seen yet; call before <see cref="Allows"/>.</summary>
    public async ValueTask LoadAsync(IReadOnlyList<StoredObservation> observations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (providers is null)
        {
            return;
        }

        foreach (var observation in observations)
        {
            if (!TransferSenders.TryGet(observation.TransferId, out _))
            {
                await TransferSenders.GetAsync(transfers, observation.TransferId, cancellationToken);
            }
        }
    }
}
