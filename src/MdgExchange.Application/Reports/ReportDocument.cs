namespace MdgExchange.Application.Reports;

/// <summary>
/// A report as data, before any format: a title, headline figures, an optional bar chart and tables. The
/// catalogue, flow-inventory and discrepancy reports all build one and render it with <see cref="ReportRenderer"/>
/// as CSV, JSON or a self-contained HTML page, in the language their labels were chosen in.
/// </summary>
public sealed record ReportDocument
{
    /// <summary>A stable id, used in file names and in the JSON (<c>catalog</c>).</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string? Subtitle { get; init; }

    /// <summary>en or es: the language of every label.</summary>
    public required string Lang { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>"Generated" and the like, in <see cref="Lang"/>.</summary>
    public required string GeneratedLabel { get; init; }
    public IReadOnlyList<ReportFigure> Figures { get; init; } = [];
    public ReportChart? Chart { get; init; }

    /// <summary>Inline SVG drawings (a flow diagram, timelines), shown in HTML only; CSV and JSON carry the data behind them.</summary>
    public IReadOnlyList<ReportGraphic> Graphics { get; init; } = [];
    public required IReadOnlyList<ReportTable> Tables { get; init; }

    /// <summary>
    /// When set, the CSV is this table alone, headed by its column ids (stable for scripts, whatever the language);
    /// when null, every table in one (<see cref="ReportRenderer.Csv"/>).
    /// </summary>
    public string? CsvTableId { get; init; }

    /// <summary>The names the HTML page shows beside area codes and organisation ids (<see cref="ReportCellKind"/>).</summary>
    public ReportNames Names { get; init; } = ReportNames.None;
}

/// <summary>
/// An SVG drawing of the report, well-formed XML with its own <c>svg</c> root (written by an <c>XmlWriter</c>), embedded
/// as it is in the HTML page: before the tables, or after the table <see cref="AfterTable"/> names.
/// </summary>
public sealed record ReportGraphic(string Id, string Title, string Svg)
{
    public string? AfterTable { get; init; }

    /// <summary>Shown under the title (how to read the drawing).</summary>
    public string? Note { get; init; }
}

/// <summary>A headline number: "Operations: 12".</summary>
public sealed record ReportFigure(string Id, string Label, string Value)
{
    /// <summary>What the figure counts and from which records, printed with it so that a reader can check it.</summary>
    public string? Definition { get; init; }
}

/// <summary>A horizontal bar chart: one bar per label, each value a share between 0 and 1, drawn with CSS only.</summary>
public sealed record ReportChart(string Title, IReadOnlyList<ReportBar> Bars);

public sealed record ReportBar(string Label, double Share, string Text);

/// <summary>A column: a stable id (JSON keys) and its label in the report's language (CSV header, HTML).</summary>
public sealed record ReportColumn(string Id, string Label)
{
    /// <summary>How the HTML page shows the cells (a share as a percentage, a code with its name); CSV and JSON carry them as they are.</summary>
    public ReportCellKind Kind { get; init; }
}

/// <summary>A table of the report; every row has one cell per column.</summary>
public sealed record ReportTable(string Id, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Shown above the table (what the table means, why it is empty).</summary>
    public string? Note { get; init; }

    /// <summary>Shown instead of an empty table.</summary>
    public string? EmptyText { get; init; }

    /// <summary>
    /// The group headings of each row, outermost first (goal, target, indicator), one list per row when set; the HTML
    /// page writes a heading row wherever a level changes. CSV and JSON ignore them: the rows carry the same values.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>>? RowGroups { get; init; }
}

/// <summary>The output formats of every report.</summary>
public static class ReportFormats
{
    public const string Csv = "csv";
    public const string Json = "json";
    public const string Html = "html";

    public static readonly IReadOnlyList<string> All = [Csv, Json, Html];

    public static readonly IReadOnlyList<string> Languages = ["en", "es"];

    public static string MediaType(string format) => format switch
    {
        Csv => "text/csv; charset=utf-8",
        Json => "application/json; charset=utf-8",
        Html => "text/html; charset=utf-8",
        _ => throw new ArgumentException($"'{format}' is not a report format", nameof(format)),
    };
}
