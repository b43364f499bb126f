using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MdgExchange.Domain.Data;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// Reads SDMX-CSV 1.0 and 2.0 data with CsvHelper's parser, row by row. Consecutive rows with the same key
/// (and, in 2.0, the same ACTION) form one series. Columns may come in any order; columns that are not
/// components of the DSD are custom columns and are ignored with a warning.
/// </summary>
internal sealed class SdmxCsvReader : SdmxDataReader
{
    private readonly CsvParser _parser;
    private readonly SdmxCsvHeader _header;
    private List<string>? _badFields;
    private bool _pending;
    private int _line;
    private DataLayout _layout = null!;
    private SeriesAssembler _assembler = null!;
    private int[] _dimensionColumns = [];
    private (int Column, int Attribute, bool AtObservation)[] _attributeColumns = [];
    private int _timeColumn = -1;
    private int _measureColumn = -1;
    private string?[] _rowKey = [];
    private Series? _queued;

    public SdmxCsvReader(PeekStream stream, DataFormat format, char delimiter)
        : base(format)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            Mode = CsvMode.RFC4180,
            // No field cache: CsvHelper's grows with every distinct value (each number, each comment) and never
            // shrinks, so a reader of a large file would keep much of it in memory.
            CacheFields = false,
            IgnoreBlankLines = false, // skipped here, so that line numbers stay right
            BufferSize = 1 << 16,
            BadDataFound = args => (_badFields ??= []).Add(args.Field),
        };

        // Invalid UTF-8 is an error, not silently replaced text.
        var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        _parser = new CsvParser(text, configuration);
        if (!ReadRecord())
        {
            throw SdmxCsvHeader.Error("the file is empty: it has no SDMX-CSV header", 0);
        }

        _header = SdmxCsvHeader.Parse(_parser.Record!, format);
        if (format == DataFormat.SdmxCsv20 && _header.ActionColumn < 0)
        {
            Header.Action = DataAction.Information; // SDMX-CSV 2.0: no ACTION column means Information for the whole message
        }

        _pending = ReadRecord();
        if (_pending && _parser.Count > _header.StructureIdColumn)
        {
            Header.StructureRef = Unlabel(_parser[_header.StructureIdColumn]);
            Header.StructureIsDsd = _header.StructureColumn >= 0 && string.Equals(_parser[_header.StructureColumn], "datastructure", StringComparison.OrdinalIgnoreCase);
        }
    }

    private protected override void Begin(DataLayout layout)
    {
        _layout = layout;
        _assembler = new SeriesAssembler(layout);
        _rowKey = new string?[layout.DimensionIds.Length];
        _dimensionColumns = new int[layout.DimensionIds.Length];
        Array.Fill(_dimensionColumns, -1);
        var attributes = new List<(int, int, bool)>();
        for (var column = 0; column < _header.Columns.Length; column++)
        {
            var id = _header.Columns[column];
            if (_header.IsFixed(column))
            {
                continue;
            }

            if (!layout.TryFind(id, out var slot))
            {
                Warn($"column {column + 1} '{id}' is not a component of {layout.DsdName}; it was ignored");
                continue;
            }

            switch (slot.Kind)
            {
                case ComponentKind.Dimension:
                    _dimensionColumns[slot.Index] = column;
                    break;
                case ComponentKind.Time:
                    _timeColumn = column;
                    break;
                case ComponentKind.Measure:
                    _measureColumn = column;
                    break;
                default:
                    attributes.Add((column, slot.Index, slot.Kind == ComponentKind.ObservationAttribute));
                    break;
            }
        }

        _attributeColumns = [.. attributes];
        if (_timeColumn < 0)
        {
            throw SdmxCsvHeader.Error($"the header has no {layout.TimeId} column; every observation needs its period");
        }

        var missing = layout.DimensionIds.Where((_, i) => _dimensionColumns[i] < 0).ToList();
        if (missing.Count > 0)
        {
            throw SdmxCsvHeader.Error($"the header has no column for the dimension{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} of {layout.DsdName}; every dimension needs a column");
        }

        if (_measureColumn < 0)
        {
            Warn($"the header has no {layout.MeasureId} column: the observations have no values");
        }
    }

    private protected override Series? Next()
    {
        if (_queued is { } queued)
        {
            _queued = null;
            return queued;
        }

        while (ReadRecord())
        {
            if (ReadRow() is { } completed)
            {
                return completed;
            }
        }

        return _assembler.Finish();
    }

    /// <summary>Takes the row in hand into its series; returns the previous series when this row starts another.</summary>
    private Series? ReadRow()
    {
        var location = SeriesReading.Line(_line);
        if (_parser.Count != _header.Columns.Length)
        {
            var bad = new Series { Location = location, ObservationLocations = [] };
            bad.AddError(new DataReadError(location, null,
                $"the row has {_parser.Count} field{(_parser.Count == 1 ? "" : "s")} but the header has {_header.Columns.Length}; a field is missing or a delimiter is not quoted, so the row was not read"));
            var completed = _assembler.Finish();
            if (completed is null)
            {
                return bad;
            }

            _queued = bad;
            return completed;
        }

        for (var i = 0; i < _rowKey.Length; i++)
        {
            _rowKey[i] = Unlabel(_parser[_dimensionColumns[i]]);
        }

        DataAction? action = null;
        string? badAction = null;
        if (_header.ActionColumn >= 0)
        {
            var text = _parser[_header.ActionColumn];
            if (DataActions.TryParse(text, out var parsed))
            {
                action = parsed;
            }
            else
            {
                badAction = text;
            }
        }

        var series = _assembler.SeriesFor(_rowKey, action, location, out var previous);
        CheckRow(series, badAction, location);
        var time = Unlabel(_parser[_timeColumn]);
        var value = _measureColumn >= 0 ? _parser[_measureColumn] : null;
        if (time.Length == 0)
        {
            ReadAttributeRow(series, value, location);
            ReportBadFields(series, location);
            return previous;
        }

        var observation = new Observation { TimePeriod = time };
        foreach (var (column, attribute, atObservation) in _attributeColumns)
        {
            var text = _parser[column];
            if (text.Length == 0)
            {
                continue;
            }

            text = _layout.AttributeIsCoded[attribute] ? Unlabel(text) : text;
            if (atObservation)
            {
                observation.Attributes[_layout.AttributeIds[attribute]] = text;
            }
            else
            {
                SeriesReading.SetSeriesAttribute(series, _layout.AttributeIds[attribute], text, location);
            }
        }

        SeriesReading.AddObservation(series, observation, value, location, _layout.MeasureId);
        ReportBadFields(series, location);
        return previous;
    }

    /// <summary>A row without a period carries series attributes only (SDMX-CSV 2.0 allows rows for attributes).</summary>
    private void ReadAttributeRow(Series series, string? value, string location)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            series.AddError(new DataReadError(location, _layout.TimeId, $"the row has the value '{value}' but no {_layout.TimeId}"));
        }

        foreach (var (column, attribute, atObservation) in _attributeColumns)
        {
            var text = _parser[column];
            if (text.Length == 0)
            {
                continue;
            }

            var id = _layout.AttributeIds[attribute];
            if (atObservation)
            {
                series.AddError(new DataReadError(location, id, $"the row gives the observation attribute {id} but no {_layout.TimeId}"));
            }
            else
            {
                SeriesReading.SetSeriesAttribute(series, id, _layout.AttributeIsCoded[attribute] ? Unlabel(text) : text, location);
            }
        }
    }

    private void CheckRow(Series series, string? badAction, string location)
    {
        if (badAction is not null)
        {
            series.AddError(new DataReadError(location, "ACTION", $"'{badAction}' is not an SDMX action (I, A, M, R or D)"));
        }

        var structure = Unlabel(_parser[_header.StructureIdColumn]);
        if (!string.Equals(structure, Header.StructureRef, StringComparison.Ordinal))
        {
            series.AddError(new DataReadError(location, _header.Columns[_header.StructureIdColumn],
                $"the row is for '{structure}' but the file's first row for '{Header.StructureRef}'; a file holds data of one structure"));
        }
    }

    /// <summary>CsvHelper reports malformed fields as they are parsed, which is when they are first used.</summary>
    private void ReportBadFields(Series series, string location)
    {
        if (_badFields is { Count: > 0 })
        {
            foreach (var field in _badFields)
            {
                series.AddError(new DataReadError(location, null, $"the field '{field}' has a quote inside a field that does not start with one (RFC 4180: quote the whole field and double the quotes inside)"));
            }

            _badFields.Clear();
        }
    }

    /// <summary>Moves to the next record that is not a blank line, keeping its first line number; false at the end.</summary>
    private bool ReadRecord()
    {
        if (_pending)
        {
            _pending = false;
            return true;
        }

        try
        {
            while (true)
            {
                var previousEnd = _parser.RawRow;
                _badFields = null;
                if (!_parser.Read())
                {
                    return false;
                }

                _line = previousEnd + 1;
                if (_parser.Count > 1 || _parser[0].Length > 0)
                {
                    return true;
                }
            }
        }
        catch (DecoderFallbackException e)
        {
            throw SdmxCsvHeader.Error($"the file is not UTF-8: the bytes after line {_parser.RawRow} cannot be decoded ({e.Message}); save it as UTF-8", _parser.RawRow + 1);
        }
        catch (CsvHelperException e)
        {
            throw SdmxCsvHeader.Error($"the file is not valid CSV after line {_parser.RawRow}: {e.Message}", _parser.RawRow + 1);
        }
    }

    /// <summary>A coded value of a <c>labels=both</c> file, <c>A: Annual</c>, without its name.</summary>
    private string Unlabel(string text)
    {
        if (!_header.Labels)
        {
            return text;
        }

        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 ? text[..colon] : text;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _parser.Dispose();
        }

        base.Dispose(disposing);
    }
}
