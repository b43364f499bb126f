using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace MdgExchange.Application.Reports;

/// <summary>Renders a <see cref="ReportDocument"/> as CSV, JSON or a self-contained HTML page (UTF-8, no byte-order mark).</summary>
public static class ReportRenderer
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static byte[] Render(ReportDocument report, string format) => format switch
    {
        ReportFormats.Csv => Csv(report),
        ReportFormats.Json => Json(report),
        ReportFormats.Html => HtmlReportWriter.Write(report),
        _ => throw new ArgumentException($"'{format}' is not a report format; use {string.Join(", ", ReportFormats.All)}", nameof(format)),
    };

    /// <summary>
    /// One rectangular table that parses back with any CSV reader: a first column naming the table each row
    /// belongs to, then the union of every table's columns (labels in the report's language); cells a table does
    /// not have are empty.
    /// </summary>
    /// <remarks>A report that names a <see cref="ReportDocument.CsvTableId"/> gets that table alone instead (<see cref="SingleTableCsv"/>).</remarks>
    public static byte[] Csv(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.CsvTableId is { } tableId)
        {
            return SingleTableCsv(report.Tables.FirstOrDefault(t => t.Id == tableId) ?? throw new ArgumentException($"the report has no table '{tableId}'", nameof(report)));
        }

        var columns = new List<ReportColumn>();
        foreach (var column in report.Tables.SelectMany(t => t.Columns))
        {
            if (!columns.Exists(c => c.Id == column.Id))
            {
                columns.Add(column);
            }
        }

        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, Utf8))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            csv.WriteField(report.Lang == "es" ? "tabla" : "table");
            foreach (var column in columns)
            {
                csv.WriteField(column.Label);
            }

            csv.NextRecord();
            foreach (var table in report.Tables)
            {
                var index = table.Columns.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
                foreach (var row in table.Rows)
                {
                    csv.WriteField(table.Id);
                    foreach (var column in columns)
                    {
                        csv.WriteField(index.TryGetValue(column.Id, out var i) ? row[i] : "");
                    }

                    csv.NextRecord();
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>One table, one record per row, headed by the column ids: a header scripts can rely on in any language.</summary>
    public static byte[] SingleTableCsv(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, Utf8))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var column in table.Columns)
            {
                csv.WriteField(column.Id);
            }

            csv.NextRecord();
            foreach (var row in table.Rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The document as JSON: figures, chart and tables, each row an object keyed by column id.</summary>
    public static byte[] Json(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("report", report.Id);
            json.WriteString("title", report.Title);
            json.WriteString("subtitle", report.Subtitle);
            json.WriteString("lang", report.Lang);
            json.WriteString("generatedAt", report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteStartObject("figures");
            foreach (var figure in report.Figures)
            {
                json.WriteString(figure.Id, figure.Value);
            }

            json.WriteEndObject();
            json.WriteStartObject("figureDefinitions");
            foreach (var figure in report.Figures.Where(f => f.Definition is not null))
            {
                json.WriteString(figure.Id, figure.Definition);
            }

            json.WriteEndObject();
            json.WriteStartArray("tables");
            foreach (var table in report.Tables)
            {
                json.WriteStartObject();
                json.WriteString("id", table.Id);
                json.WriteString("title", table.Title);
                json.WriteStartArray("columns");
                foreach (var column in table.Columns)
                {
                    json.WriteStartObject();
                    json.WriteString("id", column.Id);
                    json.WriteString("label", column.Label);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("rows");
                foreach (var row in table.Rows)
                {
                    json.WriteStartObject();
                    for (var i = 0; i < table.Columns.Count; i++)
                    {
                        json.WriteString(table.Columns[i].Id, row[i]);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
