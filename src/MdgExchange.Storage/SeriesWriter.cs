using MdgExchange.Domain.Data;

namespace MdgExchange.Storage;

/// <summary>
/// The current version of one observation, as a write session reads it before applying a series: the value
/// with NaN decoded (null when missing), the canonical attribute JSON, whether this transfer wrote it, and
/// whether it began at the session's instant (then ending it would leave a version valid at no instant).
/// </summary>
internal readonly record struct CurrentObservation(double? Value, string? Attributes, bool WrittenByThisTransfer, bool BeganNow, string? Owner = null);

/// <summary>Where <see cref="SeriesWriter"/> sends its decisions: each dialect writes them its own way.</summary>
internal interface IObservationSink
{
    /// <summary>
    /// Ends the current version of the period: valid_to = the session's instant, or, when it began at that same
    /// instant (<paramref name="beganNow"/>), removes it, since it was never valid at any instant. Always called
    /// before an insert of the same period, so (series, period, valid_from) stays unique.
    /// </summary>
    void Close(string timePeriod, bool beganNow);

    /// <summary>Adds a new current version.</summary>
    void Insert(Observation observation, string? attributesJson);
}

/// <summary>
/// What applying one series with an action does to its observations, without SQL: the dialects load the current
/// versions into <see cref="Current"/>, call <see cref="Apply"/>, and write what it sends to the sink.
/// One instance per write session, reused across series so that the hot path allocates little.
/// </summary>
internal sealed class SeriesWriter
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>The current versions of the series being written, by period; the dialect fills it.</summary>
    public Dictionary<string, CurrentObservation> Current { get; } = new(StringComparer.Ordinal);

    public AttributeJson Json { get; } = new();

    /// <summary>The writing organisation; when set, another organisation's current values may not be changed.</summary>
    public string? Owner { get; set; }

    private void CheckOwner(string seriesKey, string period, int index, CurrentObservation current)
    {
        if (!ObservationOwnership.MayChange(Owner, current.Owner, current.WrittenByThisTransfer))
        {
            throw new ForeignObservationException(seriesKey, period, index, current.Owner!);
        }
    }

    public SeriesWriteCounts Apply(string seriesKey, IReadOnlyList<Observation> observations, DataAction action, IObservationSink sink)
    {
        _seen.Clear();
        return action == DataAction.Delete
            ? Delete(seriesKey, observations, sink)
            : Write(seriesKey, observations, action == DataAction.Replace, sink);
    }

    private SeriesWriteCounts Write(string seriesKey, IReadOnlyList<Observation> observations, bool replace, IObservationSink sink)
    {
        long inserted = 0, revised = 0, unchanged = 0, deleted = 0;
        for (var i = 0; i < observations.Count; i++)
        {
            var observation = observations[i];
            var period = observation.TimePeriod;
            if (!_seen.Add(period))
            {
                throw new DuplicateObservationException(seriesKey, period, i);
            }

            var attributes = Json.Write(observation.Attributes);
            if (!Current.TryGetValue(period, out var current))
            {
                sink.Insert(observation, attributes);
                inserted++;
                continue;
            }

            if (current.WrittenByThisTransfer)
            {
                throw new DuplicateObservationException(seriesKey, period, i);
            }

            if (SameValue(current.Value, observation.Value) && string.Equals(current.Attributes, attributes, StringComparison.Ordinal))
            {
                unchanged++;
                continue;
            }

            CheckOwner(seriesKey, period, i, current);
            sink.Close(period, current.BeganNow);
            sink.Insert(observation, attributes);
            revised++;
        }

        if (replace && Current.Count > _seen.Count - inserted)
        {
            foreach (var (period, current) in Current)
            {
                if (!_seen.Contains(period))
                {
                    CheckOwner(seriesKey, period, -1, current);
                    sink.Close(period, current.BeganNow);
                    deleted++;
                }
            }
        }

        return new SeriesWriteCounts(inserted, revised, unchanged, deleted);
    }

    private SeriesWriteCounts Delete(string seriesKey, IReadOnlyList<Observation> observations, IObservationSink sink)
    {
        long deleted = 0;
        if (observations.Count == 0)
        {
            foreach (var (period, current) in Current)
            {
                CheckOwner(seriesKey, period, -1, current);
                sink.Close(period, current.BeganNow);
                deleted++;
            }

            return new SeriesWriteCounts(0, 0, 0, deleted);
        }

        for (var i = 0; i < observations.Count; i++)
        {
            var period = observations[i].TimePeriod;
            if (!_seen.Add(period))
            {
                throw new DuplicateObservationException(seriesKey, period, i);
            }

            // A period without a current version is already absent: deleting it again is not an error.
            if (Current.TryGetValue(period, out var current))
            {
                if (current.WrittenByThisTransfer)
                {
                    throw new DuplicateObservationException(seriesKey, period, i);
                }

                CheckOwner(seriesKey, period, i, current);
                sink.Close(period, current.BeganNow);
                deleted++;
            }
        }

        return new SeriesWriteCounts(0, 0, 0, deleted);
    }

    /// <summary>NaN equals NaN and a missing value equals a missing value; numbers compare with ==, so 0 equals -0.</summary>
    public static bool SameValue(double? stored, double? value) => (stored, value) switch
    {
        (null, null) => true,
        ({ } a, { } b) => a == b || (double.IsNaN(a) && double.IsNaN(b)),
        _ => false,
    };
}
