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

    public SdmxCsvWriter(Stream output, DataLayout layout, DataMessageHeader header, bool version2)
        : base(layout, header)
    {
        _text = new StreamWriter(output, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        _version2 = version2;
        _structureId = StructureRef.ToString();
        _attributeIds = layout.AttributeIds;
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
        if (series.Observations.Count == 0)
        {
            WriteRow(series, null);
        }

        foreach (var observation in series.Observations)
        {
            CheckAttributes(series, observation);
            WriteRow(series, observation);
        }
    }

    public override void WriteEnd() => _text.Flush();

    public override void Flush() => _text.Flush();

    private void WriteRow(Series series, Observation? observation)
    {
        if (_version2)
        {
            Field(StructureIsDsd ? "datastructure" : "dataflow");
            Field(_structureId);
            Field(ActionOf(series).Code());
        }
        else
        {
            Field(_structureId);
        }

        foreach (var id in Layout.DimensionIds)
        {
            Field(series.Key.TryGetValue(id, out var code) ? code : "");
        }

        Field(observation?.TimePeriod ?? "");
        Field(_number.AsSpan(0, ObservationValues.Format(observation?.Value, _number)));
        foreach (var id in _attributeIds)
        {
            if (observation is not null && observation.Attributes.TryGetValue(id, out var own))
            {
                Field(own);
            }
            else
            {
                Field(series.Attributes.TryGetValue(id, out var inherited) ? inherited : "");
            }
        }

        EndRow();
    }

    private void Field(ReadOnlySpan<char> value)
    {
        if (!_firstField)
        {
            _text.Write(Delimiter);
        }

        _firstField = false;
        if (value.IndexOfAny("\",\r\n") < 0)
        {
            _text.Write(value);
            return;
        }

        _text.Write('"');
        while (value.IndexOf('"') is var quote and >= 0)
        {
            _text.Write(value[..(quote + 1)]);
            _text.Write('"');
            value = value[(quote + 1)..];
        }

        _text.Write(value);
        _text.Write('"');
    }

    private void EndRow()
    {
        _text.Write("\r\n");
        _firstField = true;
    }
}
