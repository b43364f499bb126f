using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MdgExchange.Domain.Catalog;

namespace MdgExchange.Application.Catalog;

/// <summary>
/// Reads a catalogue CSV (<see cref="CatalogCsv"/>: UTF-8, a header row, comma-separated, or semicolon-separated
/// as spreadsheets save it in Spanish locales — the header row decides) into drafts.
/// </summary>
public static class CatalogCsvReader
{
    public static IReadOnlyList<OperationDraft> Read(byte[] content, List<CatalogViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(violations);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException e)
        {
            violations.Add(new("file", $"the file is not UTF-8 text (byte {e.Index}); save it as CSV UTF-8"));
            return [];
        }

        // Spreadsheets in Spanish (and other comma-decimal) locales save CSV with semicolons; the header says which.
        text = text.TrimStart('\uFEFF');
        var firstLine = text.AsSpan(0, text.IndexOfAny(['\r', '\n']) is var end and >= 0 ? end : text.Length);
        var delimiter = firstLine.Count(';') > firstLine.Count(',') ? ";" : ",";
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            BadDataFound = bad => violations.Add(new($"row[{bad.Context.Parser?.Row}]", $"malformed CSV (a stray or unclosed quote): {Shorten(bad.RawRecord)}")),
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            IgnoreBlankLines = true,
        };
        using var reader = new CsvReader(new StringReader(text), config);
        var rows = new List<(int Row, IReadOnlyDictionary<string, string> Cells)>();
        string[] header;
        try
        {
            if (!reader.Read() || !reader.ReadHeader() || reader.HeaderRecord is not { Length: > 0 } names)
            {
                violations.Add(new("file", "the file is empty; the first row must be the header: " + string.Join(",", CatalogCsv.Columns)));
                return [];
            }

            header = names.Select(h => h.Trim()).ToArray();
            while (reader.Read())
            {
                var record = reader.Parser.Record ?? [];
                var row = reader.Parser.Row;
                if (record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (record.Length > header.Length)
                {
                    violations.Add(new($"row[{row}]", $"{record.Length} fields, but the header has {header.Length}; quote cells that hold commas"));
                    continue;
                }

                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < header.Length; i++)
                {
                    cells[header[i]] = i < record.Length ? record[i] : "";
                }

                rows.Add((row, cells));
            }
        }
        catch (CsvHelperException e)
        {
            violations.Add(new($"row[{e.Context?.Parser?.Row}]", $"malformed CSV: {e.Message.Split('\n')[0]}"));
            return [];
        }

        if (header.Distinct(StringComparer.Ordinal).Count() != header.Length)
        {
            violations.Add(new("header", "a column is named twice"));
            return [];
        }

        return CatalogCsv.ToDrafts(header, rows, violations);
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 120 ? text[..120] + "…" : text.TrimEnd('\r', '\n');
}
