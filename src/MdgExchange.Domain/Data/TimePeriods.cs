using System.Globalization;

namespace MdgExchange.Domain.Data;

/// <summary>
/// SDMX time periods: which formats a frequency allows, and the interval a period covers (used by
/// startPeriod/endPeriod filters, where 2015 includes 2015-Q1 and 2015-01).
/// </summary>
public static class TimePeriods
{
    /// <summary>The format a frequency expects, for messages: <c>A: 2015</c>, <c>Q: 2015-Q1</c>, ...</summary>
    public static string ExpectedFormat(string? frequency) => frequency switch
    {
        "A" => "YYYY (e.g. 2015) or YYYY-A1",
        "S" => "YYYY-Sn (e.g. 2015-S1)",
        "Q" => "YYYY-Qn (e.g. 2015-Q1)",
        "M" => "YYYY-MM (e.g. 2015-01) or YYYY-Mmm",
        "W" => "YYYY-Www (e.g. 2015-W01)",
        "D" or "B" => "YYYY-MM-DD (e.g. 2015-01-31)",
        _ => "an SDMX time period (2015, 2015-S1, 2015-Q1, 2015-01, 2015-W01 or 2015-01-31)",
    };

    /// <summary>True when <paramref name="period"/> is a period of <paramref name="frequency"/> (any SDMX period when the frequency is unknown).</summary>
    public static bool IsValid(string? period, string? frequency)
    {
        if (!TryParse(period, out var kind, out _, out _))
        {
            return false;
        }

        return frequency switch
        {
            "A" => kind == 'A',
            "S" => kind == 'S',
            "Q" => kind == 'Q',
            "M" => kind == 'M',
            "W" => kind == 'W',
            "D" or "B" => kind == 'D',
            _ => true,
        };
    }

    /// <summary>The first and last day a period covers.</summary>
    public static bool TryGetRange(string? period, out DateOnly start, out DateOnly end)
    {
        start = end = default;
        if (!TryParse(period, out var kind, out var year, out var index))
        {
            return false;
        }

        switch (kind)
        {
            case 'A':
                start = new DateOnly(year, 1, 1);
                end = new DateOnly(year, 12, 31);
                return true;
            case 'S':
                start = new DateOnly(year, index == 1 ? 1 : 7, 1);
                end = start.AddMonths(6).AddDays(-1);
                return true;
            case 'Q':
                start = new DateOnly(year, ((index - 1) * 3) + 1, 1);
                end = start.AddMonths(3).AddDays(-1);
                return true;
            case 'M':
                start = new DateOnly(year, index, 1);
                end = start.AddMonths(1).AddDays(-1);
                return true;
            case 'W':
                start = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, index, DayOfWeek.Monday));
                end = start.AddDays(6);
                return true;
            default:
                start = end = DateOnly.ParseExact(period!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                return true;
        }
    }

    /// <summary>True when the period overlaps [startPeriod, endPeriod] (either bound may be null).</summary>
    public static bool Overlaps(string period, DateOnly? from, DateOnly? to)
    {
        if (from is null && to is null)
        {
            return true;
        }

        if (!TryGetRange(period, out var start, out var end))
        {
            return false;
        }

        return (from is null || end >= from) && (to is null || start <= to);
    }

    // kind: A, S, Q, M, W or D; index: half, quarter, month or week.
    private static bool TryParse(string? p, out char kind, out int year, out int index)
    {
        kind = '\0';
        year = index = 0;
        if (p is null || p.Length < 4 || !TryDigits(p.AsSpan(0, 4), out year) || year < 1)
        {
            return false;
        }

        if (p.Length == 4)
        {
            kind = 'A';
            return true;
        }

        if (p[4] != '-' || p.Length < 6)
        {
            return false;
        }

        var rest = p.AsSpan(5);
        switch (rest[0])
        {
            case 'A' when rest.Length == 2 && rest[1] == '1':
                kind = 'A';
                return true;
            case 'S' when rest.Length == 2 && TryDigits(rest[1..], out index) && index is 1 or 2:
                kind = 'S';
                return true;
            case 'Q' when rest.Length == 2 && TryDigits(rest[1..], out index) && index is >= 1 and <= 4:
                kind = 'Q';
                return true;
            case 'M' when rest.Length == 3 && TryDigits(rest[1..], out index) && index is >= 1 and <= 12:
                kind = 'M';
                return true;
            case 'W' when rest.Length == 3 && TryDigits(rest[1..], out index) && index >= 1 && index <= ISOWeek.GetWeeksInYear(year):
                kind = 'W';
                return true;
        }

        if (rest.Length == 2 && TryDigits(rest, out index) && index is >= 1 and <= 12)
        {
            kind = 'M';
            return true;
        }

        if (rest.Length == 5 && rest[2] == '-' && TryDigits(rest[..2], out var month) && TryDigits(rest[3..], out var day)
            && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            kind = 'D';
            return true;
        }

        return false;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return text.Length > 0;
    }
}
