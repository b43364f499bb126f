using System.Globalization;
using MdgExchange.Domain.Data;

namespace MdgExchange.Sdmx.Tests.Data;

/// <summary>
/// Series as comparable text: key, attributes and observations (period, value with NaN and missing told apart,
/// raw value, attributes), without where they were read from. Two series describe alike when a round trip kept everything.
/// </summary>
internal static class SeriesText
{
    public static string Describe(Series series)
    {
        var key = string.Join(",", series.Key.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        var observations = series.Observations.Select(o =>
            $"{o.TimePeriod}={Value(o.Value)}{(o.RawValue is null ? "" : $"(raw {o.RawValue})")}{Attributes(o.Attributes)}");
        return $"[{key}]{Attributes(series.Attributes)} {string.Join(" ", observations)}";
    }

    public static List<string> Describe(IEnumerable<Series> series) => series.Select(Describe).ToList();

    private static string Value(double? value) => value switch
    {
        null => "missing",
        { } v when double.IsNaN(v) => "NaN",
        { } v => v.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Attributes(Dictionary<string, string> attributes) =>
        attributes.Count == 0 ? "" : "{" + string.Join(",", attributes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) + "}";
}
