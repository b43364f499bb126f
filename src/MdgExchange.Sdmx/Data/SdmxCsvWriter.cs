using MdgExchange.Domain.Data;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// Writes SDMX-CSV 1.0 (DATAFLOW column) or 2.0 (STRUCTURE, STRUCTURE_ID, ACTION columns): then the dimensions
/// in DSD order, TIME_PERIOD, OBS_VALUE and every attribute of the DSD, one row per observation. Series
/// attributes are repeated on each row; a series without observations is one row without a period.
/// Values are invariant numbers, <c>NaN</c> for NaN and nothing for a missing value. Fields are quoted as
/// RFC 4180 says (delimiter, quote, line break inside), and rows end with CRLF.
/// </summary>
/// <remarks>
/// <para>
/// SDMX-CSV is flat: <see cref="DataWriteOptions.AllDimensions"/> changes nothing. SDMX-CSV 2.0 has no standard
/// column for the validity of a version (<see cref="Series.ValidFrom"/>, <see cref="Series.ValidTo"/>, SDMX REST
/// <c>includeHistory</c>), so it is not written: past versions come as rows like the current ones. SDMX-ML
/// carries it as the data sets' <c>validFromDate</c>/<c>validToDate</c>.
/// </para>
/// <para>
/// Written by hand rather than with CsvHelper's writer, which takes fields as strings: formatting each number
/// into a span keeps millions of observations free of allocations.
/// </para>
/// </remarks>
internal sealed class SdmxCsvWriter : SeriesWriter
{
    private const char Delimiter = ',';
    private readonly TextWriter _text;
    private readonly bool _version2;
    private readonly string _structureId;
    private readonly string[] _attributeIds;
    private readonly char[] _number = new char[32];
    private bool _firstField = true;

    // Per series: the fields before the period (structure, action, key) formatted once, and the series' attribute
    // values by column; per row only the period, the value and the observation's own attributes are looked up.
    private readonly Dictionary<string, int> _attributeIndex;
    private readonly string?[] _seriesAttributes;
    private readonly string?[] _rowAttributes;
    private readonly StringWriter _prefixWriter = new(System.Globalization.CultureInfo.InvariantCulture);
    private string _prefix = "";

    public SdmxCsvWriter(Stream output, DataLayout layout, DataMessageHeader header, bool version2)
        : base(layout, header)
    {
        _text = new StreamWriter(output, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        _version2 = version2;
        _structureId = StructureRef.ToString();
        _attributeIds = layout.AttributeIds;
        _attributeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _attributeIds.Length; i++)
        {
            _attributeIndex[_attributeIds[i]] = i;
        }

        _seriesAttributes = new string?[_attributeIds.Length];
        _rowAttributes = new string?[_attributeIds.Length];
    }

    public override void WriteStart()
    {
        if (_version2)
        {
            Field("STRUCTURE");
            Field("STRUCTURE_ID");
            Field("ACTION");
        }
        else
        {
            Field("DATAFLOW");
        }

        foreach (var id in Layout.DimensionIds)
        {
            Field(id);
        }

        Field(Layout.TimeId);
        Field(Layout.MeasureId);
        foreach (var id in _attributeIds)
        {
            Field(id);
        }

        EndRow();
    }

    public override void WriteSeries(Series series)
    {
        ArgumentNullException.ThrowIfNull(series);
        CheckAttributes(series);
        _prefix = Prefix(series);
        Array.Clear(_seriesAttributes);
        foreach (var (id, value) in series.Attributes)
        {
            _seriesAttributes[_attributeIndex[id]] = value;
        }

        if (series.Observations.Count == 0)
        {
            WriteRow(null);
        }

        foreach (var observation in series.Observations)
        {
            CheckAttributes(series, observation);
            WriteRow(observation);
        }
    }

    public override void WriteEnd() => _text.Flush();

    public override void Flush() => _text.Flush();

    /// <summary>The row's fields up to the period, with the delimiter that follows them.</summary>
    private string Prefix(Series series)
    {
        var text = _prefixWriter.GetStringBuilder().Clear();
        _firstField = true;
        if (_version2)
        {
            Field(_prefixWriter, StructureIsDsd ? "datastructure" : "dataflow");
            Field(_prefixWriter, _structureId);
            Field(_prefixWriter, ActionOf(series).Code());
        }
        else
        {
            Field(_prefixWriter, _structureId);
        }

        foreach (var id in Layout.DimensionIds)
        {
            Field(_prefixWriter, series.Key.TryGetValue(id, out var code) ? code : "");
        }

        text.Append(Delimiter);
        _firstField = true;
        return text.ToString();
    }

    private void WriteRow(Observation? observation)
    {
        _text.Write(_prefix);
        _firstField = true;
        Field(observation?.TimePeriod ?? "");
        Field(_number.AsSpan(0, ObservationValues.Format(observation?.Value, _number)));
        var row = _seriesAttributes;
        if (observation is { Attributes.Count: > 0 })
        {
            Array.Copy(_seriesAttributes, _rowAttributes, _rowAttributes.Length);
            foreach (var (id, value) in observation.Attributes)
            {
                _rowAttributes[_attributeIndex[id]] = value;
            }

            row = _rowAttributes;
        }

        foreach (var value in row)
        {
            Field(value ?? "");
        }

        EndRow();
    }

    private void Field(ReadOnlySpan<char> value) => Field(_text, value);

    private void Field(TextWriter text, ReadOnlySpan<char> value)
    {
        if (!_firstField)
        {
            text.Write(Delimiter);
        }

        _firstField = false;
        if (value.IndexOfAny("\",\r\n") < 0)
        {
            text.Write(value);
            return;
        }

        text.Write('"');
        while (value.IndexOf('"') is var quote and >= 0)
        {
            text.Write(value[..(quote + 1)]);
            text.Write('"');
            value = value[(quote + 1)..];
        }

        text.Write(value);
        text.Write('"');
    }

    private void EndRow()
    {
        _text.Write("\r\n");
        _firstField = true;
    }
}
