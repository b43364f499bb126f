namespace MdgExchange.Sdmx.Data;

/// <summary>
/// The header row of an SDMX-CSV file: the fixed columns (DATAFLOW; or STRUCTURE, STRUCTURE_ID and ACTION) and
/// the component ids of the others, without the name a <c>labels=both</c> header adds (<c>FREQ: Frequency</c>)
/// or the language list of a multilingual column (<c>COMMENT_TS[en;es]</c>).
/// </summary>
internal sealed class SdmxCsvHeader
{
    private SdmxCsvHeader(string[] columns, bool labels)
    {
        Columns = columns;
        Labels = labels;
    }

    /// <summary>Per column, the component id or the fixed column's term.</summary>
    public string[] Columns { get; }

    /// <summary>True when the header labels its columns (<c>labels=both</c>): coded values then read <c>CODE: Name</c>.</summary>
    public bool Labels { get; }

    /// <summary>The column of the structure reference (DATAFLOW in 1.0, STRUCTURE_ID in 2.0).</summary>
    public int StructureIdColumn { get; private set; }

    /// <summary>The STRUCTURE column (2.0), -1 in 1.0.</summary>
    public int StructureColumn { get; private set; } = -1;

    /// <summary>The ACTION column, -1 when there is none.</summary>
    public int ActionColumn { get; private set; } = -1;

    /// <summary>The columns that are neither fixed nor keys: components or custom columns.</summary>
    public bool IsFixed(int column) =>
        column == StructureIdColumn || column == StructureColumn || column == ActionColumn || Columns[column] is "STRUCTURE_NAME" or "SERIES_KEY" or "OBS_KEY";

    /// <summary>Reads the header row; throws when its fixed columns are not those of <paramref name="format"/>.</summary>
    public static SdmxCsvHeader Parse(string[] record, DataFormat format)
    {
        var labels = false;
        var columns = new string[record.Length];
        for (var i = 0; i < record.Length; i++)
        {
            var text = record[i].Trim();
            var colon = text.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0)
            {
                labels = true;
                text = text[..colon];
            }

            var bracket = text.IndexOf('[', StringComparison.Ordinal);
            columns[i] = bracket > 0 ? text[..bracket] : text;
        }

        var header = new SdmxCsvHeader(columns, labels);
        if (format == DataFormat.SdmxCsv10)
        {
            if (!string.Equals(columns[0], "DATAFLOW", StringComparison.OrdinalIgnoreCase))
            {
                throw Error($"the first column is '{record[0]}'; an SDMX-CSV 1.0 header starts with DATAFLOW");
            }

            header.StructureIdColumn = 0;
        }
        else
        {
            if (!string.Equals(columns[0], "STRUCTURE", StringComparison.OrdinalIgnoreCase) || columns.Length < 2 || !string.Equals(columns[1], "STRUCTURE_ID", StringComparison.OrdinalIgnoreCase))
            {
                throw Error($"the header starts '{string.Join(',', record.Take(2))}'; an SDMX-CSV 2.0 header starts with STRUCTURE,STRUCTURE_ID");
            }

            header.StructureColumn = 0;
            header.StructureIdColumn = 1;
            header.ActionColumn = Array.IndexOf(columns, "ACTION");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i].Length == 0)
            {
                throw Error($"column {i + 1} of the header is empty; every column needs a component id or a custom name");
            }

            if (!seen.Add(columns[i]))
            {
                throw Error($"the header has two columns for '{columns[i]}' (columns {Array.IndexOf(columns, columns[i]) + 1} and {i + 1})");
            }
        }

        return header;
    }

    /// <summary>The field delimiter, from the character after the first column's term (SDMX-CSV: comma, or a locale's semicolon).</summary>
    public static char Delimiter(ReadOnlySpan<char> firstLine, DataFormat format)
    {
        var term = format == DataFormat.SdmxCsv10 ? "DATAFLOW" : "STRUCTURE";
        var rest = firstLine.TrimStart('"')[term.Length..];
        if (format == DataFormat.SdmxCsv20 && rest.StartsWith("["))
        {
            var close = rest.IndexOf(']');
            rest = close < 0 ? rest : rest[(close + 1)..];
        }

        rest = rest.TrimStart('"');
        var delimiter = rest.IsEmpty ? ',' : rest[0];
        if ((char.IsWhiteSpace(delimiter) && delimiter != '\t') || char.IsLetterOrDigit(delimiter) || delimiter is '"' or '\uFFFD')
        {
            // What follows the first column must be the delimiter: a comma, or a semicolon or tab in localised files.
            throw Error($"the first column {term} is followed by '{(delimiter == '\t' ? "\\t" : delimiter.ToString())}', which cannot be the delimiter; SDMX-CSV separates columns with a comma (or a semicolon or tab)");
        }

        return delimiter;
    }

    public static SdmxFormatException Error(string rule, int line = 1) => new(rule, null, null, line, 1);
}
