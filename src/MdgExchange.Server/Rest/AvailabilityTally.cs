using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;

namespace MdgExchange.Server.Rest;

/// <summary>
/// What an availability query collects while the pull reads the selected series: the codes seen per dimension and
/// the time range, then the <c>Actual</c> content constraint that is the answer (SDMX REST <c>/availability</c>).
/// </summary>
internal sealed class AvailabilityTally(IReadOnlyList<string> dimensions, KeyExpression? selected)
{
    private readonly Dictionary<string, SortedSet<string>> _codes =
        dimensions.ToDictionary(d => d, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);

    private DateOnly? _start, _end;
    private string? _first, _last;

    /// <summary>Whether any series on the selection had data.</summary>
    public bool Any { get; private set; }

    /// <summary>Counts one series and the observations of it the query kept.</summary>
    public void Add(StoredSeries series, IReadOnlyList<StoredObservation> kept)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(kept);

        // mode=available: a series off the selection at exactly one position still shows that position's code as
        // available; the time range comes from the series on the selection.
        switch (OffPosition(series))
        {
            case null:
                return;
            case >= 0 and var off:
                _codes[dimensions[off]].Add(series.KeyValues[dimensions[off]]);
                return;
        }

        Any = true;
        foreach (var (id, code) in series.KeyValues)
        {
            _codes.GetValueOrDefault(id)?.Add(code);
        }

        foreach (var observation in kept)
        {
            if (TimePeriods.TryGetRange(observation.TimePeriod, out var from, out var to))
            {
                if (_start is null || from < _start)
                {
                    (_start, _first) = (from, observation.TimePeriod);
                }

                if (_end is null || to > _end)
                {
                    (_end, _last) = (to, observation.TimePeriod);
                }
            }
        }
    }

    /// <summary>The constraint naming what is available, for every dimension or the one <paramref name="componentId"/> asks.</summary>
    public ContentConstraint Constraint(ArtefactRef flow, string? componentId, string timeId)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var region = new CubeRegion { Include = true };
        foreach (var dimension in dimensions.Where(d => componentId is null or "all" || componentId == d))
        {
            region.KeyValues.Add(new ComponentValueSet { Id = dimension, Values = _codes[dimension].ToList() });
        }

        if ((componentId is null or "all" || componentId == timeId) && _first is not null && _last is not null)
        {
            region.KeyValues.Add(new ComponentValueSet { Id = timeId, TimeRange = new TimeRange { Start = new(_first), End = new(_last) } });
        }

        var constraint = new ContentConstraint
        {
            Id = "CC_" + flow.Id,
            AgencyId = flow.AgencyId,
            Version = "1.0",
            IsFinal = false,
            Role = ConstraintRole.Actual,
            Attachments = [flow],
            CubeRegions = [region],
        };
        constraint.Names.Add(new LocalisedString("en", $"Data available for {flow.Id}"));
        return constraint;
    }

    /// <summary>-1 when the series is on the selection, the one position where it is off, or null when off at several.</summary>
    private int? OffPosition(StoredSeries series)
    {
        var off = -1;
        if (selected is null)
        {
            return off;
        }

        for (var i = 0; i < dimensions.Count; i++)
        {
            if (selected.Parts[i] is { } allowed && !allowed.Contains(series.KeyValues.GetValueOrDefault(dimensions[i]) ?? ""))
            {
                if (off >= 0)
                {
                    return null;
                }

                off = i;
            }
        }

        return off;
    }
}
