using System.Globalization;

namespace MdgExchange.Application.Reports;

/// <summary>
/// The ticks of a time axis at round dates: whole hours, days, weeks (Mondays), months or years, the finest step whose
/// labels still fit side by side in the axis width. The axis runs from the last tick at or before the start to the first
/// at or after the end, so every tick is a distinct round date and the first and last stand at the axis' ends.
/// </summary>
internal static class TimeAxis
{
    private enum Unit
    {
        Hour,
        Day,
        Week,
        Month,
        Year,
    }

    private static readonly (Unit Unit, int Size)[] Steps =
    [
        (Unit.Hour, 1), (Unit.Hour, 3), (Unit.Hour, 6), (Unit.Hour, 12), (Unit.Day, 1), (Unit.Day, 2), (Unit.Week, 1), (Unit.Week, 2),
        (Unit.Month, 1), (Unit.Month, 2), (Unit.Month, 3), (Unit.Month, 6), (Unit.Year, 1), (Unit.Year, 2), (Unit.Year, 5), (Unit.Year, 10),
        (Unit.Year, 20), (Unit.Year, 50), (Unit.Year, 100), (Unit.Year, 500), (Unit.Year, 1000),
    ];

    /// <summary>The axis' start and end and its ticks, each with its label; <paramref name="labelGap"/> is the least room between two labels.</summary>
    public static (DateTime Start, DateTime End, IReadOnlyList<(DateTime At, string Label)> Ticks) Ticks(DateTime start, DateTime end, double width, double fontSize, double labelGap = 12)
    {
        if (end <= start)
        {
            end = start.AddHours(1);
        }

        foreach (var (unit, size) in Steps)
        {
            var ticks = new List<DateTime>();
            for (var t = Floor(start, unit, size); ; t = Next(t, unit, size))
            {
                ticks.Add(t);
                if (t >= end || t.Year >= 9000)
                {
                    break;
                }
            }

            var format = Format(unit);
            var labelWidth = ticks.Max(t => SvgText.Width(t.ToString(format, CultureInfo.InvariantCulture), fontSize)) + labelGap;
            if (ticks.Count >= 2 && (ticks.Count - 1) * labelWidth <= width)
            {
                return (ticks[0], ticks[^1], ticks.Select(t => (t, t.ToString(format, CultureInfo.InvariantCulture))).ToList());
            }
        }

        // A span beyond every step (millennia on a narrow axis): its two ends only.
        var first = new DateTime(start.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var last = new DateTime(Math.Min(9999, end.Year + 1), 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return (first, last, [(first, first.ToString("yyyy", CultureInfo.InvariantCulture)), (last, last.ToString("yyyy", CultureInfo.InvariantCulture))]);
    }

    private static string Format(Unit unit) => unit switch
    {
        Unit.Hour => "yyyy-MM-dd HH:mm",
        Unit.Day or Unit.Week => "yyyy-MM-dd",
        Unit.Month => "yyyy-MM",
        _ => "yyyy",
    };

    private static DateTime Floor(DateTime t, Unit unit, int size)
    {
        var utc = DateTime.SpecifyKind(t, DateTimeKind.Utc);
        return unit switch
        {
            Unit.Hour => utc.Date.AddHours(utc.Hour - (utc.Hour % size)),
            Unit.Day => new DateTime(utc.Date.Ticks - (utc.Date.Ticks % (TimeSpan.TicksPerDay * size)), DateTimeKind.Utc),
            // DateTime day 0 (0001-01-01) is a Monday: weeks counted from it start on Mondays.
            Unit.Week => new DateTime(utc.Date.Ticks - (utc.Date.Ticks % (TimeSpan.TicksPerDay * 7 * size)), DateTimeKind.Utc),
            Unit.Month => Month((((utc.Year * 12) + utc.Month - 1) / size) * size),
            _ => new DateTime(Math.Max(1, utc.Year - (utc.Year % size)), 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };
    }

    private static DateTime Month(int index) => new(index / 12, (index % 12) + 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime Next(DateTime t, Unit unit, int size) => unit switch
    {
        Unit.Hour => t.AddHours(size),
        Unit.Day => t.AddDays(size),
        Unit.Week => t.AddDays(7 * size),
        Unit.Month => t.AddMonths(size),
        _ => t.AddYears(size),
    };
}
