using MdgExchange.Domain.Structure;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx;
using MdgExchange.Sdmx.Data;

namespace MdgExchange.Shared;

/// <summary>
/// Series read from an SDMX file as the protobuf of push batches, with the reader's locations and problems, so
/// the server reports them. Compiled into the CLI (push) and the server (SDMX REST data import), which generate
/// the protobuf types each for itself.
/// </summary>
internal static class SeriesProtos
{
    /// <summary>Observations gathered per batch (a series is never split).</summary>
    public const int ObservationsPerBatch = 1000;

    /// <summary>
    /// The push batches of a file, read lazily. A file that could not be opened (<paramref name="unreadable"/>), or
    /// whose rest cannot be read, ends with a batch carrying the problem, so that the server refuses the whole push,
    /// stores nothing of it and records why. <paramref name="source"/> names the file where the problem has no line.
    /// </summary>
    public static IEnumerable<SeriesBatch> Batches(SdmxDataReader? reader, SdmxFormatException? unreadable, DataStructureDefinition dsd, string source)
    {
        var batch = new SeriesBatch();
        var inBatch = 0;
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

            batch.Series.Add(ToProto(series.Current));
            inBatch += Math.Max(1, series.Current.Observations.Count);
            if (inBatch >= ObservationsPerBatch)
            {
                yield return batch;
                (batch, inBatch) = (new SeriesBatch(), 0);
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
