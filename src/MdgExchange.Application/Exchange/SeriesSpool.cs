using System.Security.Cryptography;
using MdgExchange.Domain.Data;

namespace MdgExchange.Application.Exchange;

/// <summary>
/// The push use case's private spool: the series of a push, as the Domain holds them, written to a temporary file as
/// they arrive and read back once the whole push is known to be valid. Its format is nobody else's business (no
/// transport's bytes): a tagged, length-prefixed binary record per series. Everything written is also hashed, so the
/// push's payload checksum (for idempotency keys) is the same whichever transport or file format carried the series.
/// The file is deleted when the spool is disposed, or by the operating system if the process dies.
/// </summary>
internal sealed class SeriesSpool : IAsyncDisposable, IDisposable
{
    private const byte SeriesTag = 1;
    private const byte NoAction = byte.MaxValue;
    private const byte HasValue = 1, HasRawValue = 2, IsNaN = 4;

    private readonly FileStream _file;

    // Each series is written to this buffer first, hashed from it and copied to the file: no read-back.
    private readonly MemoryStream _record = new();
    private readonly BinaryWriter _writer;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    private SeriesSpool(FileStream file, string context)
    {
        _file = file;
        _writer = new BinaryWriter(_record, System.Text.Encoding.UTF8, leaveOpen: true);
        _hash.AppendData(System.Text.Encoding.UTF8.GetBytes(context + "\n"));
    }

    /// <summary>A new spool in the temporary folder; <paramref name="context"/> (dataflow, action, embargo) starts the checksum.</summary>
    public static SeriesSpool Create(string context) =>
        new(new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose), context);

    /// <summary>Series spooled so far.</summary>
    public int Count { get; private set; }

    public void Append(Series series, DataAction? action)
    {
        ArgumentNullException.ThrowIfNull(series);
        _record.SetLength(0);
        _writer.Write(SeriesTag);
        _writer.Write(action is { } a ? (byte)a : NoAction);
        WriteOptional(series.Location);
        WritePairs(series.Key);
        WritePairs(series.Attributes);
        _writer.Write(series.Observations.Count);
        foreach (var observation in series.Observations)
        {
            _writer.Write(observation.TimePeriod);
            var flags = (byte)((observation.Value is null ? 0 : HasValue) | (observation.RawValue is null ? 0 : HasRawValue) | (observation.Value is { } v && double.IsNaN(v) ? IsNaN : 0));
            _writer.Write(flags);
            if (observation.Value is { } value && !double.IsNaN(value))
            {
                _writer.Write(value);
            }

            if (observation.RawValue is { } raw)
            {
                _writer.Write(raw);
            }

            WritePairs(observation.Attributes);
        }

        var locations = series.ObservationLocations;
        _writer.Write(locations?.Count ?? -1);
        foreach (var location in locations ?? [])
        {
            _writer.Write(location);
        }

        _writer.Flush();
        var bytes = _record.GetBuffer().AsSpan(0, (int)_record.Length);
        _hash.AppendData(bytes);
        _file.Write(bytes);
        Count++;
    }

    /// <summary>The SHA-256 of the context and every series spooled, lower-case hex.</summary>
    public string Checksum() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    /// <summary>Reads every series back, in the order spooled.</summary>
    public IEnumerable<(Series Series, DataAction? Action)> Replay()
    {
        _file.Flush();
        _file.Position = 0;
        using var reader = new BinaryReader(_file, System.Text.Encoding.UTF8, leaveOpen: true);
        for (var i = 0; i < Count; i++)
        {
            if (reader.ReadByte() != SeriesTag)
            {
                throw new InvalidDataException($"the push spool is damaged at series {i}");
            }

            var action = reader.ReadByte();
            var series = new Series { Location = ReadOptional(reader) };
            ReadPairs(reader, series.Key);
            ReadPairs(reader, series.Attributes);
            var count = reader.ReadInt32();
            series.Observations = new List<Observation>(count);
            for (var j = 0; j < count; j++)
            {
                var observation = new Observation { TimePeriod = reader.ReadString() };
                var flags = reader.ReadByte();
                if ((flags & IsNaN) != 0)
                {
                    observation.Value = double.NaN;
                }
                else if ((flags & HasValue) != 0)
                {
                    observation.Value = reader.ReadDouble();
                }

                if ((flags & HasRawValue) != 0)
                {
                    observation.RawValue = reader.ReadString();
                }

                ReadPairs(reader, observation.Attributes);
                series.Observations.Add(observation);
            }

            var locations = reader.ReadInt32();
            if (locations >= 0)
            {
                series.ObservationLocations = new List<string>(locations);
                for (var j = 0; j < locations; j++)
                {
                    series.ObservationLocations.Add(reader.ReadString());
                }
            }

            yield return (series, action == NoAction ? null : (DataAction)action);
        }

        _file.Seek(0, SeekOrigin.End);
    }

    private void WriteOptional(string? text)
    {
        _writer.Write(text is not null);
        if (text is not null)
        {
            _writer.Write(text);
        }
    }

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private void WritePairs(Dictionary<string, string> pairs)
    {
        _writer.Write(pairs.Count);
        foreach (var (key, value) in pairs)
        {
            _writer.Write(key);
            _writer.Write(value);
        }
    }

    private static void ReadPairs(BinaryReader reader, Dictionary<string, string> into)
    {
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            into[reader.ReadString()] = reader.ReadString();
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        _record.Dispose();
        _hash.Dispose();
        _file.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _record.DisposeAsync();
        _hash.Dispose();
        await _file.DisposeAsync();
    }
}
