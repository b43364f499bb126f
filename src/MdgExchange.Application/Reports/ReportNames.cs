using System.Globalization;

namespace MdgExchange.Application.Reports;

/// <summary>How the HTML page shows a column's cells; CSV and JSON always carry the cell as it is (codes, full precision).</summary>
public enum ReportCellKind
{
    Text,

    /// <summary>A ratio (0.0523): shown as a percentage in the report's language ("5.2 %", "5,2 %").</summary>
    Share,

    /// <summary>An area code of <c>CL_AREA</c>: shown as its name in the report's language with the code beside ("Argentina (32)").</summary>
    Area,

    /// <summary>An organisation id: shown as its name from the agency and data provider schemes with the id beside.</summary>
    Organisation,
}

/// <summary>
/// Names of the areas and organisations a report mentions, already in the report's language (<see cref="ReportNameRegistry"/>
/// reads them from the structure registry). A code without a name is shown as it is.
/// </summary>
public sealed class ReportNames(IReadOnlyDictionary<string, string> areas, IReadOnlyDictionary<string, string> organisations)
{
    public static ReportNames None { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>());

    /// <summary>The area's name, or null when the registry has none.</summary>
    public string? AreaName(string code) => areas.TryGetValue(code, out var name) ? name : null;

    /// <summary>"Argentina (32)"; the code alone when it has no name.</summary>
    public string Area(string code) => Labelled(AreaName(code), code);

    /// <summary>"National Institute of Statistics and Censuses of Argentina (INDEC)"; the id alone when the schemes name it by its id or not at all.</summary>
    public string Organisation(string id) => Labelled(organisations.TryGetValue(id, out var name) ? name : null, id);

    private static string Labelled(string? name, string code) =>
        code.Length == 0 || string.IsNullOrWhiteSpace(name) || string.Equals(name, code, StringComparison.Ordinal) ? code : $"{name} ({code})";
}

/// <summary>The display of cells on the HTML page, by the kind of their column.</summary>
public static class ReportCells
{
    /// <summary>A ratio as a percentage with one decimal in the report's language: 0.0523 is "5.2 %" in English, "5,2 %" in Spanish (a no-break space before the sign).</summary>
    public static string Percent(double ratio, string lang)
    {
        var text = (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture);
        return (lang == "es" ? text.Replace('.', ',') : text) + "\u00A0%";
    }

    /// <summary>The cell as the page shows it; a share that is not a number (empty) stays as it is.</summary>
    public static string Display(ReportCellKind kind, string cell, ReportNames names, string lang)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(names);
        return kind switch
        {
            ReportCellKind.Share when double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) => Percent(ratio, lang),
            ReportCellKind.Area when cell.Length > 0 => names.Area(cell),
            ReportCellKind.Organisation when cell.Length > 0 && cell != "*" => names.Organisation(cell),
            _ => cell,
        };
    }

    /// <summary>The table with its cells as the HTML page shows them; a table whose columns are all text comes back as it is.</summary>
    public static ReportTable ForDisplay(ReportTable table, ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(report);
        if (table.Columns.All(c => c.Kind == ReportCellKind.Text))
        {
            return table;
        }

        var rows = table.Rows.Select(row => (IReadOnlyList<string>)row.Select((cell, i) => Display(table.Columns[i].Kind, cell, report.Names, report.Lang)).ToList()).ToList();
        return table with { Rows = rows };
    }
}
