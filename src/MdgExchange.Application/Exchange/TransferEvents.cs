using MdgExchange.Storage;

namespace MdgExchange.Application.Exchange;

/// <summary>
/// A transfer that starts and ends at one instant (a refusal, an invitation, a sign-up): recorded in one append,
/// whatever the caller's cancellation (the record of an attempt is never lost with it).
/// </summary>
internal static class TransferEvents
{
    public static async Task<Guid> RecordAsync(
        this ITransferStore transfers, DateTimeOffset at, string kind, string channel, string? sender, string? principal, string outcome, string? error, string? receiver = null)
    {
        var transfer = new Transfer
        {
            TransferId = Guid.NewGuid(),
            Kind = kind,
            Channel = channel,
            SenderOrganisation = sender,
            ReceiverOrganisation = receiver,
            Principal = principal,
            StartedAt = at,
            FinishedAt = at,
            Outcome = outcome,
            ErrorSummary = error,
        };
        await transfers.AppendAsync(transfer, CancellationToken.None);
        return transfer.TransferId;
    }
}
