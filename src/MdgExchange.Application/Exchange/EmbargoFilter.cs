using MdgExchange.Storage;

namespace MdgExchange.Application.Exchange;

/// <summary>
/// Who sees a value pushed under embargo before its release: the organisation that pushed it, those it shared it
/// with, the coordinator and the admin. To everyone else it does not exist. Decided per transfer, looked up once
/// per pull.
/// </summary>
internal sealed class EmbargoFilter(ITransferStore transfers, ExchangeCaller caller, DateTimeOffset now)
{
    private readonly Dictionary<Guid, bool> _seen = [];

    /// <summary>The observations the caller may see (the same list when none is under embargo).</summary>
    public async ValueTask<IReadOnlyList<StoredObservation>> VisibleAsync(IReadOnlyList<StoredObservation> observations, CancellationToken cancellationToken)
    {
        if (caller.ReadsForAnyone || !observations.Any(o => o.EmbargoUntil > now))
        {
            return observations;
        }

        var visible = new List<StoredObservation>(observations.Count);
        foreach (var observation in observations)
        {
            if (observation.EmbargoUntil is not { } until || until <= now || await SeesAsync(observation.TransferId, cancellationToken))
            {
                visible.Add(observation);
            }
        }

        return visible;
    }

    /// <summary>Whether the caller may see the values a transfer pushed, now: released, or the caller is among those who see them early.</summary>
    public static bool Sees(Transfer transfer, ExchangeCaller caller, DateTimeOffset now) =>
        caller.ReadsForAnyone || transfer.EmbargoUntil is not { } until || until <= now || (caller.Organisation is { } organisation && SharedWith(transfer, organisation));

    private static bool SharedWith(Transfer transfer, string organisation) =>
        transfer.SenderOrganisation == organisation || (transfer.SharedWith ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(organisation, StringComparer.Ordinal);

    private async ValueTask<bool> SeesAsync(Guid transferId, CancellationToken cancellationToken)
    {
        if (caller.Organisation is not { } organisation)
        {
            return false;
        }

        if (!_seen.TryGetValue(transferId, out var sees))
        {
            var transfer = await transfers.GetAsync(transferId, cancellationToken);
            sees = transfer is not null && SharedWith(transfer, organisation);
            _seen[transferId] = sees;
        }

        return sees;
    }
}
