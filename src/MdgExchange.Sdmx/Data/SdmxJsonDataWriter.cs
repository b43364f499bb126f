using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using MdgExchange.Domain.Data;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// Writes SDMX-JSON data messages, 1.0 (<c>data.structure</c>) or 2.0.0 (<c>data.structures</c>), streaming: each
/// series is written as it arrives. Series layout (dimensionAtObservation TIME_PERIOD): a data set's <c>series</c>
/// are keyed by the indices of their dimension values (<c>"0:3:1"</c>), carry the indices of their attribute values
/// and their <c>observations</c>, keyed by the index of the period, <c>[value, attribute indices...]</c>. Flat layout
/// (<see cref="DataWriteOptions.AllDimensions"/>): the data set has <c>observations</c> keyed by every dimension and the
/// period, each carrying every attribute.
/// </summary>
/// <remarks>
/// <para>
/// The indices refer to the <c>values</c> lists of the structure section, which holds only the values used. So the
/// data sets are written first and the structure after them (JSON members have no order): while writing, one
/// dictionary per dimension, the period and each attribute gives every value its index, which bounds the memory by
/// the number of distinct codes rather than the number of observations.
/// </para>
/// <para>
/// A data set is opened for each run of series with the same action and validity (<see cref="Series.ValidFrom"/>,
/// <see cref="Series.ValidTo"/>, the data set's <c>validFrom</c> and <c>validTo</c> in both versions). Attributes go
/// where <see cref="DataLayout"/> puts them: those attached to the data set, a group or the series key with the series,
/// those attached to the measure with the observations (in the flat layout, all with the observations); their
/// <c>relationship</c> says what the DSD says. Values are JSON numbers; NaN (and any other value that is not finite) is
/// the string <c>"NaN"</c>, an absent value <c>null</c>.
/// </para>
/// <para>
/// The DSD gives no names for components and codes, so their ids are their names (in <c>en</c>). Values that are not
/// SDMX ids (texts of uncoded attributes, periods such as date-times) are written as <c>value</c> in 2.0.0 and, for
/// attributes, as <c>name</c> in 1.0; 1.0 has no such place for dimension values, so a period that is not an SDMX id
/// (a date-time, a range) is written as an id there, which its schema's id pattern refuses.
/// </para>
/// <para>
/// Every series key must have a code for every dimension (the key is a list of indices). A series without
/// observations is a series with empty <c>observations</c>; in the flat layout, which has no series, it is an
/// observation keyed without the period, valued null, carrying the series' attributes. A series-level attribute given
/// on an observation is refused in the series layout unless the series has the same value, rather than dropped.
/// </para>
/// </remarks>
internal sealed partial class SdmxJsonDataWriter : SeriesWriter
{
    /// <summary>Bytes gathered before they are passed to the output stream.</summary>
    private const int FlushAt = 1 << 16;

    /// <summary>Digits of the largest index, plus the colon before it.</summary>
    private const int IndexBytes = 11;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Utf8JsonWriter _json;
    private readonly bool _version2;
    private readonly bool _flat;

    /// <summary>Per dimension (key order), the codes written so far and their indices.</summary>
    private readonly ValueIndex[] _dimensions;
    private readonly ValueIndex _periods = new();

    /// <summary>Per attribute (DSD order), the values written so far and their indices.</summary>
    private readonly ValueIndex[] _attributeValues;

    /// <summary>Per attribute (DSD order), its position in a series' <c>attributes</c>, or -1 when it goes with the observations.</summary>
    private readonly int[] _seriesPosition;

    /// <summary>Per attribute (DSD order), its position after the value in an observation, or -1 when it goes with the series.</summary>
    private readonly int[] _observationPosition;

    /// <summary>The attributes (DSD indices) written with the series, then those written with the observations, in position order.</summary>
    private readonly int[] _seriesAttributes;
    private readonly int[] _observationAttributes;

    /// <summary>The series in hand: value index per series attribute position, -1 when it has none.</summary>
    private readonly int[] _seriesValues;

    /// <summary>The series in hand: value index per observation attribute position that the series gives, else -1.</summary>
    private readonly int[] _inherited;

    /// <summary>The observation in hand: value index per observation attribute position, else -1.</summary>
    private readonly int[] _observationValues;

    /// <summary>The series key as UTF-8 (<c>0:3:1</c>), with room after it for the period of the flat layout.</summary>
    private readonly byte[] _key;
    private readonly char[] _number = new char[32];
    private int _keyLength;

    private bool _dataSetOpen;
    private int _dataSetCount;
    private DataAction _action;
    private DateTimeOffset? _validFrom;
    private DateTimeOffset? _validTo;

    public SdmxJsonDataWriter(Stream output, DataLayout layout, DataMessageHeader header, bool version2, DataWriteOptions options)
        : base(layout, header)
    {
        ArgumentNullException.ThrowIfNull(options);
        _json = new Utf8JsonWriter(output, Options);
        _version2 = version2;
        _flat = options.AllDimensions;
        _dimensions = new ValueIndex[layout.DimensionIds.Length];
        for (var i = 0; i < _dimensions.Length; i++)
        {
            _dimensions[i] = new ValueIndex();
        }

        var attributes = layout.AttributeIds.Length;
        _attributeValues = new ValueIndex[attributes];
        _seriesPosition = new int[attributes];
        _observationPosition = new int[attributes];
        var series = new List<int>();
        var observation = new List<int>();
        for (var i = 0; i < attributes; i++)
        {
            _attributeValues[i] = new ValueIndex();
            var withSeries = !_flat && layout.TryFind(layout.AttributeIds[i], out var slot) && slot.Kind == ComponentKind.SeriesAttribute;
            _seriesPosition[i] = withSeries ? series.Count : -1;
            _observationPosition[i] = withSeries ? -1 : observation.Count;
            (withSeries ? series : observation).Add(i);
        }

        _seriesAttributes = [.. series];
        _observationAttributes = [.. observation];
        _seriesValues = new int[_seriesAttributes.Length];
        _inherited = new int[_observationAttributes.Length];
        _observationValues = new int[_observationAttributes.Length];
        _key = new byte[(_dimensions.Length + 1) * IndexBytes];
    }

    public override void WriteStart()
    {
        var (id, sender) = HeaderIds();
        _json.WriteStartObject();
        _json.WriteStartObject("meta"u8);
        _json.WriteString("schema"u8, _version2
            ? "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/2.0.0/sdmx-json-data-schema.json"
            : "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/1.0/sdmx-json-data-schema.json");
        _json.WriteString("id"u8, id);
        _json.WriteBoolean("test"u8, false);
        _json.WriteString("prepared"u8, MessageHeader.Prepared ?? DateTimeOffset.UtcNow);
        _json.WriteStartArray("contentLanguages"u8);
        _json.WriteStringValue(Language);
        _json.WriteEndArray();
        _json.WriteStartObject("sender"u8);
        _json.WriteString("id"u8, sender);
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.WriteStartObject("data"u8);
        _json.WriteStartArray("dataSets"u8);
    }

    public override void WriteSeries(Series series)
    {
        ArgumentNullException.ThrowIfNull(series);
        CheckAttributes(series);
        BuildKey(series);
        IndexSeriesAttributes(series);
        EnterDataSet(ActionOf(series), series.ValidFrom, series.ValidTo);
        if (_flat)
        {
            WriteFlat(series);
        }
        else
        {
            WriteSeriesObject(series);
        }

        FlushWhenFull();
    }

    public override void WriteEnd()
    {
        if (!_dataSetOpen)
        {
            // A message without series still has a data set: the 2.0.0 structure must name at least one.
            EnterDataSet(MessageHeader.Action ?? DataAction.Information, null, null);
        }

        CloseDataSet();
        _json.WriteEndArray();
        WriteStructure();
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
    }

    public override void Flush() => _json.Flush();

    private void FlushWhenFull()
    {
        if (_json.BytesPending >= FlushAt)
        {
            _json.Flush();
        }
    }

    /// <summary>Writes the series key's indices into <see cref="_key"/>; every dimension must have a code.</summary>
    private void BuildKey(Series series)
    {
        var length = 0;
        for (var i = 0; i < _dimensions.Length; i++)
        {
            var id = Layout.DimensionIds[i];
            if (!series.Key.TryGetValue(id, out var code) || string.IsNullOrEmpty(code))
            {
                throw new ArgumentException($"series {Layout.KeyText(series.Key)}: it has no code for '{id}', and an SDMX-JSON series key needs every dimension", nameof(series));
            }

            if (i > 0)
            {
                _key[length++] = (byte)':';
            }

            Utf8Formatter.TryFormat(_dimensions[i].IndexOf(code), _key.AsSpan(length), out var written);
            length += written;
        }

        _keyLength = length;
    }

    /// <summary>Fills <see cref="_seriesValues"/> and <see cref="_inherited"/> from the series' attributes.</summary>
    private void IndexSeriesAttributes(Series series)
    {
        _seriesValues.AsSpan().Fill(-1);
        _inherited.AsSpan().Fill(-1);
        foreach (var (id, value) in series.Attributes)
        {
            Layout.TryFind(id, out var slot);
            var index = _attributeValues[slot.Index].IndexOf(value);
            if (_seriesPosition[slot.Index] is var position and >= 0)
            {
                _seriesValues[position] = index;
            }
            else
            {
                // An observation-level attribute the series gives holds for each of its observations (as in SDMX-CSV).
                _inherited[_observationPosition[slot.Index]] = index;
            }
        }
    }

    private void EnterDataSet(DataAction action, DateTimeOffset? validFrom, DateTimeOffset? validTo)
    {
        if (_dataSetOpen && action == _action && validFrom == _validFrom && validTo == _validTo)
        {
            return;
        }

        CloseDataSet();
        _json.WriteStartObject();
        if (_version2)
        {
            _json.WriteNumber("structure"u8, 0);
        }

        _json.WriteString("action"u8, ActionName(action));
        if (validFrom is { } from)
        {
            _json.WriteString("validFrom"u8, from);
        }

        if (validTo is { } to)
        {
            _json.WriteString("validTo"u8, to);
        }

        WriteLinks();
        _json.WriteStartObject(_flat ? "observations"u8 : "series"u8);
        (_dataSetOpen, _action, _validFrom, _validTo) = (true, action, validFrom, validTo);
        _dataSetCount++;
    }

    private void CloseDataSet()
    {
        if (_dataSetOpen)
        {
            _json.WriteEndObject();
            _json.WriteEndObject();
            _dataSetOpen = false;
        }
    }

    private void WriteSeriesObject(Series series)
    {
        _json.WriteStartObject(_key.AsSpan(0, _keyLength));
        if (_seriesAttributes.Length > 0)
        {
            _json.WriteStartArray("attributes"u8);
            foreach (var index in _seriesValues)
            {
                WriteIndex(index);
            }

            _json.WriteEndArray();
        }

        _json.WriteStartObject("observations"u8);
        Span<byte> name = stackalloc byte[IndexBytes];
        foreach (var observation in series.Observations)
        {
            Utf8Formatter.TryFormat(_periods.IndexOf(observation.TimePeriod), name, out var written);
            _json.WritePropertyName(name[..written]);
            WriteObservation(series, observation);
        }

        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    private void WriteFlat(Series series)
    {
        if (series.Observations.Count == 0)
        {
            // No period to key it by: the key without the period, so that the series and its attributes are not lost.
            _json.WritePropertyName(_key.AsSpan(0, _keyLength));
            WriteObservation(series, null);
            return;
        }

        var start = _keyLength;
        if (start > 0)
        {
            _key[start++] = (byte)':';
        }

        foreach (var observation in series.Observations)
        {
            Utf8Formatter.TryFormat(_periods.IndexOf(observation.TimePeriod), _key.AsSpan(start), out var written);
            _json.WritePropertyName(_key.AsSpan(0, start + written));
            WriteObservation(series, observation);
        }
    }

    /// <summary>Writes <c>[value, attribute indices...]</c>, without the trailing attributes the observation does not have.</summary>
    private void WriteObservation(Series series, Observation? observation)
    {
        var values = _observationValues;
        _inherited.CopyTo(values, 0);
        if (observation is not null && observation.Attributes.Count > 0)
        {
            IndexObservationAttributes(series, observation);
        }

        _json.WriteStartArray();
        switch (observation?.Value)
        {
            case null:
                _json.WriteNullValue();
                break;
            case { } value when double.IsFinite(value):
                _json.WriteNumberValue(value);
                break;
            case { } value:
                _json.WriteStringValue(_number.AsSpan(0, ObservationValues.Format(value, _number)));
                break;
        }

        var last = values.Length - 1;
        while (last >= 0 && values[last] < 0)
        {
            last--;
        }

        for (var i = 0; i <= last; i++)
        {
            WriteIndex(values[i]);
        }

        _json.WriteEndArray();
        FlushWhenFull();
    }

    private void IndexObservationAttributes(Series series, Observation observation)
    {
        foreach (var (id, value) in observation.Attributes)
        {
            if (!Layout.TryFind(id, out var slot) || slot.Kind is not (ComponentKind.SeriesAttribute or ComponentKind.ObservationAttribute))
            {
                CheckAttributes(series, observation);
                continue;
            }

            if (_observationPosition[slot.Index] is var position and >= 0)
            {
                _observationValues[position] = _attributeValues[slot.Index].IndexOf(value);
            }
            else if (!series.Attributes.TryGetValue(id, out var ofSeries) || !string.Equals(ofSeries, value, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"series {Layout.KeyText(series.Key)}, {observation.TimePeriod}: '{id}' is attached to the series but given on the observation, and the series layout has no place for it",
                    nameof(series));
            }
        }
    }

    private void WriteIndex(int index)
    {
        if (index < 0)
        {
            _json.WriteNullValue();
        }
        else
        {
            _json.WriteNumberValue(index);
        }
    }

    private void WriteLinks()
    {
        _json.WriteStartArray("links"u8);
        _json.WriteStartObject();
        _json.WriteString("rel"u8, StructureIsDsd ? "datastructure"u8 : "dataflow"u8);
        _json.WriteString("urn"u8, StructureRef.Urn);
        _json.WriteEndObject();
        _json.WriteEndArray();
    }

    /// <summary>The values of one component in the order they were first written, each with its index.</summary>
    private sealed class ValueIndex
    {
        private readonly Dictionary<string, int> _indices = new(StringComparer.Ordinal);

        public List<string> Values { get; } = [];

        public int IndexOf(string value)
        {
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_indices, value, out var exists);
            if (!exists)
            {
                index = Values.Count;
                Values.Add(value);
            }

            return index;
        }
    }
}
