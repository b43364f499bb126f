using System.Runtime.CompilerServices;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx;
using MdgExchange.Sdmx.Data;

namespace MdgExchange.Application.Exchange;

/// <summary>
/// A data file read as push batches of Domain series, for a front end that holds the whole file (an SDMX REST upload,
/// the portal): about <see cref="ObservationsPerBatch"/> observations a batch, so that validation and writing overlap
/// while the file is read. A file the reader cannot read (at its start or part way) ends with a problem at its line,
/// so that the push refuses it and records why. Without a structure (the dataflow does not exist) nothing is read.
/// </summary>
public static class DataFileBatches
{
    public const int ObservationsPerBatch = 1_000;

    public static async IAsyncEnumerable<PushBatch> ReadAsync(
        SdmxDataReader? reader, SdmxFormatException? unreadable, DataStructureDefinition? dsd, string source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var problem = unreadable;
        IEnumerator<Domain.Data.Series>? series = null;
        if (problem is null && reader is not null && dsd is not null)
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
        var batch = new List<PushedSeries>();
        var observations = 0;
        while (series is not null && Next(series, ref problem))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = series.Current;
            batch.Add(new PushedSeries(current, current.Action is { } action ? Domain.Data.DataActions.Code(action) : ""));
            observations += Math.Max(1, current.Observations.Count);
            if (observations >= ObservationsPerBatch)
            {
                yield return new PushBatch(batch, []);
                (batch, observations) = ([], 0);
            }
        }

        var problems = problem is null ? [] : new List<Domain.Data.DataReadError> { new(problem.LineNumber > 0 ? $"line {problem.LineNumber}" : source, null, problem.Message) };
        if (batch.Count > 0 || problems.Count > 0)
        {
            yield return new PushBatch(batch, problems);
        }
    }

    private static bool Next(IEnumerator<Domain.Data.Series> series, ref SdmxFormatException? problem)
    {
        try
        {
            return series.MoveNext();
        }
        catch (SdmxFormatException ex)
        {
            problem = ex;
            return false;
        }
    }
}
