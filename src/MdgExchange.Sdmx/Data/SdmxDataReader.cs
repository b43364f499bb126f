using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// A data message being read: its <see cref="Header"/>, known as soon as the reader is open, and its series,
/// read one at a time from the stream by <see cref="ReadSeries"/>. The reader never holds more than one
/// series (a flat message's or CSV file's consecutive rows with the same key form one series; a key that
/// comes back later gives another <see cref="Series"/> with the same key).
/// </summary>
/// <remarks>
/// <para>Problems with single values (a value that is not a number, an unknown component, a short CSV row)
/// do not stop the reading: they are listed in <see cref="Series.Errors"/> with their line, so that an import
/// can report every error of a file at once. A problem that belongs to no series (a CSV row that cannot be
/// split into its columns, an SDMX-ML data set attribute the DSD does not have) comes as a series of its own,
/// without key or observations, that carries the error. Problems that make the rest of the message unreadable (XML that
/// is not well-formed or is truncated, a CSV header without a TIME_PERIOD column) throw
/// <see cref="SdmxFormatException"/>, possibly after some series have been returned.</para>
/// <para>Open a reader with <see cref="DataReaderFactory.Open(Stream, bool)"/>.</para>
/// </remarks>
public abstract class SdmxDataReader : IDisposable
{
    private readonly List<string> _warnings = [];
    private readonly HashSet<string> _warningKinds = new(StringComparer.Ordinal);
    private bool _started;
    private bool _disposed;

    private protected SdmxDataReader(DataFormat format) => Format = format;

    /// <summary>The format of the message.</summary>
    public DataFormat Format { get; }

    /// <summary>The header: message id, sender, prepared, the structure the data follow, the action.</summary>
    public DataMessageHeader Header { get; } = new();

    /// <summary>
    /// Things the reader tolerated and ignored, e.g. an SDMX-CSV column that is not a component of the DSD,
    /// or annotations on series. Complete once the series have been read.
    /// </summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>
    /// Reads the series, one at a time, interpreting the message with <paramref name="dsd"/> (the dimension order,
    /// which attributes belong to series and which to observations). Can be called once.
    /// </summary>
    /// <exception cref="SdmxFormatException">While enumerating: the rest of the message cannot be read.</exception>
    public IEnumerable<Series> ReadSeries(DataStructureDefinition dsd)
    {
        ArgumentNullException.ThrowIfNull(dsd);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_started)
        {
            throw new InvalidOperationException("the series of a data message can be read only once");
        }

        _started = true;
        Begin(new DataLayout(dsd));
        return Enumerate();
    }

    private IEnumerable<Series> Enumerate()
    {
        while (Next() is { } series)
        {
            yield return series;
        }
    }

    /// <summary>Prepares to read with <paramref name="layout"/>; may check the message against the DSD.</summary>
    private protected abstract void Begin(DataLayout layout);

    /// <summary>The next series, or null at the end of the message.</summary>
    private protected abstract Series? Next();

    /// <summary>Adds a warning; of those with a <paramref name="kind"/>, only the first is kept (a million annotated rows give one remark).</summary>
    private protected void Warn(string warning, string? kind = null)
    {
        if (_warnings.Count < 100 && (kind is null || _warningKinds.Add(kind)))
        {
            _warnings.Add(warning);
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) => _disposed = true;
}
