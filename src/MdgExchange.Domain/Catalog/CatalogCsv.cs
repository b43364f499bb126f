namespace MdgExchange.Domain.Catalog;

/// <summary>
/// The catalogue CSV template: one row per operation × indicator. The operation's columns are given on its first
/// row and may be repeated (identically) or left empty on its other rows; a row with an empty <c>indicator</c>
/// and <c>series</c> declares the operation alone. Multi-value cells separate values with <c>;</c>. Rows are
/// numbered as a spreadsheet numbers them: the header is row 1, so the first operation is <c>row[2]</c>.
/// </summary>
public static class CatalogCsv
{
    public const char ListSeparator = ';';

    public const string OperationId = "operation_id";
    public const string Indicator = "indicator";
    public const string Series = "series";
    public const string Disaggregations = "disaggregations";

    /// <summary>The operation's columns, in template order.</summary>
    public static readonly IReadOnlyList<string> OperationColumns =
    [
        OperationId, "name_en", "name_es", "country", "producer", "type", "periodicity", "reference_years", "next_round",
        "universe", "coverage", "sample_size", "level", "methodology_url", "area_codelist", "areas",
    ];

    /// <summary>Every column of the template, in order.</summary>
    public static readonly IReadOnlyList<string> Columns = [.. OperationColumns, Indicator, Series, Disaggregations];

    /// <summary>The columns a file must have; the others may be absent.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = [OperationId, "country", "producer", "type", "periodicity", "level", Indicator];

    /// <summary>
    /// Groups rows into operations. <paramref name="rows"/> are the data rows with their spreadsheet row number and
    /// their cells by column name. A different value for an operation's column on a later row is a violation.
    /// </summary>
    public static IReadOnlyList<OperationDraft> ToDrafts(IReadOnlyList<string> header, IEnumerable<(int Row, IReadOnlyDictionary<string, string> Cells)> rows, List<CatalogViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(violations);
        foreach (var unknown in header.Where(h => !Columns.Contains(h, StringComparer.Ordinal)))
        {
            violations.Add(new($"header.{unknown}", $"'{unknown}' is not a column of the catalogue template; the columns are {string.Join(", ", Columns)}"));
        }

        foreach (var missing in RequiredColumns.Where(c => !header.Contains(c, StringComparer.Ordinal)))
        {
            violations.Add(new($"header.{missing}", $"the column '{missing}' is missing"));
        }

        if (violations.Count > 0)
        {
            return [];
        }

        var drafts = new List<OperationDraft>();
        var byId = new Dictionary<string, (OperationDraft Draft, Dictionary<string, DraftValue> Values)>(StringComparer.Ordinal);
        foreach (var (row, cells) in rows)
        {
            DraftValue Cell(string column) => new(cells.GetValueOrDefault(column) ?? "", $"row[{row}].{column}");
            var id = Cell(OperationId);
            if (id.IsEmpty)
            {
                violations.Add(new(id.Path, "the operation id is empty"));
                continue;
            }

            if (!byId.TryGetValue(id.Value, out var entry))
            {
                var values = OperationColumns.ToDictionary(c => c, Cell, StringComparer.Ordinal);
                entry = (FromValues(values), values);
                byId[id.Value] = entry;
                drafts.Add(entry.Draft);
            }
            else
            {
                foreach (var column in OperationColumns)
                {
                    var value = Cell(column);
                    var first = entry.Values[column];
                    if (value.IsEmpty)
                    {
                        continue;
                    }

                    if (first.IsEmpty)
                    {
                        violations.Add(new(value.Path, $"'{value.Value}' is given here but {first.Path} of the same operation {id.Value} left it empty; give it on the operation's first row"));
                    }
                    else if (value.Value != first.Value)
                    {
                        violations.Add(new(value.Path, $"'{value.Value}' differs from '{first.Value}' given for operation {id.Value} at {first.Path}"));
                    }
                }
            }

            var indicator = Cell(Indicator);
            var series = Cell(Series);
            var disaggregations = Cell(Disaggregations);
            if (!indicator.IsEmpty || !series.IsEmpty)
            {
                entry.Draft.Indicators.Add(new IndicatorDraft(indicator, series, disaggregations));
            }
            else if (!disaggregations.IsEmpty)
            {
                violations.Add(new(disaggregations.Path, "disaggregations are given without an indicator or series"));
            }
        }

        return drafts;
    }

    private static OperationDraft FromValues(Dictionary<string, DraftValue> v) => new()
    {
        Id = v[OperationId], NameEn = v["name_en"], NameEs = v["name_es"], Country = v["country"], Producer = v["producer"],
        Type = v["type"], Periodicity = v["periodicity"], ReferenceYears = v["reference_years"], NextRound = v["next_round"],
        Universe = v["universe"], Coverage = v["coverage"], SampleSize = v["sample_size"], Level = v["level"],
        MethodologyUrl = v["methodology_url"], AreaCodelist = v["area_codelist"], Areas = v["areas"],
    };
}
