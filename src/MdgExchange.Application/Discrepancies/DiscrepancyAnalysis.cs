using MdgExchange.Domain.Data;
using MdgExchange.Domain.Discrepancies;
using MdgExchange.Domain.Metadata;
using MdgExchange.Domain.Structure;
using MdgExchange.Application.Exchange;
using MdgExchange.Storage;

namespace MdgExchange.Application.Discrepancies;

/// <summary>What to analyse: a dataflow, and optionally some countries, series and a period range.</summary>
public sealed record AnalysisRequest(string Dataflow, IReadOnlyCollection<string>? Areas = null, IReadOnlyCollection<string>? Series = null, string? StartPeriod = null, string? EndPeriod = null, IReadOnlyCollection<string>? Indicators = null);

/// <summary>
/// Runs the discrepancy analysis on a dataflow: reads its national (REPORTING_TYPE=N) and international (G) values,
/// pairs them through the registered mappings and aliases, gathers each pair's context — the other breakdowns, the
/// metadata comparison, the agency's pulls of the national series, the national value as the agency last saw it,
/// consultations and explanations — proposes the typology with its evidence, and stores the pairs. The run is a
/// transfer of kind <c>discrepancy-analysis</c>.
/// </summary>
public sealed class DiscrepancyAnalysis(
    IDataStore data,
    ITransferStore transfers,
    IDiscrepancyStore store,
    DataflowSchemas schemas,
    DiscrepancyMappings mappings,
    Metadata.MetadataService metadata,
    IStructureStore structures,
    DiscrepancyTolerances tolerances,
    TimeProvider clock)
{
    private static readonly HashSet<string> KeyParts = new(StringComparer.Ordinal) { "FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA" };

    public async Task<(Guid TransferId, IReadOnlyList<DiscrepancyPair> Pairs)> RunAsync(AnalysisRequest request, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var transferId = Guid.NewGuid();
        var started = clock.GetUtcNow();
        var record = new TransferRecorder(transfers, clock, transferId, started, caller, null, "discrepancy-analysis") { Sender = caller.Organisation, Format = "protobuf" };
        if (!ArtefactRef.TryParse(request.Dataflow, ArtefactType.Dataflow, out var flowRef, out var error) || await schemas.LoadAsync(flowRef, cancellationToken) is not { } schema)
        {
            var why = error ?? $"dataflow {request.Dataflow} does not exist";
            await record.FinishAsync("rejected", why);
            throw new ExchangeRejectedException(transferId, why, [new DataViolation("dataflow", why)]);
        }

        record.Dataflow = schema.Dataflow.ToString();
        if (request.Indicators is { Count: > 0 } indicators)
        {
            // An indicator stands for its series: those CL_SERIES annotates with it.
            var ofSeries = await SeriesIndicators.LoadAsync(structures, cancellationToken);
            request = request with { Series = (request.Series ?? []).Concat(ofSeries.Where(s => indicators.Contains(s.Value)).Select(s => s.Key)).ToHashSet(StringComparer.Ordinal) };
        }

        var (seriesMappings, aliases) = await mappings.LoadAsync(cancellationToken);
        var toGlobal = seriesMappings.ToDictionary(m => m.NationalSeries, StringComparer.Ordinal);
        var flows = await FlowsOfAsync(schema, cancellationToken);
        var seen = await CollectAsync(request, flows, toGlobal, aliases, record, cancellationToken);
        var pairs = PairFinder.Find(seen.National, seen.International, seriesMappings, aliases);
        var contexts = new ContextBuilder(data, transfers, metadata, structures, seen.DataflowOf, seen.SeriesKeys, seen.CodeOf, toGlobal);
        var now = clock.GetUtcNow();
        var found = new List<DiscrepancyPair>();
        foreach (var pair in pairs)
        {
            var context = await contexts.ForAsync(pair, pairs, cancellationToken);
            var evidence = DiscrepancyClassifier.Classify(pair, context, tolerances.For(pair.Series));
            var oneSided = pair.National?.Value is null || pair.International?.Value is null;
            if (evidence.Count == 0 && !oneSided)
            {
                continue; // the same figure on both sides: no discrepancy to store
            }

            if (pair.International is null)
            {
                continue; // a national figure no agency published: the inventory's business, not a discrepancy
            }

            found.Add(Stored(pair, evidence, schema.Dataflow.ToString(), now));
        }

        var stored = await store.SaveAnalysisAsync(found, now, cancellationToken);
        record.ArtefactCount = stored.Count;
        record.CountObservations(0, seen.National.Count + seen.International.Count, null, null);
        await record.FinishAsync("completed", null);
        return (transferId, stored);
    }

    /// <summary>
    /// Every dataflow of the analysed dataflow's DSD, the analysed one first: national data often sit in a national
    /// dataflow on the same DSD (with national codes), and must meet the international values of the global one.
    /// </summary>
    private async Task<List<string>> FlowsOfAsync(DataflowSchema schema, CancellationToken cancellationToken)
    {
        var flows = new List<string> { schema.Dataflow.ToString() };
        foreach (var summary in await structures.ListAsync(ArtefactType.Dataflow, null, cancellationToken))
        {
            if (summary.Ref != schema.Dataflow && await structures.GetAsync(summary.Ref, cancellationToken) is { Artefact: Dataflow { Structure: { } dsd } } && dsd == schema.Structure.Ref)
            {
                flows.Add(summary.Ref.ToString());
            }
        }

        return flows;
    }

    /// <summary>The national (N) and international (G) observations the request selects, each with where it came from.</summary>
    private async Task<CollectedSides> CollectAsync(
        AnalysisRequest request, List<string> flows, Dictionary<string, SeriesMapping> toGlobal, IReadOnlyDictionary<string, string> aliases, TransferRecorder record, CancellationToken cancellationToken)
    {
        var seen = new CollectedSides();
        var senders = new Dictionary<Guid, string>();
        await foreach (var (series, dataflowOfSeries) in ReadAllAsync(flows, cancellationToken))
        {
            var code = series.KeyValues.GetValueOrDefault("SERIES") ?? "";
            var area = aliases.GetValueOrDefault(series.KeyValues.GetValueOrDefault("REF_AREA") ?? "", series.KeyValues.GetValueOrDefault("REF_AREA") ?? "");
            var type = series.KeyValues.GetValueOrDefault("REPORTING_TYPE");
            var global = toGlobal.TryGetValue(code, out var mapping) ? mapping.GlobalSeries : code;
            if ((request.Series is { Count: > 0 } wanted && !wanted.Contains(global)) || (request.Areas is { Count: > 0 } areas && !areas.Contains(area)) || type is not ("N" or "G"))
            {
                continue;
            }

            var breakdown = series.KeyValues.Where(k => !KeyParts.Contains(k.Key)).ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
            foreach (var observation in series.Observations)
            {
                if ((request.StartPeriod is { } from && string.CompareOrdinal(observation.TimePeriod, from) < 0) || (request.EndPeriod is { } to && string.CompareOrdinal(observation.TimePeriod, to) > 0))
                {
                    continue;
                }

                if (!senders.TryGetValue(observation.TransferId, out var owner))
                {
                    owner = senders[observation.TransferId] = (await transfers.GetAsync(observation.TransferId, cancellationToken))?.SenderOrganisation ?? "?";
                }

                var attributes = new Dictionary<string, string>(series.Attributes, StringComparer.Ordinal);
                foreach (var (id, value) in observation.Attributes)
                {
                    attributes[id] = value;
                }

                var side = new PairSide(owner, observation.Value, attributes, breakdown, observation.ValidFrom, observation.TransferId);
                seen.SeriesKeys[side] = series.SeriesKey;
                seen.DataflowOf[side] = dataflowOfSeries;
                seen.CodeOf[side] = code;
                (type == "N" ? seen.National : seen.International).Add(new KeyedObservation(code, area, observation.TimePeriod, side));
                record.Touch(global, area);
            }
        }

        return seen;
    }

    /// <summary>A pair as the store keeps it, its evidence as proposed automatic codes.</summary>
    private static DiscrepancyPair Stored(ObservationPair pair, IReadOnlyList<TypologyEvidence> evidence, string dataflow, DateTimeOffset now) => new()
    {
        PairId = Guid.Empty,
        Dataflow = dataflow,
        Series = pair.Series,
        Area = pair.Area,
        Period = pair.Period,
        Breakdown = PairFinder.BreakdownKey((pair.National ?? pair.International!).Breakdown),
        NationalOrganisation = pair.National?.Organisation,
        NationalValue = pair.National?.Value,
        NationalNature = pair.National?.Attribute("NATURE"),
        InternationalOrganisation = pair.International!.Organisation,
        InternationalValue = pair.International.Value,
        InternationalNature = pair.International.Attribute("NATURE"),
        Difference = pair.Difference,
        State = ReconciliationStates.Raised,
        FirstFoundAt = now,
        AnalysedAt = now,
        Codes = evidence.Select(e => new PairCode(e.Code, PairCode.Automatic, PairCode.Proposed, e.Rule, e.Facts, null, null, now)).ToList(),
    };

    /// <summary>The two sides read for an analysis, and where each observation came from.</summary>
    private sealed class CollectedSides
    {
        public List<KeyedObservation> National { get; } = [];
        public List<KeyedObservation> International { get; } = [];
        public Dictionary<PairSide, string> SeriesKeys { get; } = new(ReferenceEqualityComparer.Instance);
        public Dictionary<PairSide, string> DataflowOf { get; } = new(ReferenceEqualityComparer.Instance);
        public Dictionary<PairSide, string> CodeOf { get; } = new(ReferenceEqualityComparer.Instance);
    }

    private async IAsyncEnumerable<(StoredSeries Series, string Dataflow)> ReadAllAsync(List<string> flows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var flow in flows)
        {
            await foreach (var series in data.QueryAsync(new DataQuery(flow), cancellationToken))
            {
                yield return (series, flow);
            }
        }
    }

    /// <summary>Builds each pair's context, reading what several pairs share only once.</summary>
    private sealed class ContextBuilder(
        IDataStore data,
        ITransferStore transfers,
        Metadata.MetadataService metadata,
        IStructureStore structures,
        IReadOnlyDictionary<PairSide, string> dataflowOf,
        IReadOnlyDictionary<PairSide, string> seriesKeys,
        IReadOnlyDictionary<PairSide, string> codeOf,
        IReadOnlyDictionary<string, SeriesMapping> toGlobal)
    {
        private readonly Dictionary<string, IReadOnlyList<SeriesAnnotation>> _annotations = new(StringComparer.Ordinal);
        private readonly Dictionary<(string, string, string), IReadOnlyList<Transfer>> _pulls = [];
        private readonly Dictionary<(string, string), IReadOnlySet<string>> _metadata = [];
        private IReadOnlyDictionary<string, string>? _indicators;

        public async Task<PairContext> ForAsync(ObservationPair pair, IReadOnlyList<ObservationPair> all, CancellationToken cancellationToken)
        {
            var international = pair.International;
            var national = pair.National;
            var agency = international?.Organisation ?? "";
            var pulls = await PullsAsync(pair.Series, pair.Area, agency, cancellationToken);
            var nationalKey = national is null ? null : seriesKeys.GetValueOrDefault(national);
            var internationalKey = international is null ? null : seriesKeys.GetValueOrDefault(international);
            var nationalNotes = nationalKey is null ? [] : await AnnotationsAsync(dataflowOf[national!], nationalKey, cancellationToken);
            var internationalNotes = internationalKey is null ? [] : await AnnotationsAsync(dataflowOf[international!], internationalKey, cancellationToken);
            DateTimeOffset? lastPull = pulls.Count == 0 ? null : pulls.Max(p => p.FinishedAt);
            var vintages = nationalKey is not null && lastPull is { } seen && national!.ValidFrom > seen ? await ValuesAsOfAsync(national, nationalKey, pair.Period, seen, cancellationToken) : [];
            // A national revision after the international value was pushed that the agency has not pulled since.
            double? beforeRevision = null;
            if (nationalKey is not null && international is not null && national!.ValidFrom > international.ValidFrom && (lastPull is null || lastPull < national.ValidFrom))
            {
                beforeRevision = (await ValuesAsOfAsync(national, nationalKey, pair.Period, international.ValidFrom, cancellationToken)).Cast<double?>().FirstOrDefault();
            }

            return new PairContext
            {
                Siblings = PairFinder.Siblings(pair, all),
                DifferingMetadataConcepts = await MetadataDifferencesAsync(pair.Series, pair.Area, cancellationToken),
                AgencyLastPull = lastPull,
                NationalVintages = vintages,
                NationalValueAtInternationalPush = beforeRevision,
                NationalTransfersToAgency = pulls.Count,
                Consulted = nationalNotes.Any(a => a.Type is AnnotationKinds.ConsultationQuestion or AnnotationKinds.ConsultationAnswer),
                Explanations = nationalNotes.Concat(internationalNotes).Where(a => a.Type == AnnotationKinds.Explanation).SelectMany(a => a.Texts.Values).ToList(),
                NationalProxy = national is not null && codeOf.TryGetValue(national, out var code) && toGlobal.TryGetValue(code, out var mapping) && mapping.Proxy,
            };
        }

        /// <summary>The national value of the period as it stood at a past moment (empty when it did not exist yet).</summary>
        private async Task<List<double>> ValuesAsOfAsync(PairSide national, string nationalKey, string period, DateTimeOffset at, CancellationToken cancellationToken)
        {
            var values = new List<double>();
            await foreach (var older in data.QueryAsync(new DataQuery(dataflowOf[national], null, at), cancellationToken))
            {
                if (older.SeriesKey == nationalKey && older.Observations.FirstOrDefault(o => o.TimePeriod == period)?.Value is { } value)
                {
                    values.Add(value);
                }
            }

            return values;
        }

        /// <summary>The completed pulls of the series for the area by the agency.</summary>
        private async Task<IReadOnlyList<Transfer>> PullsAsync(string series, string area, string agency, CancellationToken cancellationToken)
        {
            if (!_pulls.TryGetValue((series, area, agency), out var pulls))
            {
                pulls = agency.Length == 0 ? [] : (await transfers.QueryAsync(new TransferFilter { Kind = "pull", SeriesCode = series, RefArea = area, Organisation = agency, Outcome = "completed", Limit = 10_000 }, cancellationToken))
                    .Where(t => t.ReceiverOrganisation == agency).ToList();
                _pulls[(series, area, agency)] = pulls;
            }

            return pulls;
        }

        private async Task<IReadOnlyList<SeriesAnnotation>> AnnotationsAsync(string dataflow, string seriesKey, CancellationToken cancellationToken)
        {
            if (!_annotations.TryGetValue(dataflow + " " + seriesKey, out var notes))
            {
                notes = await data.ListAnnotationsAsync(dataflow, [seriesKey], cancellationToken);
                _annotations[dataflow + " " + seriesKey] = notes;
            }

            return notes;
        }

        /// <summary>The metadata concepts whose national and international texts differ for the series' indicator and the area.</summary>
        private async Task<IReadOnlySet<string>> MetadataDifferencesAsync(string series, string area, CancellationToken cancellationToken)
        {
            _indicators ??= await SeriesIndicators.LoadAsync(structures, cancellationToken);
            var indicator = _indicators.GetValueOrDefault(series, series);
            if (!_metadata.TryGetValue((indicator, area), out var differing))
            {
                var compared = await metadata.CompareAsync(indicator, area, null, "en", cancellationToken);
                differing = compared.Comparisons.SelectMany(c => c.Concepts).Where(c => c.Status == ConceptStatus.Different).Select(c => c.Concept).ToHashSet(StringComparer.Ordinal);
                _metadata[(indicator, area)] = differing;
            }

            return differing;
        }
    }
}
