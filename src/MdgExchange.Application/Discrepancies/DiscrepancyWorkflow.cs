using MdgExchange.Domain.Data;
using MdgExchange.Domain.Discrepancies;
using MdgExchange.Application.Exchange;
using MdgExchange.Storage;

namespace MdgExchange.Application.Discrepancies;

/// <summary>
/// Moves pairs through the reconciliation workflow and changes their codes: every step by a party of the pair (the
/// national body, the agency that published the international value) or the coordinator, with a comment, kept as
/// history that both sides see. Refusals are recorded as transfers like every other.
/// </summary>
public sealed class DiscrepancyWorkflow(IDiscrepancyStore store, ITransferStore transfers, TimeProvider clock)
{
    public const string Confirm = "confirm";
    public const string Remove = "remove";
    public const string Add = "add";

    public async Task<DiscrepancyPair> MoveAsync(Guid pairId, string toState, string comment, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        var (pair, record) = await LoadAsync(pairId, comment, "discrepancy-move", caller, cancellationToken);
        var side = SideOf(pair, caller);
        if (IsState(toState) && ReconciliationStates.NotTheirs(toState, side) is { } notTheirs)
        {
            throw await record.DenyAsync(notTheirs, [new DataViolation("to_state", notTheirs)]);
        }

        if (ReconciliationStates.Refusal(pair.State, toState, side) is { } why)
        {
            await record.FinishAsync("rejected", why);
            throw new ExchangeRejectedException(record.TransferId, why, [new DataViolation("to_state", why)]);
        }

        var step = new PairEvent(pairId, clock.GetUtcNow(), caller.Organisation ?? "", caller.Principal, PairEvent.StateMove, pair.State, toState, null, comment.Trim());
        if (!await store.RecordAsync(step, cancellationToken))
        {
            var stale = $"the pair moved meanwhile (it is no longer {pair.State}); read it again";
            await record.FinishAsync("rejected", stale);
            throw new ExchangeRejectedException(record.TransferId, stale, [new DataViolation("to_state", stale)]);
        }

        await record.FinishAsync("completed", null);
        return (await store.GetAsync(pairId, cancellationToken))!;
    }

    public async Task<DiscrepancyPair> ChangeCodeAsync(Guid pairId, string code, string action, string reason, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        var (pair, record) = await LoadAsync(pairId, reason, "discrepancy-code", caller, cancellationToken);
        if (SideOf(pair, caller) == PartySide.None)
        {
            const string Why = "only the national body, the agency that published the international value, or the coordinator may change a pair's codes";
            throw await record.DenyAsync(Why, [new DataViolation("pair_id", Why)]);
        }

        var violations = new List<DataViolation>();
        if (DiscrepancyTypology.All.All(t => t.Code != code))
        {
            violations.Add(new("code", $"'{code}' is not a typology code; use {string.Join(", ", DiscrepancyTypology.All.Select(t => t.Code))}"));
        }

        var kind = action switch
        {
            Confirm => PairEvent.CodeConfirmed,
            Remove => PairEvent.CodeRemoved,
            Add => PairEvent.CodeAdded,
            _ => null,
        };
        if (kind is null)
        {
            violations.Add(new("action", $"'{action}' is not confirm, remove or add"));
        }
        else if (kind != PairEvent.CodeAdded && pair.Codes.All(c => c.Code != code))
        {
            violations.Add(new("code", $"the pair has no code {code} to {action}"));
        }
        else if (kind == PairEvent.CodeAdded && pair.ActiveCodes.Contains(code))
        {
            violations.Add(new("code", $"the pair already carries {code}"));
        }

        if (violations.Count > 0)
        {
            await record.FinishAsync("rejected", string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")));
            throw new ExchangeRejectedException(record.TransferId, "the code change is invalid", violations);
        }

        await store.RecordAsync(new PairEvent(pairId, clock.GetUtcNow(), caller.Organisation ?? "", caller.Principal, kind!, null, null, code, reason.Trim()), cancellationToken);
        await record.FinishAsync("completed", null);
        return (await store.GetAsync(pairId, cancellationToken))!;
    }

    private static bool IsState(string state) => ReconciliationStates.All.Contains(state);

    /// <summary>Which party of the pair the caller is.</summary>
    public static PartySide SideOf(DiscrepancyPair pair, ExchangeCaller caller)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Has(Security.Roles.Coordinator) ? PartySide.Coordinator
            : caller.Organisation is { } org && org == pair.InternationalOrganisation ? PartySide.International
            : caller.Organisation is { } own && own == pair.NationalOrganisation ? PartySide.National
            : PartySide.None;
    }

    private async Task<(DiscrepancyPair Pair, TransferRecorder Record)> LoadAsync(Guid pairId, string comment, string kind, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        var transferId = Guid.NewGuid();
        var record = new TransferRecorder(transfers, clock, transferId, clock.GetUtcNow(), caller, null, kind) { Sender = caller.Organisation, Format = "protobuf" };
        if (await store.GetAsync(pairId, cancellationToken) is not { } pair)
        {
            await record.FinishAsync("rejected", $"pair {pairId} does not exist");
            throw new ExchangeNotFoundException(transferId, "DiscrepancyPair", pairId.ToString(), $"pair {pairId} does not exist");
        }

        record.Touch(pair.Series, pair.Area);
        record.Receiver = SideOf(pair, caller) == PartySide.National ? pair.InternationalOrganisation : pair.NationalOrganisation;
        if (string.IsNullOrWhiteSpace(comment))
        {
            const string Why = "a comment (why) is required: it is kept in the pair's history for both sides";
            await record.FinishAsync("rejected", Why);
            throw new ExchangeRejectedException(transferId, Why, [new DataViolation("comment", Why)]);
        }

        return (pair, record);
    }
}
