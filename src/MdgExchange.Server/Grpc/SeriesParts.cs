using MdgExchange.Domain.Data;
using Series = MdgExchange.Domain.Data.Series;

namespace MdgExchange.Server.Grpc;

/// <summary>
/// Joins a series sent in parts (<c>continues_previous</c>) back into one series before it is validated or written, so
/// that a series larger than one message is one series of the push: its periods checked once, its action applied
/// once (a replace replaces the whole series, not each part). The last series of a batch is held until the next
/// batch shows whether it continues; the push holds one series at a time.
/// </summary>
public sealed class SeriesParts
{
    private DecodedSeries? _held;

    /// <summary>
    /// The series of <paramref name="batch"/> that are complete, in order: parts that continue the held series are
    /// merged into it and the last one is held. A part that continues nothing (no series before it, or another key)
    /// is reported in <paramref name="problems"/> and taken as a series of its own.
    /// </summary>
    public List<DecodedSeries> Add(List<DecodedSeries> batch, List<DataReadError> problems, int nextIndex)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var complete = new List<DecodedSeries>(batch.Count);
        foreach (var part in batch)
        {
            if (part.ContinuesPrevious && _held is not null && SameKey(_held.Series.Key, part.Series.Key))
            {
                Append(_held.Series, part.Series);
                continue;
            }

            if (_held is not null)
            {
                complete.Add(_held);
            }

            if (part.ContinuesPrevious)
            {
                var at = part.Series.Location ?? $"series[{nextIndex + complete.Count}]";
                problems.Add(new DataReadError(at, "continues_previous", _held is null
                    ? "the series continues a previous one, but none was sent before it"
                    : "the series continues the previous one, but that one has another key; the parts of a series are sent one after the other with the same key"));
            }

            _held = part;
        }

        return complete;
    }

    /// <summary>The held series, at the end of the push: nothing more can continue it.</summary>
    public List<DecodedSeries> Flush()
    {
        var held = _held;
        _held = null;
        return held is null ? [] : [held];
    }

    private static bool SameKey(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var code) && string.Equals(code, pair.Value, StringComparison.Ordinal));

    private static void Append(Series series, Series part)
    {
        var offset = series.Observations.Count;
        if (series.ObservationLocations is not null || part.ObservationLocations is not null)
        {
            var locations = series.ObservationLocations ?? [.. Enumerable.Range(0, offset).Select(j => $"observations[{j}]")];
            for (var j = 0; j < part.Observations.Count; j++)
            {
                var own = part.ObservationLocations is { } theirs && j < theirs.Count ? theirs[j] : null;
                locations.Add(own is null || own.StartsWith("observations[", StringComparison.Ordinal) ? $"observations[{offset + j}]" : own);
            }

            series.ObservationLocations = locations;
        }

        series.Observations.AddRange(part.Observations);
        foreach (var error in part.Errors ?? [])
        {
            series.AddError(error.ObservationIndex is { } index ? error with { ObservationIndex = index + offset } : error);
        }
    }
}
