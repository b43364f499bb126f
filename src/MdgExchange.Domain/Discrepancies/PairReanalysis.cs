namespace MdgExchange.Domain.Discrepancies;

/// <summary>
/// What saving an analysis does to a pair: the rule every store applies, written once (no SQL). A pair found for the
/// first time is raised; a pair found again keeps its identity, its reconciliation state, its first finding and every
/// code a person decided on, while the analysis's values and its still-proposed automatic codes replace the old ones.
/// </summary>
public static class PairReanalysis
{
    /// <summary>A pair the store has not seen: raised now, every analysed code new.</summary>
    public static DiscrepancyPair FirstFound(DiscrepancyPair analysed, Guid pairId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(analysed);
        return analysed with
        {
            PairId = pairId,
            State = ReconciliationStates.Raised,
            FirstFoundAt = at.ToUniversalTime(),
            AnalysedAt = at.ToUniversalTime(),
        };
    }

    /// <summary>A pair the store holds: its id, state and first finding stay; the values are the analysis's.</summary>
    public static DiscrepancyPair FoundAgain(DiscrepancyPair analysed, Guid pairId, string state, DateTimeOffset firstFoundAt, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(analysed);
        return analysed with
        {
            PairId = pairId,
            State = state,
            FirstFoundAt = firstFoundAt.ToUniversalTime(),
            AnalysedAt = at.ToUniversalTime(),
        };
    }

    /// <summary>
    /// Whether a stored code gives way to the new analysis: only an automatic code still proposed. A code someone
    /// confirmed or removed, and a code a person added, stay.
    /// </summary>
    public static bool IsReplaced(PairCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Origin == PairCode.Automatic && code.Status == PairCode.Proposed;
    }

    /// <summary>
    /// The analysis's codes that go onto a known pair: not one the pair keeps already (confirmed, removed or manual),
    /// so that a removed code does not come back as proposed.
    /// </summary>
    public static List<PairCode> NewCodes(IReadOnlyList<PairCode> analysed, IReadOnlyCollection<PairCode> kept)
    {
        ArgumentNullException.ThrowIfNull(analysed);
        ArgumentNullException.ThrowIfNull(kept);
        var keptCodes = kept.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        return analysed.Where(c => !keptCodes.Contains(c.Code)).ToList();
    }

    /// <summary>The pair as saved: the kept codes and the new ones, in the order every read gives them.</summary>
    public static DiscrepancyPair Saved(DiscrepancyPair pair, IEnumerable<PairCode> kept, IEnumerable<PairCode> added)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return pair with { Codes = Ordered(kept.Concat(added.Select(c => c with { At = c.At.ToUniversalTime() }))) };
    }

    /// <summary>Codes in the order every read gives them: by code, then origin.</summary>
    public static List<PairCode> Ordered(IEnumerable<PairCode> codes) =>
        codes.OrderBy(c => c.Code, StringComparer.Ordinal).ThenBy(c => c.Origin, StringComparer.Ordinal).ToList();
}
