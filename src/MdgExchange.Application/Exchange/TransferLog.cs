using MdgExchange.Application.Security;
using MdgExchange.Domain.Data;
using MdgExchange.Storage;

namespace MdgExchange.Application.Exchange;

/// <summary>
/// Reading the transfer log, for every transport. Coordinators and admins read every transfer; other callers only
/// those their organisation sent or received: asking for another's is refused (and recorded), and a single transfer of
/// others is not found to them, never a hint.
/// </summary>
public sealed class TransferLog(ITransferStore transfers, AccessGate gate)
{
    /// <summary>Most transfers one listing returns.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>Transfers matching the filter, newest first; a limit of 0 means 100.</summary>
    /// <exception cref="ExchangeRejectedException">The limit is out of range.</exception>
    /// <exception cref="ExchangeDeniedException">A caller who reads only its own organisation's transfers asked for another's.</exception>
    public async Task<IReadOnlyList<Transfer>> ListAsync(TransferFilter filter, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(caller);
        if (filter.Limit is < 0 or > MaxLimit)
        {
            throw new ExchangeRejectedException(Guid.Empty, "the transfer listing is invalid", [new DataViolation("limit", $"limit must be between 0 and {MaxLimit}")]);
        }

        var organisation = filter.Organisation;
        if (!caller.ReadsForAnyone)
        {
            organisation ??= caller.Organisation;
            if (organisation != caller.Organisation)
            {
                var why = $"{caller.Principal} acts for {caller.Organisation} and reads only its own transfers, not those of {organisation}";
                var refusal = await gate.RecordRefusalAsync(Operations.TransfersRead, Who(caller), caller.Channel, $"PERMISSION_DENIED: {why}");
                throw new ExchangeDeniedException(refusal, why);
            }
        }

        return await transfers.QueryAsync(filter with { Organisation = organisation, Limit = filter.Limit == 0 ? 100 : filter.Limit }, cancellationToken);
    }

    /// <summary>One transfer the caller may see.</summary>
    /// <exception cref="ExchangeNotFoundException">There is none with that id, or it is another organisation's.</exception>
    public async Task<Transfer> GetAsync(Guid transferId, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var transfer = await transfers.GetAsync(transferId, cancellationToken);
        if (transfer is not null && !caller.ReadsForAnyone
            && transfer.SenderOrganisation != caller.Organisation && transfer.ReceiverOrganisation != caller.Organisation)
        {
            transfer = null;
        }

        return transfer ?? throw new ExchangeNotFoundException(Guid.Empty, "Transfer", transferId.ToString(), $"transfer {transferId} does not exist");
    }

    private static Caller Who(ExchangeCaller caller) =>
        new(caller.Principal ?? "unknown", caller.Organisation, caller.Roles ?? new HashSet<string>(StringComparer.Ordinal));
}
