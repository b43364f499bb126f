using MdgExchange.Application.Discrepancies;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Discrepancies;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;

namespace MdgExchange.Application.Exchange;

/// <summary>What to compare: a series of a dataflow, seen as of a vintage (null: the current values).</summary>
public sealed record SeriesComparisonRequest(string Dataflow, string SeriesKey, DateTimeOffset? AsOf = null);

/// <summary>One side of a comparison: a stored series and its values as of the vintage asked for, in period order.</summary>
public sealed record ComparedSeries(string SeriesKey, string ReportingType, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<StoredObservation> Observations);

/// <summary>
/// A series beside its counterparts: the national (REPORTING_TYPE=N) and international (G) series of the same
/// indicator, country and breakdown (after the registered series-code mappings and area aliases), as the caller may see
/// them, with every vintage (an instant at which one of their values changed) and their annotations.
/// </summary>
public sealed record SeriesComparisonResult(
    DataflowSchema Schema,
    string SeriesKey,
    IReadOnlyList<ComparedSeries> Series,
    IReadOnlyList<DateTimeOffset> Vintages,
    IReadOnlyList<SeriesAnnotation> Annotations,
    Guid TransferId)
{
    public ComparedSeries? National => Series.FirstOrDefault(s => s.ReportingType == ReportingTypes.National);

    public ComparedSeries? International => Series.FirstOrDefault(s => s.ReportingType == ReportingTypes.Global);
}

/// <summary>The SDG DSD's REPORTING_TYPE codes.</summary>
public static class ReportingTypes
{
    public const string Dimension = "REPORTING_TYPE";
    public const string National = "N";
    public const string Global = "G";
}

/// <summary>
/// A series page's data: one pull (recorded like any other, with the caller's embargo rules) of the series and its
/// counterparts with every version of their values, from which the vintages and the values as of one of them are
/// worked out here, so that choosing a vintage reads nothing more than the current view does.
/// </summary>
public sealed class SeriesComparison(PullService pulls, DataflowSchemas schemas, DiscrepancyMappings mappings, IStructureStore structures)
{
    /// <summary>The format a comparison's pull is recorded with.</summary>
    public const string Format = "portal";

    private static readonly HashSet<string> MatchParts = new(StringComparer.Ordinal) { ReportingTypes.Dimension, "SERIES", "REF_AREA" };

    /// <exception cref="ExchangeRejectedException">The dataflow reference or the key is malformed (recorded).</exception>
    /// <exception cref="ExchangeNotFoundException">No such dataflow, or no series the caller may see under that key (recorded).</exception>
    public async Task<SeriesComparisonResult> CompareAsync(SeriesComparisonRequest request, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (!ArtefactRef.TryParse(request.Dataflow, ArtefactType.Dataflow, out var flowRef, out _) || await schemas.LoadAsync(flowRef, cancellationToken) is not { } schema)
        {
            // The pull use case refuses it with its reasons and records the refusal (had the dataflow just been
            // created, its schema is taken from there).
            var refused = await pulls.PrepareAsync(new PullRequest(request.Dataflow, request.SeriesKey, null, null, null, null, false, null, Format: Format), caller, cancellationToken);
            await refused.FinishAsync("cancelled", "the dataflow appeared meanwhile; read again");
            schema = refused.Schema;
        }

        if (SeriesKeys.FullKeyProblem(request.SeriesKey, schema.Structure) is { } partial)
        {
            throw new ExchangeRejectedException(Guid.Empty, "the series key is invalid", [new DataViolation("series_key", partial)]);
        }

        var (seriesMappings, aliases) = await mappings.LoadAsync(cancellationToken);
        var wanted = schema.KeyValues(request.SeriesKey);
        var codes = Counterparts(wanted.GetValueOrDefault("SERIES"), seriesMappings);
        var areas = Aliases(wanted.GetValueOrDefault("REF_AREA"), aliases);
        var expression = string.Join('.', schema.DimensionIds.Select(id => id switch
        {
            ReportingTypes.Dimension => "",
            "SERIES" => string.Join('+', codes),
            "REF_AREA" => string.Join('+', areas),
            _ => wanted[id],
        }));

        var pull = await pulls.PrepareAsync(new PullRequest(request.Dataflow, expression, null, null, null, null, true, null, AllVersions: true, Format: Format), caller, cancellationToken);
        var found = new List<ComparedSeries>();
        var versions = new SortedSet<DateTimeOffset>();
        var annotations = new List<SeriesAnnotation>();
        var outcome = "failed";
        try
        {
            await foreach (var series in pull.ReadAsync(cancellationToken))
            {
                var values = series.Series.KeyValues;
                if (!values.Where(v => !MatchParts.Contains(v.Key)).All(v => wanted.GetValueOrDefault(v.Key) == v.Value))
                {
                    continue;
                }

                foreach (var observation in series.Observations)
                {
                    versions.Add(observation.ValidFrom);
                }

                found.Add(new ComparedSeries(series.Series.SeriesKey, values.GetValueOrDefault(ReportingTypes.Dimension) ?? "", series.Series.Attributes, AsOf(series.Observations, request.AsOf)));
                annotations.AddRange(series.Annotations);
            }

            outcome = "completed";
        }
        finally
        {
            await pull.FinishAsync(outcome, outcome == "completed" ? null : "the comparison stopped before its end");
        }

        if (found.Count == 0)
        {
            throw new ExchangeNotFoundException(pull.TransferId, "Series", request.SeriesKey, $"series {request.SeriesKey} does not exist in {schema.Dataflow}");
        }

        // The series asked for first, then national before international.
        var ordered = found.OrderBy(s => s.SeriesKey == request.SeriesKey ? 0 : 1).ThenBy(s => s.ReportingType == ReportingTypes.National ? 0 : 1).ThenBy(s => s.SeriesKey, StringComparer.Ordinal).ToList();
        return new SeriesComparisonResult(schema, request.SeriesKey, ordered, versions.Reverse().ToList(), annotations.OrderBy(a => a.CreatedAt).ToList(), pull.TransferId);
    }

    /// <summary>The names, in <paramref name="lang"/> (else English, else the code), of a key's codes, by dimension id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CodeNamesAsync(DataflowSchema schema, IReadOnlyDictionary<string, string> keyValues, string lang, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(keyValues);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dimension in schema.Dimensions)
        {
            if (!keyValues.TryGetValue(dimension.Id, out var code))
            {
                continue;
            }

            names[dimension.Id] = dimension.LocalRepresentation?.Enumeration is { } list
                && await structures.GetAsync(list with { Type = ArtefactType.Codelist }, cancellationToken) is { Artefact: Codelist codelist }
                && codelist.Items.FirstOrDefault(c => c.Id == code) is { } item
                ? item.NameIn(lang)
                : code;
        }

        return names;
    }

    /// <summary>The values as of an instant: per period, the version valid then (valid_from ≤ T &lt; valid_to); null = the current ones.</summary>
    public static IReadOnlyList<StoredObservation> AsOf(IReadOnlyList<StoredObservation> versions, DateTimeOffset? at)
    {
        ArgumentNullException.ThrowIfNull(versions);
        return versions
            .Where(o => at is { } t ? o.ValidFrom <= t && (o.ValidTo is null || o.ValidTo > t) : o.ValidTo is null)
            .GroupBy(o => o.TimePeriod, StringComparer.Ordinal)
            .Select(g => g.MaxBy(o => o.ValidFrom)!)
            .OrderBy(o => o.TimePeriod, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A series code and the codes mapped to or from it (a national code and its global one).</summary>
    private static List<string> Counterparts(string? code, IReadOnlyList<SeriesMapping> mappings)
    {
        var codes = new List<string>();
        if (code is null)
        {
            return codes;
        }

        codes.Add(code);
        foreach (var mapping in mappings)
        {
            if (mapping.NationalSeries == code && !codes.Contains(mapping.GlobalSeries))
            {
                codes.Add(mapping.GlobalSeries);
            }
            else if (mapping.GlobalSeries == code && !codes.Contains(mapping.NationalSeries))
            {
                codes.Add(mapping.NationalSeries);
            }
        }

        return codes;
    }

    /// <summary>An area code and the codes that alias it or that it aliases.</summary>
    private static List<string> Aliases(string? area, IReadOnlyDictionary<string, string> aliases)
    {
        if (area is null)
        {
            return [];
        }

        var canonical = aliases.GetValueOrDefault(area, area);
        var all = new List<string> { area };
        if (!all.Contains(canonical))
        {
            all.Add(canonical);
        }

        all.AddRange(aliases.Where(a => a.Value == canonical && !all.Contains(a.Key)).Select(a => a.Key));
        return all;
    }
}
