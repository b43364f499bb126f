using System.Globalization;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;

namespace MdgExchange.Server.Rest;

/// <summary>
/// What a REST data query keeps of each series the store returns, beyond the key and periods the pull already
/// applies: component filters (REST 2.x <c>c[...]</c>), first/last n observations, the <c>detail</c>, the
/// <c>attributes</c> and <c>measures</c> selections, and the shaping of stored versions into SDMX series
/// (one per version interval with <c>includeHistory</c>). Pure: tested without a server.
/// </summary>
public sealed class RestSelection
{
    private readonly RestDataRequest _request;
    private readonly string _timeId;
    private readonly string _measureId;
    private readonly HashSet<string> _dimensionIds;
    private readonly Dictionary<string, AttachmentLevel> _attributeLevels;
    private readonly List<ComponentFilter> _seriesFilters = [];
    private readonly List<ComponentFilter> _observationFilters = [];

    /// <summary>Whether values go out: <c>measures</c> is <c>all</c>, or lists the primary measure.</summary>
    private readonly bool _values;

    /// <exception cref="SdmxRestException">A filter names a component the data structure does not have (400).</exception>
    public RestSelection(RestDataRequest request, DataStructureDefinition dsd)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dsd);
        _request = request;
        _timeId = dsd.TimeDimension?.Id ?? "TIME_PERIOD";
        _measureId = dsd.PrimaryMeasure?.Id ?? "OBS_VALUE";
        _dimensionIds = dsd.Dimensions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        _attributeLevels = dsd.Attributes.ToDictionary(a => a.Id, a => a.AttachmentLevel, StringComparer.Ordinal);
        foreach (var filter in request.Filters)
        {
            if (_dimensionIds.Contains(filter.ComponentId) || IsSeriesAttribute(filter.ComponentId))
            {
                _seriesFilters.Add(filter);
            }
            else if (filter.ComponentId == _timeId || filter.ComponentId == _measureId || _attributeLevels.ContainsKey(filter.ComponentId))
            {
                _observationFilters.Add(filter);
            }
            else
            {
                throw SdmxRestException.Syntax($"c[{filter.ComponentId}]: {dsd.Ref} has no component {filter.ComponentId}");
            }
        }

        if (request.Attributes.Ids is { } ids && ids.FirstOrDefault(id => !_attributeLevels.ContainsKey(id)) is { } unknown)
        {
            throw SdmxRestException.Syntax($"attributes: {dsd.Ref} has no attribute {unknown}");
        }

        if (request.MeasureIds?.FirstOrDefault(id => id != _measureId) is { } notMeasure)
        {
            throw SdmxRestException.Syntax($"measures: {dsd.Ref} has no measure {notMeasure} (its measure is {_measureId})");
        }

        _values = request.Measures && (request.MeasureIds is null || request.MeasureIds.Contains(_measureId));
    }

    /// <summary>True when the query needs every stored version (includeHistory).</summary>
    public bool History => _request.IncludeHistory;

    /// <summary>
    /// The observations of <paramref name="series"/> to deliver, or null when the series is left out (a filter on
    /// its key or attributes fails, or a filter on observations leaves none). An empty list delivers the key only
    /// (<c>detail=serieskeysonly</c> or <c>nodata</c>).
    /// </summary>
    public IReadOnlyList<StoredObservation>? Select(StoredSeries series, IReadOnlyList<StoredObservation> observations, Func<Guid, bool>? providerAllows = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(observations);
        foreach (var filter in _seriesFilters)
        {
            var value = series.KeyValues.GetValueOrDefault(filter.ComponentId) ?? series.Attributes.GetValueOrDefault(filter.ComponentId);
            if (!Holds(filter, value, period: false))
            {
                return null;
            }
        }

        IReadOnlyList<StoredObservation> kept = observations;
        if (_observationFilters.Count > 0 || providerAllows is not null)
        {
            var list = new List<StoredObservation>(observations.Count);
            foreach (var observation in observations)
            {
                if ((providerAllows is null || providerAllows(observation.TransferId)) && ObservationHolds(observation))
                {
                    list.Add(observation);
                }
            }

            kept = list;
        }

        if (kept.Count == 0)
        {
            return null;
        }

        kept = FirstLast(kept);
        return _request.Detail is DataDetail.SeriesKeysOnly or DataDetail.NoData ? [] : kept;
    }

    /// <summary>
    /// The SDMX series to write for a delivered series: one, or with includeHistory one per version interval
    /// (each with its <see cref="Series.ValidFrom"/>/<see cref="Series.ValidTo"/>), current values first.
    /// Attributes are kept as <c>detail</c> and <c>attributes</c> say; values as <c>measures</c> says.
    /// </summary>
    public IEnumerable<Series> Shape(StoredSeries stored, IReadOnlyList<StoredObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(observations);
        if (!History)
        {
            yield return Build(stored, observations, null, null);
            yield break;
        }

        // Group the versions by their validity interval; the current ones (no end) first, then the older ones.
        var groups = observations
            .GroupBy(o => (o.ValidFrom, o.ValidTo))
            .OrderBy(g => g.Key.ValidTo is null ? 0 : 1)
            .ThenByDescending(g => g.Key.ValidFrom);
        var any = false;
        foreach (var group in groups)
        {
            any = true;
            yield return Build(stored, group.ToList(), group.Key.ValidFrom, group.Key.ValidTo);
        }

        if (!any)
        {
            yield return Build(stored, [], null, null);
        }
    }

    private Series Build(StoredSeries stored, IReadOnlyList<StoredObservation> observations, DateTimeOffset? validFrom, DateTimeOffset? validTo)
    {
        var series = new Series { ValidFrom = validFrom, ValidTo = validTo };
        foreach (var (id, code) in stored.KeyValues)
        {
            series.Key[id] = code;
        }

        foreach (var (id, value) in stored.Attributes)
        {
            if (Keeps(id, series: true))
            {
                series.Attributes[id] = value;
            }
        }

        series.Observations.Capacity = observations.Count;
        foreach (var stored1 in observations)
        {
            var observation = new Observation { TimePeriod = stored1.TimePeriod, Value = _values ? stored1.Value : null };
            foreach (var (id, value) in stored1.Attributes)
            {
                if (Keeps(id, series: false))
                {
                    observation.Attributes[id] = value;
                }
            }

            series.Observations.Add(observation);
        }

        return series;
    }

    private bool Keeps(string attribute, bool series)
    {
        if (_request.Detail is DataDetail.DataOnly or DataDetail.SeriesKeysOnly)
        {
            return false;
        }

        var selection = _request.Attributes;
        if (selection.Ids is { } ids)
        {
            return ids.Contains(attribute);
        }

        var level = _attributeLevels.GetValueOrDefault(attribute, series ? AttachmentLevel.Series : AttachmentLevel.Observation);
        return selection.Mode switch
        {
            "none" or "msd" => false,
            "dataset" => level == AttachmentLevel.DataSet,
            "series" => series && level != AttachmentLevel.Observation,
            "obs" => level == AttachmentLevel.Observation,
            _ => true,
        };
    }

    private IReadOnlyList<StoredObservation> FirstLast(IReadOnlyList<StoredObservation> observations)
    {
        var first = _request.FirstNObservations;
        var last = _request.LastNObservations;
        if (first is null && last is null)
        {
            return observations;
        }

        // Per the standard, n counts periods: with includeHistory several versions of one period count once.
        var periods = observations.Select(o => o.TimePeriod).Distinct(StringComparer.Ordinal).ToList();
        var keep = new HashSet<string>(StringComparer.Ordinal);
        if (first is { } f)
        {
            keep.UnionWith(periods.Take(f));
        }

        if (last is { } l)
        {
            keep.UnionWith(periods.Skip(Math.Max(0, periods.Count - l)));
        }

        return observations.Where(o => keep.Contains(o.TimePeriod)).ToList();
    }

    private bool IsSeriesAttribute(string id) =>
        _attributeLevels.TryGetValue(id, out var level) && level is AttachmentLevel.Series or AttachmentLevel.Group or AttachmentLevel.DataSet;

    private bool ObservationHolds(StoredObservation observation)
    {
        foreach (var filter in _observationFilters)
        {
            string? value;
            var period = false;
            if (filter.ComponentId == _timeId)
            {
                value = observation.TimePeriod;
                period = true;
            }
            else if (filter.ComponentId == _measureId)
            {
                value = observation.Value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : null;
            }
            else
            {
                value = observation.Attributes.GetValueOrDefault(filter.ComponentId);
            }

            if (!Holds(filter, value, period))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every group holds when one of its conditions does.</summary>
    internal static bool Holds(ComponentFilter filter, string? value, bool period)
    {
        foreach (var group in filter.AllOf)
        {
            if (!group.Any(c => Holds(c, value, period)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One condition. Periods compare as time ranges (<c>ge:2015</c> keeps what ends in or after 2015, as
    /// startPeriod does); numbers as numbers; other values as ordinal text. A missing value only satisfies
    /// <c>ne</c> and <c>nc</c>.
    /// </summary>
    internal static bool Holds(FilterCondition condition, string? value, bool period)
    {
        if (value is null)
        {
            return condition.Operator is FilterOperator.NotEqual or FilterOperator.NotContains;
        }

        switch (condition.Operator)
        {
            case FilterOperator.Contains:
                return value.Contains(condition.Value, StringComparison.Ordinal);
            case FilterOperator.NotContains:
                return !value.Contains(condition.Value, StringComparison.Ordinal);
            case FilterOperator.StartsWith:
                return value.StartsWith(condition.Value, StringComparison.Ordinal);
            case FilterOperator.EndsWith:
                return value.EndsWith(condition.Value, StringComparison.Ordinal);
        }

        if (period && TimePeriods.TryGetRange(value, out var start, out var end) && TimePeriods.TryGetRange(condition.Value, out var from, out var to))
        {
            return condition.Operator switch
            {
                FilterOperator.Equal => start == from && end == to,
                FilterOperator.NotEqual => !(start == from && end == to),
                FilterOperator.GreaterOrEqual => end >= from,
                FilterOperator.GreaterThan => start > to,
                FilterOperator.LessOrEqual => start <= to,
                _ => end < from,
            };
        }

        int order;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(condition.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
        {
            order = a.CompareTo(b);
        }
        else
        {
            order = string.CompareOrdinal(value, condition.Value);
        }

        return condition.Operator switch
        {
            FilterOperator.Equal => order == 0,
            FilterOperator.NotEqual => order != 0,
            FilterOperator.GreaterOrEqual => order >= 0,
            FilterOperator.GreaterThan => order > 0,
            FilterOperator.LessOrEqual => order <= 0,
            _ => order < 0,
        };
    }
}
