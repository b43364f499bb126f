using System.Buffers.Binary;
using System.Text;
using MdgExchange.Domain.Data;
using Observation = MdgExchange.Domain.Data.Observation;
using Series = MdgExchange.Domain.Data.Series;

namespace MdgExchange.Server.Grpc;

/// <summary>A <c>SeriesBatch</c> message that is not valid protobuf (truncated, a bad length, an unknown wire type).</summary>
public sealed class MalformedBatchException(string message) : Exception(message);

/// <summary>
/// One series of a batch as the push needs it: the domain series, the action it asks for (empty: the header's), and
/// whether it continues the last series of the previous batch (<c>continues_previous</c>: a series sent in parts).
/// </summary>
public sealed record DecodedSeries(Series Series, string Action, bool ContinuesPrevious = false);

/// <summary>A decoded batch: its series and the problems the sender's reader reported outside any series.</summary>
public sealed record DecodedBatch(List<DecodedSeries> Series, List<DataReadError> Problems);

/// <summary>
/// Reads the wire bytes of a <c>mdgexchange.v1.SeriesBatch</c> straight into domain series, the way
/// <c>SeriesBatch.Parser</c> followed by a copy would, but without the protobuf object model in between:
/// short texts that repeat (codes, attribute ids, periods) are pooled, and observations whose attributes are
/// the same as the previous observation's share one dictionary, so a push of millions of values allocates
/// little. Observation attribute dictionaries are therefore shared and must be treated as read-only.
/// Semantics follow protobuf: unknown fields and fields of an unexpected wire type are skipped, the last value
/// of a repeated scalar or map key wins. One decoder per push; it is not thread-safe.
/// </summary>
public sealed class SeriesBatchDecoder
{
    private const int FieldLength = 2;
    private const int FieldVarint = 0;
    private const int FieldFixed64 = 1;
    private readonly StringPool _strings = new();
    private readonly List<KeyValuePair<string, string>> _pairs = [];
    private Dictionary<string, string>? _lastAttributes;

    public DecodedBatch Decode(ReadOnlySpan<byte> batch)
    {
        var series = new List<DecodedSeries>();
        var problems = new List<DataReadError>();
        var reader = new WireReader(batch);
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1 when wireType == FieldLength:
                    series.Add(ReadSeries(reader.ReadLengthDelimited()));
                    break;
                case 2 when wireType == FieldLength:
                    problems.Add(ReadProblem(reader.ReadLengthDelimited()));
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return new DecodedBatch(series, problems);
    }

    private DecodedSeries ReadSeries(ReadOnlySpan<byte> bytes)
    {
        var series = new Series();
        var action = "";
        var continues = false;
        List<(int Index, string Location)>? locations = null;
        var reader = new WireReader(bytes);
        _lastAttributes = null;
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 7 && wireType == FieldVarint)
            {
                continues = reader.ReadVarintValue() != 0;
                continue;
            }

            if (wireType != FieldLength)
            {
                reader.Skip(wireType);
                continue;
            }

            var value = reader.ReadLengthDelimited();
            switch (field)
            {
                case 1:
                    ReadMapEntry(value, series.Key);
                    break;
                case 2:
                    ReadMapEntry(value, series.Attributes);
                    break;
                case 3:
                    var location = ReadObservation(value, series.Observations);
                    if (location.Length > 0)
                    {
                        (locations ??= []).Add((series.Observations.Count - 1, location));
                    }

                    break;
                case 4:
                    action = _strings.Get(value);
                    break;
                case 5:
                    series.Location = value.IsEmpty ? null : Text(value);
                    break;
                case 6:
                    var problem = ReadProblem(value);
                    series.AddError(problem);
                    break;
            }
        }

        if (locations is not null)
        {
            var all = new List<string>(series.Observations.Count);
            for (var j = 0; j < series.Observations.Count; j++)
            {
                all.Add($"observations[{j}]");
            }

            foreach (var (index, location) in locations)
            {
                all[index] = location;
            }

            series.ObservationLocations = all;
        }

        return new DecodedSeries(series, action, continues);
    }

    private string ReadObservation(ReadOnlySpan<byte> bytes, List<Observation> observations)
    {
        var observation = new Observation();
        var location = "";
        _pairs.Clear();
        var reader = new WireReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1 when wireType == FieldLength:
                    observation.TimePeriod = _strings.Get(reader.ReadLengthDelimited());
                    break;
                case 2 when wireType == FieldFixed64:
                    observation.Value = reader.ReadDouble();
                    break;
                case 3 when wireType == FieldLength:
                    var (key, value) = ReadPair(reader.ReadLengthDelimited());
                    _pairs.Add(new(key, value));
                    break;
                case 4 when wireType == FieldLength:
                    location = Text(reader.ReadLengthDelimited());
                    break;
                case 5 when wireType == FieldLength:
                    var text = reader.ReadLengthDelimited();
                    observation.RawValue = text.IsEmpty ? null : Text(text);
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        observation.Attributes = SharedAttributes();
        observations.Add(observation);
        return location;
    }

    /// <summary>The previous observation's dictionary when it holds exactly these pairs; a new one otherwise.</summary>
    private Dictionary<string, string> SharedAttributes()
    {
        if (_lastAttributes is { } last && SameAsLast(last))
        {
            return last;
        }

        var attributes = new Dictionary<string, string>(_pairs.Count, StringComparer.Ordinal);
        foreach (var (key, value) in _pairs)
        {
            attributes[key] = value;
        }

        _lastAttributes = attributes;
        return attributes;
    }

    private bool SameAsLast(Dictionary<string, string> last)
    {
        // Pairs can repeat a key (the last wins), so the counts are compared only after every pair matched.
        foreach (var (key, value) in _pairs)
        {
            if (!last.TryGetValue(key, out var other) || !ReferenceEquals(other, value) && other != value)
            {
                return false;
            }
        }

        return last.Count == _pairs.Count || last.Count == _pairs.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count();
    }

    private void ReadMapEntry(ReadOnlySpan<byte> bytes, Dictionary<string, string> map)
    {
        var (key, value) = ReadPair(bytes);
        map[key] = value;
    }

    private (string Key, string Value) ReadPair(ReadOnlySpan<byte> bytes)
    {
        string key = "", value = "";
        var reader = new WireReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1 when wireType == FieldLength:
                    key = _strings.Get(reader.ReadLengthDelimited());
                    break;
                case 2 when wireType == FieldLength:
                    value = _strings.Get(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return (key, value);
    }

    private DataReadError ReadProblem(ReadOnlySpan<byte> bytes)
    {
        string location = "", component = "", message = "";
        var reader = new WireReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1 when wireType == FieldLength:
                    location = Text(reader.ReadLengthDelimited());
                    break;
                case 2 when wireType == FieldLength:
                    component = Text(reader.ReadLengthDelimited());
                    break;
                case 3 when wireType == FieldLength:
                    message = Text(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return new DataReadError(location, component.Length > 0 ? component : null, message);
    }

    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    /// <summary>Reads protobuf's wire format from one message's bytes.</summary>
    private ref struct WireReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position >= _data.Length;

        public (int Field, int WireType) ReadTag()
        {
            var tag = ReadVarint();
            if (tag >> 3 is 0 or > int.MaxValue)
            {
                throw new MalformedBatchException($"invalid field tag {tag} at byte {_position}");
            }

            return ((int)(tag >> 3), (int)(tag & 7));
        }

        public ReadOnlySpan<byte> ReadLengthDelimited()
        {
            var length = ReadVarint();
            if (length > (ulong)(_data.Length - _position))
            {
                throw new MalformedBatchException($"a field of {length} bytes at byte {_position} runs past the end of its message");
            }

            var value = _data.Slice(_position, (int)length);
            _position += (int)length;
            return value;
        }

        public ulong ReadVarintValue() => ReadVarint();

        public double ReadDouble()
        {
            Advance(8);
            return BinaryPrimitives.ReadDoubleLittleEndian(_data.Slice(_position - 8, 8));
        }

        public void Skip(int wireType)
        {
            switch (wireType)
            {
                case FieldVarint:
                    ReadVarint();
                    break;
                case FieldFixed64:
                    Advance(8);
                    break;
                case FieldLength:
                    ReadLengthDelimited();
                    break;
                case 5:
                    Advance(4);
                    break;
                default:
                    throw new MalformedBatchException($"wire type {wireType} (groups or an invalid type) at byte {_position} is not supported");
            }
        }

        private ulong ReadVarint()
        {
            ulong result = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_position >= _data.Length)
                {
                    throw new MalformedBatchException($"the message ends inside a varint at byte {_position}");
                }

                var b = _data[_position++];
                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return result;
                }
            }

            throw new MalformedBatchException($"a varint longer than 10 bytes ends at byte {_position}");
        }

        private void Advance(int count)
        {
            if (_data.Length - _position < count)
            {
                throw new MalformedBatchException($"the message ends inside a {count}-byte field at byte {_position}");
            }

            _position += count;
        }
    }

    /// <summary>
    /// Short texts seen before come back as the same string. Bounded, so that a stream of distinct texts (free-text
    /// attributes) cannot make it grow without limit: past the bound, texts are decoded and not kept.
    /// </summary>
    private sealed class StringPool
    {
        private const int MaxLength = 128;
        private const int MaxEntries = 65_536;
        private readonly HashSet<string> _set = new(StringComparer.Ordinal);
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public StringPool() => _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();

        public string Get(ReadOnlySpan<byte> utf8)
        {
            if (utf8.IsEmpty)
            {
                return "";
            }

            if (utf8.Length > MaxLength)
            {
                return Encoding.UTF8.GetString(utf8);
            }

            Span<char> chars = stackalloc char[MaxLength];
            var length = Encoding.UTF8.GetChars(utf8, chars);
            var text = chars[..length];
            if (_lookup.TryGetValue(text, out var pooled))
            {
                return pooled;
            }

            var created = new string(text);
            if (_set.Count < MaxEntries)
            {
                _set.Add(created);
            }

            return created;
        }
    }
}
