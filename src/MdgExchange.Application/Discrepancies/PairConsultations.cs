using MdgExchange.Domain.Discrepancies;
using MdgExchange.Domain.Structure;
using MdgExchange.Application.Exchange;
using MdgExchange.Storage;

namespace MdgExchange.Application.Discrepancies;

/// <summary>A stored series on one side of a pair.</summary>
public sealed record PairSeries(string Dataflow, string SeriesKey, string ReportingType);

/// <summary>
/// The consultation questions and answers annotated on the series of a pair (either side, after the registered
/// series-code mappings and area aliases, in the pair's dataflow or another dataflow of its DSD), on the whole series
/// or on the pair's period: they belong to the pair's history next to its state moves.
/// </summary>
public sealed class PairConsultations(IDataStore data, IStructureStore structures, DiscrepancyMappings mappings)
{
    private static readonly HashSet<string> KeyParts = new(StringComparer.Ordinal) { "FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA" };

    /// <summary>The pair's question and answer annotations as history entries (kind consultation-question or -answer), oldest first.</summary>
    public async Task<IReadOnlyList<PairEvent>> ForAsync(DiscrepancyPair pair, CancellationToken cancellationToken)
    {
        var entries = new List<PairEvent>();
        foreach (var group in (await SeriesOfAsync(pair, cancellationToken)).GroupBy(s => s.Dataflow, StringComparer.Ordinal))
        {
            entries.AddRange((await data.ListAnnotationsAsync(group.Key, group.Select(s => s.SeriesKey).ToList(), cancellationToken))
                .Where(a => a.Type is AnnotationKinds.ConsultationQuestion or AnnotationKinds.ConsultationAnswer && (a.TimePeriod is null || a.TimePeriod == pair.Period))
                .Select(a => new PairEvent(pair.PairId, a.CreatedAt, a.Organisation, a.Principal, a.Type, null, null, null, Text(a))));
        }

        return entries.OrderBy(e => e.At).ToList();
    }

    /// <summary>
    /// The stored series of a pair's two sides: those whose series code (after the mappings), area (after the aliases)
    /// and breakdown are the pair's, in the pair's dataflow or another dataflow of its DSD, with their REPORTING_TYPE.
    /// </summary>
    public async Task<IReadOnlyList<PairSeries>> SeriesOfAsync(DiscrepancyPair pair, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var (seriesMappings, aliases) = await mappings.LoadAsync(cancellationToken);
        var toGlobal = seriesMappings.ToDictionary(m => m.NationalSeries, m => m.GlobalSeries, StringComparer.Ordinal);
        var found = new List<PairSeries>();
        foreach (var flow in await FlowsAsync(pair.Dataflow, cancellationToken))
        {
            await foreach (var series in data.QueryAsync(new DataQuery(flow), cancellationToken))
            {
                var code = series.KeyValues.GetValueOrDefault("SERIES") ?? "";
                var area = series.KeyValues.GetValueOrDefault("REF_AREA") ?? "";
                var breakdown = series.KeyValues.Where(k => !KeyParts.Contains(k.Key)).ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
                if (toGlobal.GetValueOrDefault(code, code) == pair.Series && aliases.GetValueOrDefault(area, area) == pair.Area && PairFinder.BreakdownKey(breakdown) == pair.Breakdown)
                {
                    found.Add(new PairSeries(flow, series.SeriesKey, series.KeyValues.GetValueOrDefault("REPORTING_TYPE") ?? ""));
                }
            }
        }

        return found;
    }

    /// <summary>The pair's history with its questions and answers, in time order (state moves first at the same instant).</summary>
    public static IReadOnlyList<PairEvent> Merge(IReadOnlyList<PairEvent> history, IReadOnlyList<PairEvent> consultations) =>
        history.Select((e, i) => (e, i)).Concat(consultations.Select((e, i) => (e, i: history.Count + i)))
            .OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e).ToList();

    private static string Text(SeriesAnnotation annotation)
    {
        var text = annotation.Texts.TryGetValue("en", out var en) ? en : annotation.Texts.Values.FirstOrDefault() ?? "";
        var on = annotation.TimePeriod is null ? annotation.SeriesKey : $"{annotation.SeriesKey} {annotation.TimePeriod}";
        return $"{text} [{on}]";
    }

    private async Task<List<string>> FlowsAsync(string dataflow, CancellationToken cancellationToken)
    {
        var flows = new List<string> { dataflow };
        if (!ArtefactRef.TryParse(dataflow, ArtefactType.Dataflow, out var flowRef, out _) || await structures.GetAsync(flowRef, cancellationToken) is not { Artefact: Dataflow { Structure: { } dsd } })
        {
            return flows;
        }

        foreach (var summary in await structures.ListAsync(ArtefactType.Dataflow, null, cancellationToken))
        {
            if (summary.Ref != flowRef && await structures.GetAsync(summary.Ref, cancellationToken) is { Artefact: Dataflow { Structure: { } other } } && other == dsd)
            {
                flows.Add(summary.Ref.ToString());
            }
        }

        return flows;
    }
}
