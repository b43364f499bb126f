using System.Globalization;
using CsvHelper;
using MdgExchange.Domain.Data;

namespace MdgExchange.Sdmx.Tests.Fixtures;

/// <summary>
/// The UN Global SDG Database extract for Latin America and the Caribbean shipped in
/// <c>datasets/global/lac_sdg_global_db_2020_subset.csv</c> (3,430 international observations, 4 series,
/// 33 countries), as series of the SDG DSD <c>IAEG-SDGs:SDG(1.0)</c>: REPORTING_TYPE G, FREQ A, REF_AREA the
/// M49 code, the file's sex, age and location as SEX, AGE and URBANISATION codes, every other breakdown
/// <c>_T</c>; UNIT_MEASURE per series; per observation NATURE from the file, UNIT_MULT 0 and OBS_STATUS A (the DSD makes it mandatory).
/// </summary>
/// <remarks>
/// Depends on the Domain model and CsvHelper only, so that other test projects can compile this file in
/// (<c>&lt;Compile Include="..\MdgExchange.Sdmx.Tests\Fixtures\LacGlobalSeries.cs" /&gt;</c>). It is a fixture,
/// not an importer: it maps only the codes this extract uses, and refuses any other.
/// </remarks>
public static class LacGlobalSeries
{
    public const string FileName = "lac_sdg_global_db_2020_subset.csv";

    private static readonly string[] OtherBreakdowns =
        ["INCOME_WEALTH_QUANTILE", "EDUCATION_LEV", "OCCUPATION", "CUST_BREAKDOWN", "COMPOSITE_BREAKDOWN", "DISABILITY_STATUS", "ACTIVITY", "PRODUCT"];

    private static readonly Dictionary<string, string> Sex = new() { [""] = "_T", ["bothsex"] = "_T", ["female"] = "F", ["male"] = "M" };
    private static readonly Dictionary<string, string> Age = new() { [""] = "_T", ["lt5y"] = "Y0T4" };
    private static readonly Dictionary<string, string> Location = new() { [""] = "_T", ["allarea"] = "_T", ["urban"] = "U", ["rural"] = "R" };
    private static readonly Dictionary<string, string> Units = new() { ["per_1000_live_births"] = "PER_1000_LIVE_BIRTHS", ["percent"] = "PT" };

    /// <summary>The path of the extract beside the test assembly (<c>tests/Directory.Build.props</c> copies <c>datasets/</c>).</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "datasets", "global", FileName);

    /// <summary>The series in the order their first row appears in the file (the file is sorted, so each key's rows are together).</summary>
    public static List<Series> Load(string? path = null)
    {
        using var parser = new CsvParser(new StreamReader(path ?? DefaultPath), CultureInfo.InvariantCulture);
        if (!parser.Read() || string.Join(',', parser.Record!) != "series,m49,country,year,value,nature,units,sex,age,location")
        {
            throw new InvalidDataException($"{FileName} does not have the expected columns");
        }

        var result = new List<Series>();
        var byKey = new Dictionary<string, Series>(StringComparer.Ordinal);
        while (parser.Read())
        {
            var row = parser.Record!;
            var (code, m49, year, value, nature, units) = (row[0], row[1], row[3], row[4], row[5], row[6]);
            var key = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["FREQ"] = "A",
                ["REPORTING_TYPE"] = "G",
                ["SERIES"] = code,
                ["REF_AREA"] = m49,
                ["SEX"] = Map(Sex, row[7], "sex"),
                ["AGE"] = Map(Age, row[8], "age"),
                ["URBANISATION"] = Map(Location, row[9], "location"),
            };
            foreach (var dimension in OtherBreakdowns)
            {
                key[dimension] = "_T";
            }

            var text = string.Join('.', key.Values);
            if (!byKey.TryGetValue(text, out var series))
            {
                series = new Series { Key = key, Attributes = { ["UNIT_MEASURE"] = Map(Units, units, "units") } };
                byKey[text] = series;
                result.Add(series);
            }

            series.Observations.Add(new Observation
            {
                TimePeriod = year,
                Value = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
                // The extract has no status column; its values are normal ones (A), which the DSD requires saying.
                Attributes = { ["NATURE"] = nature, ["UNIT_MULT"] = "0", ["OBS_STATUS"] = "A" },
            });
        }

        return result;
    }

    private static string Map(Dictionary<string, string> codes, string value, string column) =>
        codes.TryGetValue(value, out var code) ? code : throw new InvalidDataException($"{FileName}: the {column} '{value}' has no SDG code here");
}
