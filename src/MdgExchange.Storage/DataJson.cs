using System.Buffers;
using System.Collections.ObjectModel;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MdgExchange.Storage;

/// <summary>
/// Writes attribute sets as canonical JSON objects (keys in ordinal order), so that two sets are equal exactly
/// when their JSON texts are. Consecutive observations usually carry the same attributes: the last set written
/// is remembered, and an equal one reuses its text instead of being serialised again. Not thread-safe.
/// </summary>
internal sealed class AttributeJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private KeyValuePair<string, string>[] _last = [];
    private string? _lastJson;

    /// <summary>The canonical JSON of <paramref name="attributes"/>, or null when there are none.</summary>
    public string? Write(IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return null;
        }

        if (_lastJson is not null && SameAsLast(attributes))
        {
            return _lastJson;
        }

        var pairs = attributes.ToArray();
        Array.Sort(pairs, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, Options))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in pairs)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        _last = pairs;
        _lastJson = Encoding.UTF8.GetString(_buffer.WrittenSpan);
        return _lastJson;
    }

    private bool SameAsLast(IReadOnlyDictionary<string, string> attributes)
    {
        if (attributes.Count != _last.Length)
        {
            return false;
        }

        foreach (var (key, value) in _last)
        {
            if (!attributes.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A series' attribute version: '{}' when it has none.</summary>
    public string WriteVersion(IReadOnlyDictionary<string, string>? attributes) => Write(attributes) ?? "{}";

    /// <summary>A series key's dimension values, in the order given (the structure's dimension order).</summary>
    public static string WriteKeyValues(IReadOnlyDictionary<string, string> keyValues) => JsonSerializer.Serialize(keyValues);
}

/// <summary>
/// Reads the JSON attribute sets and other repeated values of a query, keeping the ones already seen: a pull
/// reads the same few attribute sets, transfer ids and instants millions of times. The caches are bounded.
/// </summary>
internal sealed class DataReaderCache
{
    private const int MaxEntries = 4096;

    public static readonly IReadOnlyDictionary<string, string> NoAttributes =
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(StringComparer.Ordinal));

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _attributes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _transferIds = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Attributes(string? json)
    {
        if (json is null)
        {
            return NoAttributes;
        }

        if (!_attributes.TryGetValue(json, out var attributes))
        {
            if (_attributes.Count >= MaxEntries)
            {
                _attributes.Clear();
            }

            attributes = ParseObject(json);
            _attributes.Add(json, attributes);
        }

        return attributes;
    }

    public Guid TransferId(string text)
    {
        if (!_transferIds.TryGetValue(text, out var id))
        {
            if (_transferIds.Count >= MaxEntries)
            {
                _transferIds.Clear();
            }

            id = TransferIds.Parse(text);
            _transferIds.Add(text, id);
        }

        return id;
    }

    /// <summary>A JSON object of strings, in document order, read-only.</summary>
    public static IReadOnlyDictionary<string, string> ParseObject(string json)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(json)
            ?? throw new InvalidOperationException("a stored JSON object is null");
        return values.Count == 0 ? NoAttributes : new ReadOnlyDictionary<string, string>(values);
    }
}

/// <summary>Keys and values shared by the dialects' data stores.</summary>
internal static class DataKeys
{
    public const string SeriesDimension = "SERIES";
    public const string RefAreaDimension = "REF_AREA";

    public static string? SeriesCode(IReadOnlyDictionary<string, string> keyValues) =>
        keyValues.TryGetValue(SeriesDimension, out var code) ? code : null;

    public static string? RefArea(IReadOnlyDictionary<string, string> keyValues) =>
        keyValues.TryGetValue(RefAreaDimension, out var area) ? area : null;

    /// <summary>The JSON path of an attribute in the stored attribute objects: <c>$."SOURCE_DETAIL"</c>.</summary>
    /// <exception cref="ArgumentException">Not an SDMX component id (the path is built from it, so it must be one).</exception>
    public static string JsonPath(string attribute)
    {
        if (!MdgExchange.Domain.Structure.Identifiers.IsValidId(attribute))
        {
            throw new ArgumentException($"'{attribute}' is not an SDMX component id", nameof(attribute));
        }

        return $"$.\"{attribute}\"";
    }

    /// <summary>The positional values a <see cref="DataQuery.KeyFilter"/> receives.</summary>
    public static string[] Positions(string seriesKey) => seriesKey.Split('.');

    public static bool Matches(DataQuery query, string seriesKey) =>
        query.KeyFilter is null || query.KeyFilter(Positions(seriesKey));

    public static void CheckSession(Guid transferId, Transfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        if (transfer.TransferId != transferId)
        {
            throw new ArgumentException(
                $"the session writes transfer {transferId}, not {transfer.TransferId}: the data's lineage would name another transfer",
                nameof(transfer));
        }
    }

    public static void CheckAnnotation(SeriesAnnotation annotation, Transfer transfer)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        ArgumentNullException.ThrowIfNull(transfer);
        if (annotation.TransferId != transfer.TransferId)
        {
            throw new ArgumentException(
                $"annotation {annotation.AnnotationId} names transfer {annotation.TransferId}, not {transfer.TransferId}", nameof(transfer));
        }
    }
}
