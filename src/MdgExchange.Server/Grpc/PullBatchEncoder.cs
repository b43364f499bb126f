using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Google.Protobuf;
using MdgExchange.Application.Exchange;

namespace MdgExchange.Server.Grpc;

/// <summary>
/// Writes a <c>mdgexchange.v1.PullSeriesResponse</c> straight from pulled series into wire bytes, which is what
/// <see cref="DataMapper.ToProto(PulledSeriesData, bool)"/> followed by serialisation produces, without building a
/// protobuf object per observation and attribute. The encoding of the last attribute set is kept and copied while
/// it repeats (the store hands out one dictionary per distinct set). One encoder per pull; buffers are reused
/// from one response to the next, so memory does not grow with the size of the pull.
/// </summary>
public sealed class PullBatchEncoder
{
    private const int LengthDelimited = 2;
    private const int Fixed64 = 1;
    private const int Varint = 0;
    private readonly ArrayBufferWriter<byte> _response = new(1 << 16);
    private readonly ArrayBufferWriter<byte> _series = new(1 << 12);
    private readonly ArrayBufferWriter<byte> _observation = new(256);
    private readonly ArrayBufferWriter<byte> _attributes = new(256);
    private IReadOnlyDictionary<string, string>? _lastAttributes;
    private bool _lastAttributesValid;
    private bool _taken;

    /// <summary>Bytes kept free in every response for its framing and the closing transfer id.</summary>
    private const int Reserve = 128;

    /// <summary>Series completed since the last <see cref="Take"/> (a series split over responses counts in the last).</summary>
    public int Count { get; private set; }

    /// <summary>Adds a series whole, with no bound on the response's size.</summary>
    public void Add(PulledSeriesData data, bool lineage)
    {
        foreach (var unused in Add(data, lineage, int.MaxValue))
        {
            throw new UnreachableException("an unbounded response never fills up");
        }
    }

    /// <summary>
    /// Adds a series and yields every response that filled up meanwhile, so that no response grows over
    /// <paramref name="maxBytes"/>: a series larger than that is split over consecutive responses, each chunk with
    /// the series' key and attributes repeated. Each yielded response must be written before the enumeration goes on.
    /// </summary>
    public IEnumerable<ReadOnlyMemory<byte>> Add(PulledSeriesData data, bool lineage, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(data);
        StartIfTaken();
        var series = _series;
        series.ResetWrittenCount();
        WriteHead(series, data);
        var head = series.WrittenCount;
        var room = Math.Max(maxBytes - Reserve, 1);
        foreach (var o in data.Observations)
        {
            EncodeObservation(o, lineage);
            var needed = _observation.WrittenCount + 8;
            if (_response.WrittenCount + series.WrittenCount + needed > room)
            {
                if (series.WrittenCount > head)
                {
                    WriteBytes(_response, 1, series.WrittenSpan);
                    series.ResetWrittenCount();
                    WriteHead(series, data);
                }

                if (_response.WrittenCount > 0)
                {
                    yield return TakeChunk();
                    StartIfTaken();
                }
            }

            WriteBytes(series, 4, _observation.WrittenSpan);
        }

        foreach (var annotation in data.Annotations)
        {
            WriteBytes(series, 5, DataMapper.ToProto(annotation).ToByteArray());
        }

        if (lineage && data.Series.AttributesTransferId is { } attributesTransfer)
        {
            WriteString(series, 6, attributesTransfer.ToString());
        }

        if (_response.WrittenCount > 0 && _response.WrittenCount + series.WrittenCount + 8 > room)
        {
            yield return TakeChunk();
            StartIfTaken();
        }

        WriteBytes(_response, 1, series.WrittenSpan);
        Count++;
    }

    private void WriteHead(ArrayBufferWriter<byte> series, PulledSeriesData data)
    {
        foreach (var (key, value) in data.Series.KeyValues)
        {
            WriteMapEntry(series, 1, key, value);
        }

        WriteString(series, 2, data.Series.SeriesKey);
        foreach (var (key, value) in data.Series.Attributes)
        {
            WriteMapEntry(series, 3, key, value);
        }
    }

    private void EncodeObservation(MdgExchange.Storage.StoredObservation o, bool lineage)
    {
        var observation = _observation;
        observation.ResetWrittenCount();
        WriteString(observation, 1, o.TimePeriod);
        if (o.Value is { } value)
        {
            WriteTag(observation, 2, Fixed64);
            BinaryPrimitives.WriteDoubleLittleEndian(observation.GetSpan(8), value);
            observation.Advance(8);
        }

        observation.Write(EncodedAttributes(o.Attributes));
        if (lineage)
        {
            WriteString(observation, 4, o.TransferId.ToString());
            WriteTimestamp(observation, 5, o.ValidFrom);
        }
    }

    /// <summary>A full response in the middle of a pull: the series completed in it are no longer counted.</summary>
    private ReadOnlyMemory<byte> TakeChunk()
    {
        var bytes = _response.WrittenMemory;
        Count = 0;
        _taken = true;
        return bytes;
    }

    /// <summary>
    /// The response so far (with the transfer id when given, on the last response of a pull) and a fresh start.
    /// The memory is the encoder's own: it stays valid until the next <c>Add</c>.
    /// </summary>
    public ReadOnlyMemory<byte> Take(string? transferId = null)
    {
        StartIfTaken();
        if (!string.IsNullOrEmpty(transferId))
        {
            WriteString(_response, 2, transferId);
        }

        var bytes = _response.WrittenMemory;
        Count = 0;
        _taken = true;
        return bytes;
    }

    private void StartIfTaken()
    {
        if (_taken)
        {
            _response.ResetWrittenCount();
            _taken = false;
        }
    }

    private ReadOnlySpan<byte> EncodedAttributes(IReadOnlyDictionary<string, string> attributes)
    {
        if (!_lastAttributesValid || !ReferenceEquals(attributes, _lastAttributes))
        {
            _attributes.ResetWrittenCount();
            foreach (var (key, value) in attributes)
            {
                WriteMapEntry(_attributes, 3, key, value);
            }

            _lastAttributes = attributes;
            _lastAttributesValid = true;
        }

        return _attributes.WrittenSpan;
    }

    private static void WriteMapEntry(ArrayBufferWriter<byte> output, int field, string key, string value)
    {
        var keyLength = Encoding.UTF8.GetByteCount(key);
        var valueLength = Encoding.UTF8.GetByteCount(value);
        var entryLength = 1 + CodedOutputStream.ComputeLengthSize(keyLength) + keyLength + 1 + CodedOutputStream.ComputeLengthSize(valueLength) + valueLength;
        WriteTag(output, field, LengthDelimited);
        WriteVarint(output, (ulong)entryLength);
        WriteString(output, 1, key, keyLength, always: true);
        WriteString(output, 2, value, valueLength, always: true);
    }

    private static void WriteString(ArrayBufferWriter<byte> output, int field, string value) =>
        WriteString(output, field, value, Encoding.UTF8.GetByteCount(value), always: false);

    private static void WriteString(ArrayBufferWriter<byte> output, int field, string value, int length, bool always)
    {
        if (length == 0 && !always)
        {
            return; // proto3: an empty string is not written
        }

        WriteTag(output, field, LengthDelimited);
        WriteVarint(output, (ulong)length);
        Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(length);
    }

    private static void WriteBytes(ArrayBufferWriter<byte> output, int field, ReadOnlySpan<byte> value)
    {
        WriteTag(output, field, LengthDelimited);
        WriteVarint(output, (ulong)value.Length);
        output.Write(value);
    }

    private static void WriteTimestamp(ArrayBufferWriter<byte> output, int field, DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        var nanos = (int)(remainder * 100);
        var length = (seconds != 0 ? 1 + CodedOutputStream.ComputeInt64Size(seconds) : 0) + (nanos != 0 ? 1 + CodedOutputStream.ComputeInt32Size(nanos) : 0);
        WriteTag(output, field, LengthDelimited);
        WriteVarint(output, (ulong)length);
        if (seconds != 0)
        {
            WriteTag(output, 1, Varint);
            WriteVarint(output, (ulong)seconds);
        }

        if (nanos != 0)
        {
            WriteTag(output, 2, Varint);
            WriteVarint(output, (ulong)nanos);
        }
    }

    private static void WriteTag(ArrayBufferWriter<byte> output, int field, int wireType) => WriteVarint(output, (ulong)((field << 3) | wireType));

    private static void WriteVarint(ArrayBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        output.Advance(i);
    }
}
