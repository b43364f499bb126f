using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Data;

/// <summary>How much a writer wrote.</summary>
public sealed record DataWriteResult(long Series, long Observations);

/// <summary>
/// Writes data messages in any <see cref="DataFormat"/>, streaming: each series is written as it arrives and
/// nothing but the series in hand is held. SDMX-ML is written in the series layout (dimensionAtObservation
/// TIME_PERIOD) or flat (AllDimensions, <see cref="DataWriteOptions"/>), with a new data set whenever the series'
/// action or validity (<see cref="Series.ValidFrom"/>, <see cref="Series.ValidTo"/>) changes; SDMX-JSON likewise in
/// either layout. SDMX-CSV is flat whatever the options, and carries the action per row but no validity (SDMX-CSV
/// has no column for it).
/// </summary>
public static class DataWriter
{
    /// <summary>Bytes gathered before the asynchronous writer passes them on.</summary>
    private const int AsyncChunk = 1 << 16;

    /// <summary>Writes <paramref name="series"/> to <paramref name="output"/>, which is left open.</summary>
    /// <param name="output">Where the message goes.</param>
    /// <param name="format">The message format.</param>
    /// <param name="dsd">The DSD: column order and the attributes there are.</param>
    /// <param name="header">
    /// Message id, sender, prepared (now when null), the dataflow (<see cref="DataMessageHeader.StructureRef"/>,
    /// <c>AGENCY:ID(VERSION)</c>; the DSD when null) and the default action for series without one.
    /// </param>
    /// <param name="series">The series, e.g. read lazily from a store.</param>
    /// <exception cref="ArgumentException">A series has an attribute the DSD does not have, or the header cannot be written.</exception>
    /// <param name="options">The layout (series or flat); the series layout when null.</param>
    public static DataWriteResult Write(Stream output, DataFormat format, DataStructureDefinition dsd, DataMessageHeader header, IEnumerable<Series> series, DataWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(series);
        var writer = Create(output, format, dsd, header, options ?? DataWriteOptions.Default);
        writer.WriteStart();
        long seriesCount = 0, observations = 0;
        foreach (var one in series)
        {
            writer.WriteSeries(one);
            seriesCount++;
            observations += one.Observations.Count;
        }

        writer.WriteEnd();
        return new DataWriteResult(seriesCount, observations);
    }

    /// <summary>
    /// Writes series as they arrive from an asynchronous source (a store, a gRPC stream). The formatting is done
    /// into a buffer that is passed to <paramref name="output"/> asynchronously in chunks of 64 KB, so that a slow
    /// client never blocks a thread.
    /// </summary>
    public static async Task<DataWriteResult> WriteAsync(
        Stream output, DataFormat format, DataStructureDefinition dsd, DataMessageHeader header, IAsyncEnumerable<Series> series, CancellationToken cancellationToken = default,
        DataWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(series);
        using var buffer = new MemoryStream(AsyncChunk * 2);
        var writer = Create(buffer, format, dsd, header, options ?? DataWriteOptions.Default);
        writer.WriteStart();
        long seriesCount = 0, observations = 0;
        await foreach (var one in series.WithCancellation(cancellationToken))
        {
            writer.WriteSeries(one);
            seriesCount++;
            observations += one.Observations.Count;
            writer.Flush();
            if (buffer.Length >= AsyncChunk)
            {
                await Drain(buffer, output, cancellationToken);
            }
        }

        writer.WriteEnd();
        writer.Flush();
        await Drain(buffer, output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return new DataWriteResult(seriesCount, observations);
    }

    private static async Task Drain(MemoryStream buffer, Stream output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        buffer.SetLength(0);
    }

    private static SeriesWriter Create(Stream output, DataFormat format, DataStructureDefinition dsd, DataMessageHeader header, DataWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dsd);
        ArgumentNullException.ThrowIfNull(header);
        var layout = new DataLayout(dsd);
        return format switch
        {
            DataFormat.SdmxMlStructureSpecific => new StructureSpecificDataWriter(output, layout, header, options.AllDimensions),
            DataFormat.SdmxMlGeneric => new GenericDataWriter(output, layout, header, options.AllDimensions),
            DataFormat.SdmxCsv10 => new SdmxCsvWriter(output, layout, header, version2: false),
            DataFormat.SdmxCsv20 => new SdmxCsvWriter(output, layout, header, version2: true),
            DataFormat.SdmxJson10 => new SdmxJsonDataWriter(output, layout, header, version2: false, options),
            DataFormat.SdmxJson20 => new SdmxJsonDataWriter(output, layout, header, version2: true, options),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a data format"),
        };
    }
}
