namespace MdgExchange.Server.Reports;

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
    public required IReadOnlyList<ReportTable> Tables { get; init; }
}

/// <summary>A headline number: "Operations: 12".</summary>
public sealed record ReportFigure(string Id, string Label, string Value);

/// <summary>A horizontal bar chart: one bar per label, each value a share between 0 and 1, drawn with CSS only.</summary>
public sealed record ReportChart(string Title, IReadOnlyList<ReportBar> Bars);

public sealed record ReportBar(string Label, double Share, string Text);

/// <summary>A column: a stable id (JSON keys) and its label in the report's language (CSV header, HTML).</summary>
public sealed record ReportColumn(string Id, string Label);

/// <summary>A table of the report; every row has one cell per column.</summary>
public sealed record ReportTable(string Id, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Shown above the table (what the table means, why it is empty).</summary>
    public string? Note { get; init; }

    /// <summary>Shown instead of an empty table.</summary>
    public string? EmptyText { get; init; }
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
