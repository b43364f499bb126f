using MdgExchange.Application.Exchange;
using MdgExchange.Domain.Discrepancies;
using MdgExchange.Storage;

namespace MdgExchange.Application.Discrepancies;

/// <summary>A pair with its history: state moves, code changes and the consultation threads about it, in time order.</summary>
public sealed record PairDetails(DiscrepancyPair Pair, IReadOnlyList<PairEvent> History);

/// <summary>What an analysis found, summed for its caller: the pairs, the indicator of each series, how often each code applies.</summary>
public sealed record AnalysisSummary(Guid TransferId, IReadOnlyList<DiscrepancyPair> Pairs, IReadOnlyDictionary<string, string> Indicators, IReadOnlyDictionary<string, int> Codes);

/// <summary>Discrepancy pairs for every transport: run an analysis and sum it up, list pairs, one pair with its history.</summary>
public sealed class DiscrepancyQueries(DiscrepancyAnalysis analysis, IDiscrepancyStore store, PairConsultations consultations, IStructureStore structures)
{
    /// <summary>Most pairs one listing returns; a listing that asks for none or more gets <see cref="DefaultLimit"/>.</summary>
    public const int MaxLimit = 10_000;

    public const int DefaultLimit = 1000;

    /// <summary>Runs the analysis; the pairs in series, area, period, breakdown order.</summary>
    /// <exception cref="ExchangeRejectedException">The request names an unknown dataflow or a bad period.</exception>
    public async Task<AnalysisSummary> RunAsync(AnalysisRequest request, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        var (transferId, found) = await analysis.RunAsync(request, caller, cancellationToken);
        var pairs = found
            .OrderBy(p => p.Series, StringComparer.Ordinal).ThenBy(p => p.Area, StringComparer.Ordinal)
            .ThenBy(p => p.Period, StringComparer.Ordinal).ThenBy(p => p.Breakdown, StringComparer.Ordinal)
            .ToList();
        var ofSeries = await SeriesIndicators.LoadAsync(structures, cancellationToken);
        var indicators = pairs.Select(p => p.Series).Distinct(StringComparer.Ordinal)
            .Where(ofSeries.ContainsKey)
            .ToDictionary(s => s, s => ofSeries[s], StringComparer.Ordinal);
        var codes = pairs.SelectMany(p => p.ActiveCodes).GroupBy(c => c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new AnalysisSummary(transferId, pairs, indicators, codes);
    }

    /// <summary>The pairs matching the filter; a limit outside 1..<see cref="MaxLimit"/> is <see cref="DefaultLimit"/>.</summary>
    public Task<IReadOnlyList<DiscrepancyPair>> ListAsync(DiscrepancyFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return store.ListAsync(filter with { Limit = filter.Limit is > 0 and <= MaxLimit ? filter.Limit : DefaultLimit }, cancellationToken);
    }

    /// <exception cref="ExchangeNotFoundException">There is no such pair.</exception>
    public async Task<PairDetails> GetAsync(Guid pairId, CancellationToken cancellationToken)
    {
        var pair = await store.GetAsync(pairId, cancellationToken)
            ?? throw new ExchangeNotFoundException(Guid.Empty, "DiscrepancyPair", pairId.ToString(), $"pair {pairId} does not exist");
        return await DetailsAsync(pair, cancellationToken);
    }

    /// <summary>The pair's history merged with the consultation threads about it.</summary>
    public async Task<PairDetails> DetailsAsync(DiscrepancyPair pair, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var history = PairConsultations.Merge(await store.HistoryAsync(pair.PairId, cancellationToken), await consultations.ForAsync(pair, cancellationToken));
        return new PairDetails(pair, history);
    }
}
