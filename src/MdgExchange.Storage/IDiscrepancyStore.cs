using MdgExchange.Domain.Discrepancies;

namespace MdgExchange.Storage;

/// <summary>Which pairs to list; null filters match everything.</summary>
public sealed record DiscrepancyFilter(
    string? Dataflow = null,
    IReadOnlyCollection<string>? Series = null,
    IReadOnlyCollection<string>? Areas = null,
    string? Period = null,
    string? State = null,
    string? Code = null,
    string? Organisation = null,
    int Limit = 1000);

/// <summary>National/international pairs, their typology codes, reconciliation state and history.</summary>
public interface IDiscrepancyStore
{
    /// <summary>
    /// Stores the pairs an analysis found, all or none. A pair is identified by dataflow, series, area, period and
    /// breakdown: a new one is inserted in state raised with its codes; a known one keeps its id, state, first-found
    /// time and every manual, confirmed or removed code, gets the new values and difference, and its automatic
    /// proposed codes are replaced by the new analysis's. Returns the stored pairs (with their ids) in the order given.
    /// </summary>
    Task<IReadOnlyList<DiscrepancyPair>> SaveAnalysisAsync(IReadOnlyList<DiscrepancyPair> pairs, DateTimeOffset at, CancellationToken cancellationToken);

    Task<DiscrepancyPair?> GetAsync(Guid pairId, CancellationToken cancellationToken);

    /// <summary>Pairs matching the filter (a code filter matches active codes), by series, area, period and breakdown.</summary>
    Task<IReadOnlyList<DiscrepancyPair>> ListAsync(DiscrepancyFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Records a step of a pair's history and applies it, atomically: a state move sets the state (only if the pair
    /// is still in <see cref="PairEvent.FromState"/>, else false and nothing is written); a code confirmed or removed
    /// sets that code's status, by and reason; a code added inserts a manual confirmed code.
    /// </summary>
    Task<bool> RecordAsync(PairEvent step, CancellationToken cancellationToken);

    /// <summary>The history of a pair, oldest first.</summary>
    Task<IReadOnlyList<PairEvent>> HistoryAsync(Guid pairId, CancellationToken cancellationToken);
}
