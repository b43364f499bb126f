using MdgExchange.Domain.Inventory;
using MdgExchange.Storage;

namespace MdgExchange.Application.Inventory;

/// <summary>
/// The inventory over the flow index of the transfer log: flow keys are read once, rolled up (series to indicator,
/// subnational area to country) and filtered; then the events of the selected flows are read in one ordered scan
/// and added up: counts, first and last, rejected share, the median interval, volumes, and the lags from each
/// national push (and revision) to each agency's next pull. The chain adds what the data store holds.
/// </summary>
public sealed partial class TransferInventory(ITransferStore transfers, IKeyStore keys, IStructureStore structures, IDataStore data, Exchange.DataflowSchemas schemas, TimeProvider clock) : IInventory
{
    private sealed record FlowKey(string Indicator, string? Series, string Country, string Sender, string Receiver, string Kind, string Channel, string Format);

    private sealed class Accumulator(FlowKey key)
    {
        public FlowKey Key { get; } = key;
        public List<(long At, bool Rejected, bool Revised)> Events { get; } = [];
        public long Series { get; set; }
        public long Observations { get; set; }
        public string? LastError { get; set; }
        public DateTimeOffset? LastErrorAt { get; set; }
    }

    public async Task<InventoryResult> ComputeAsync(InventoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (context, groups, counts) = await ScanAsync(query, cancellationToken);
        var flows = new List<InventoryFlow>();
        foreach (var group in groups)
        {
            if (group.Events.Count == 0)
            {
                continue;
            }

            var (pullLag, revisionLag, waiting) = group.Key.Kind == "pull" ? Lags(group, groups) : (null, null, 0L);
            var times = group.Events.Select(e => e.At).ToList();
            var key = group.Key;
            flows.Add(new InventoryFlow
            {
                Indicator = key.Indicator,
                Series = key.Series,
                Country = key.Country,
                Sender = key.Sender,
                Receiver = key.Receiver,
                Direction = context.Direction(key.Sender, key.Receiver, key.Kind),
                Kind = key.Kind,
                Channel = key.Channel,
                Format = key.Format,
                Goal = ThematicAreas.GoalOf(key.Indicator),
                Target = ThematicAreas.TargetOf(key.Indicator),
                ThematicArea = ThematicAreas.Of(key.Indicator),
                FirstTransfer = DateTimeOffset.FromUnixTimeMilliseconds(times[0]),
                LastTransfer = DateTimeOffset.FromUnixTimeMilliseconds(times[^1]),
                Transfers = times.Count,
                Rejected = group.Events.Count(e => e.Rejected),
                MedianInterval = Median(times.Zip(times.Skip(1), (a, b) => b - a)),
                SeriesCount = group.Series,
                Observations = group.Observations,
                LastError = group.LastError,
                LastErrorAt = group.LastErrorAt,
                MedianPullLag = pullLag,
                MedianRevisionLag = revisionLag,
                PushesNotYetPulled = waiting,
            });
        }

        flows.Sort(FlowOrder);
        return new InventoryResult(query, flows, Gaps(context, flows), counts.Transfers, clock.GetUtcNow()) { RejectedTransfers = counts.Rejected };
    }

    /// <summary>Reads the flow keys and the events of the flows the query selects, grouped by rolled-up flow key.</summary>
    private async Task<(InventoryContext Context, List<Accumulator> Groups, (long Transfers, long Rejected) Counts)> ScanAsync(InventoryQuery query, CancellationToken cancellationToken)
    {
        var stored = await transfers.ListFlowsAsync(cancellationToken);
        var context = await InventoryContext.LoadAsync(structures, keys, stored, cancellationToken);
        var byKey = new Dictionary<FlowKey, Accumulator>();
        var byPk = new Dictionary<long, Accumulator>();
        foreach (var flow in stored)
        {
            var indicator = context.IndicatorOf(flow.Code);
            var key = new FlowKey(indicator, InventoryContext.IsIndicator(flow.Code) ? null : flow.Code, context.CountryOf(flow.RefArea), flow.Sender, flow.Receiver, flow.Kind, flow.Channel, flow.Format);
            if (!Selected(key, query))
            {
                continue;
            }

            if (!byKey.TryGetValue(key, out var group))
            {
                byKey[key] = group = new Accumulator(key);
            }

            if (flow.LastErrorAt is { } at && (group.LastErrorAt is null || at > group.LastErrorAt) && InRange(at, query))
            {
                (group.LastError, group.LastErrorAt) = (flow.LastError, at);
            }

            byPk[flow.FlowPk] = group;
        }

        var multiple = byKey.Values.ToDictionary(g => g, _ => 0);
        foreach (var pk in byPk)
        {
            multiple[pk.Value]++;
        }

        // Every flow selected: one scan of them all; a few: a seek for each.
        var wanted = byPk.Count * 2 >= stored.Count ? null : byPk.Keys.ToList();
        await foreach (var e in transfers.FlowEventsAsync(query.From, query.To, wanted, cancellationToken))
        {
            if (byPk.TryGetValue(e.FlowPk, out var group))
            {
                group.Events.Add((e.AtMs, e.Rejected, e.Revised));
                group.Series += e.Series;
                group.Observations += e.Observations;
            }
        }

        // A group made of several stored flows (a country's subnational areas) interleaves their events.
        foreach (var (group, parts) in multiple)
        {
            if (parts > 1)
            {
                group.Events.Sort((a, b) => a.At.CompareTo(b.At));
            }
        }

        // The headline counts each transfer once, however many of the selected flows it feeds.
        var counts = byPk.Count == 0 ? (0L, 0L) : await transfers.CountTransfersAsync(query.From, query.To, byPk.Keys, cancellationToken);
        return (context, byKey.Values.ToList(), counts);
    }

    private static bool Selected(FlowKey key, InventoryQuery query) =>
        (query.Country is null || key.Country == query.Country)
        && (query.Organisation is null || key.Sender == query.Organisation || key.Receiver == query.Organisation)
        && (query.Indicator is null || key.Indicator == query.Indicator || key.Series == query.Indicator)
        && (query.Target is null || ThematicAreas.TargetOf(key.Indicator) == query.Target)
        && (query.Goal is null || ThematicAreas.GoalOf(key.Indicator) == query.Goal)
        && (query.ThematicArea is null || ThematicAreas.Of(key.Indicator) == query.ThematicArea);

    private static bool InRange(DateTimeOffset at, InventoryQuery query) => (query.From is null || at >= query.From) && (query.To is null || at < query.To);

    /// <summary>
    /// For a pull flow (sender S's series X of country C pulled by R): each completed push of X for C by S, to R's
    /// next pull at or after it; the median over those pulled, and how many pushes are still waiting.
    /// </summary>
    private static (TimeSpan? PullLag, TimeSpan? RevisionLag, long Waiting) Lags(Accumulator pull, List<Accumulator> groups)
    {
        var pulls = pull.Events.Where(e => !e.Rejected).Select(e => e.At).ToArray();
        var pushes = groups
            .Where(g => g.Key.Kind == "push" && g.Key.Sender == pull.Key.Sender && g.Key.Series == pull.Key.Series && g.Key.Country == pull.Key.Country)
            .SelectMany(g => g.Events).Where(e => !e.Rejected).OrderBy(e => e.At).ToList();
        var lags = new List<long>();
        var revisionLags = new List<long>();
        long waiting = 0;
        foreach (var push in pushes)
        {
            var index = Array.BinarySearch(pulls, push.At);
            index = index < 0 ? ~index : index;
            if (index >= pulls.Length)
            {
                waiting++;
                continue;
            }

            lags.Add(pulls[index] - push.At);
            if (push.Revised)
            {
                revisionLags.Add(pulls[index] - push.At);
            }
        }

        return (Median(lags), Median(revisionLags), waiting);
    }

    private static TimeSpan? Median(IEnumerable<long> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        var value = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return TimeSpan.FromMilliseconds(value);
    }

    /// <summary>
    /// Series a country pushed that no agency pulled; series an agency pushed for a country with no national push of
    /// any series of the same indicator behind them.
    /// </summary>
    private static List<InventoryGap> Gaps(InventoryContext context, List<InventoryFlow> flows)
    {
        var gaps = new List<InventoryGap>();
        var completed = flows.Where(f => f.Transfers > f.Rejected).ToList();
        var nationalPushes = completed.Where(f => f.Kind == "push" && context.KindOf(f.Sender) == "national").ToList();
        foreach (var push in nationalPushes.GroupBy(f => (f.Series, f.Country, f.Sender)))
        {
            var (series, country, sender) = push.Key;
            if (!completed.Any(f => f.Kind == "pull" && f.Series == series && f.Country == country && f.Sender == sender && context.KindOf(f.Receiver) == "agency"))
            {
                var first = push.First();
                gaps.Add(new InventoryGap(InventoryGap.NotPulled, first.Indicator, series, country, sender,
                    $"{sender} pushed {series} for {country} ({push.Sum(f => f.Transfers - f.Rejected)} transfer(s), last {push.Max(f => f.LastTransfer):u}); no agency has pulled it"));
            }
        }

        foreach (var publication in completed.Where(f => f.Kind == "push" && context.KindOf(f.Sender) == "agency").GroupBy(f => (f.Indicator, f.Series, f.Country, f.Sender)))
        {
            var (indicator, series, country, agency) = publication.Key;
            if (!nationalPushes.Any(f => f.Country == country && (f.Indicator == indicator && indicator.Length > 0 || f.Series == series)))
            {
                gaps.Add(new InventoryGap(InventoryGap.NoNationalTransfer, indicator, series, country, agency,
                    $"{agency} published {series} for {country}; no national body pushed indicator {(indicator.Length > 0 ? indicator : series)} for {country}"));
            }
        }

        return gaps.OrderBy(g => g.Kind, StringComparer.Ordinal).ThenBy(g => g.Indicator, StringComparer.Ordinal).ThenBy(g => g.Country, StringComparer.Ordinal).ThenBy(g => g.Organisation, StringComparer.Ordinal).ToList();
    }

    private static int FlowOrder(InventoryFlow a, InventoryFlow b)
    {
        var byIndicator = CompareNotation(a.Indicator, b.Indicator);
        return byIndicator != 0 ? byIndicator
            : string.CompareOrdinal(a.Series, b.Series) is var s and not 0 ? s
            : string.CompareOrdinal(a.Country, b.Country) is var c and not 0 ? c
            : string.CompareOrdinal(a.Sender, b.Sender) is var f and not 0 ? f
            : string.CompareOrdinal(a.Receiver, b.Receiver) is var r and not 0 ? r
            : string.CompareOrdinal(a.Kind, b.Kind);
    }

    /// <summary>3.2.1 before 3.10.1; letters (1.a.1) after numbers.</summary>
    private static int CompareNotation(string a, string b)
    {
        var pa = a.Split('.');
        var pb = b.Split('.');
        for (var i = 0; i < Math.Min(pa.Length, pb.Length); i++)
        {
            var na = int.TryParse(pa[i], out var x);
            var nb = int.TryParse(pb[i], out var y);
            var c = na && nb ? x.CompareTo(y) : na ? -1 : nb ? 1 : string.CompareOrdinal(pa[i], pb[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return pa.Length.CompareTo(pb.Length);
    }
}
