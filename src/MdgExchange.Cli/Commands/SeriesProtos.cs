using MdgExchange.Domain.Structure;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx;
using MdgExchange.Sdmx.Data;

namespace MdgExchange.Cli.Commands;

/// <summary>
/// Series read from an SDMX file as the protobuf of push batches, with the reader's locations and problems, so
/// the server reports them: the CLI's push encoding (the server decodes the wire bytes itself, straight into Domain
/// series, and never needs this). The server tests link it to push as a client does.
/// </summary>
internal static class SeriesProtos
{
    /// <summary>Observations gathered per batch (a series is split only when it is over the byte bound).</summary>
    public const int ObservationsPerBatch = 1000;

    /// <summary>Bytes a <c>PushSeriesRequest</c> adds around its batch (field tag and length), and a margin.</summary>
    public const int RequestOverhead = 16;

    /// <summary>
    /// The push batches of a file, read lazily. A file that could not be opened (<paramref name="unreadable"/>), or
    /// whose rest cannot be read, ends with a batch carrying the problem, so that the server refuses the whole push,
    /// stores nothing of it and records why. <paramref name="source"/> names the file where the problem has no line.
    /// </summary>
    /// <remarks>
    /// Every batch is at most <paramref name="maxBatchBytes"/> bytes: a series that does not fit in one is sent in
    /// consecutive parts (<c>continues_previous</c>), which the server merges. A series whose key and attributes with one
    /// observation are over the bound cannot be sent: <see cref="OversizedSeriesException"/>, naming where it is.
    /// </remarks>
    public static IEnumerable<SeriesBatch> Batches(SdmxDataReader? reader, SdmxFormatException? unreadable, DataStructureDefinition dsd, string source, int maxBatchBytes = int.MaxValue)
    {
        var batch = new SeriesBatch();
        var inBatch = 0;
        var batchBytes = 0;
        var problem = unreadable;
        IEnumerator<Domain.Data.Series>? series = null;
        if (problem is null && reader is not null)
        {
            try
            {
                // Reading begins here: a header the reader refuses throws at once, not at the first series.
                series = reader.ReadSeries(dsd).GetEnumerator();
            }
            catch (SdmxFormatException ex)
            {
                problem = ex;
            }
        }

        using var disposeSeries = series;
        while (series is not null)
        {
            try
            {
                if (!series.MoveNext())
                {
                    break;
                }
            }
            catch (SdmxFormatException ex)
            {
                problem = ex;
                break;
            }

            var proto = ToProto(series.Current);
            var size = EntrySize(proto);
            if (batch.Series.Count > 0 && batchBytes + size > maxBatchBytes)
            {
                yield return batch;
                (batch, inBatch, batchBytes) = (new SeriesBatch(), 0, 0);
            }

            if (size > maxBatchBytes)
            {
                // Alone over the bound: in parts, each its own batch but the last, which later series may join.
                var parts = Split(proto, maxBatchBytes, source);
                for (var i = 0; i < parts.Count - 1; i++)
                {
                    yield return new SeriesBatch { Series = { parts[i] } };
                }

                proto = parts[^1];
                size = EntrySize(proto);
            }

            batch.Series.Add(proto);
            batchBytes += size;
            inBatch += Math.Max(1, proto.Observations.Count);
            if (inBatch >= ObservationsPerBatch)
            {
                yield return batch;
                (batch, inBatch, batchBytes) = (new SeriesBatch(), 0, 0);
            }
        }

        if (problem is not null)
        {
            batch.ReadProblems.Add(new ReadProblem { Location = problem.LineNumber > 0 ? $"line {problem.LineNumber}" : source, Message = problem.Message });
        }

        if (batch.Series.Count > 0 || batch.ReadProblems.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>Bytes a series adds to its batch: the field tag and length, and the series.</summary>
    private static int EntrySize(SeriesData series) => 1 + Google.Protobuf.CodedOutputStream.ComputeMessageSize(series);

    /// <summary>
    /// A series over the bound as consecutive parts each under it: the key, attributes and action in every part, the
    /// location and read problems in the first, the observations in order.
    /// </summary>
    private static List<SeriesData> Split(SeriesData series, int maxBatchBytes, string source)
    {
        var head = series.Clone();
        head.Observations.Clear();
        var continuation = head.Clone();
        continuation.Location = "";
        continuation.ReadProblems.Clear();
        continuation.ContinuesPrevious = true;
        var first = EntrySize(head);
        if (first > maxBatchBytes)
        {
            throw new OversizedSeriesException(Where(series.Location, source), first, maxBatchBytes, "the series' key and attributes alone");
        }

        var parts = new List<SeriesData>();
        var part = head;
        var partBytes = first;
        foreach (var observation in series.Observations)
        {
            var size = 1 + Google.Protobuf.CodedOutputStream.ComputeMessageSize(observation);
            if (partBytes + size + 8 > maxBatchBytes && part.Observations.Count > 0)
            {
                parts.Add(part);
                part = continuation.Clone();
                partBytes = EntrySize(part);
            }

            if (partBytes + size + 8 > maxBatchBytes)
            {
                // The length prefix of a part grows with it: 8 bytes leave room for it.
                throw new OversizedSeriesException(Where(observation.Location.Length > 0 ? observation.Location : series.Location, source), partBytes + size, maxBatchBytes, "one observation with its series' key and attributes");
            }

            part.Observations.Add(observation);
            partBytes += size;
        }

        parts.Add(part);
        return parts;
    }

    private static string Where(string? location, string source) => string.IsNullOrEmpty(location) ? source : $"{source}, {location}";

    public static SeriesData ToProto(Domain.Data.Series series)
    {
        var proto = new SeriesData { Key = { series.Key }, Attributes = { series.Attributes }, Location = series.Location ?? "" };
        if (series.Action is { } action)
        {
            proto.Action = Domain.Data.DataActions.Code(action);
        }

        for (var i = 0; i < series.Observations.Count; i++)
        {
            var o = series.Observations[i];
            var observation = new ObservationData { TimePeriod = o.TimePeriod, Attributes = { o.Attributes } };
            if (o.Value is { } value)
            {
                observation.ObsValue = value;
            }

            if (o.RawValue is { } raw)
            {
                observation.ObsValueText = raw;
            }

            if (series.ObservationLocations is { } locations && i < locations.Count)
            {
                observation.Location = locations[i];
            }

            proto.Observations.Add(observation);
        }

        foreach (var error in series.Errors ?? [])
        {
            proto.ReadProblems.Add(new ReadProblem { Location = error.Location, Component = error.Component ?? "", Message = error.Message });
        }

        return proto;
    }
}

/// <summary>A series (or one observation with its series) that cannot fit in one push message, however it is split.</summary>
internal sealed class OversizedSeriesException(string location, int bytes, int limit, string what)
    : Exception($"{location}: {what} take {bytes:N0} bytes, more than one message may carry ({limit:N0} bytes); nothing was pushed")
{
    /// <summary>Where in the file: its name and <c>line N</c> when the reader knows it.</summary>
    public string Location { get; } = location;

    public int Bytes { get; } = bytes;

    public int Limit { get; } = limit;

    /// <summary>What is too large: the series' key and attributes, or one observation with them.</summary>
    public string What { get; } = what;
}
