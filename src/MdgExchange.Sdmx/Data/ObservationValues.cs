using System.Globalization;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// Observation values as text: invariant-culture numbers, <c>NaN</c> for an explicit missing value, empty
/// for no value. Parsing and formatting work on spans so that millions of values allocate nothing.
/// </summary>
public static class ObservationValues
{
    /// <summary>What <see cref="TryParse"/> accepts, as the rule a rejected value breaks.</summary>
    public const string Rule =
        "is not a number: write it with a decimal point and no thousands separator (e.g. 12.5 or -3E-05), NaN for a value that is missing, or nothing";

    private const NumberStyles Styles = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite
        | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>
    /// Reads a value: a finite invariant-culture number, <c>NaN</c> (<see cref="double.NaN"/>), or blank (null).
    /// False for anything else, such as <c>12,5</c>, <c>1,234.5</c>, <c>n/a</c> or <c>Infinity</c>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double? value)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            value = null;
            return true;
        }

        if (text.SequenceEqual("NaN"))
        {
            value = double.NaN;
            return true;
        }

        if (double.TryParse(text, Styles, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            value = number;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>
    /// Writes <paramref name="value"/> as the shortest invariant text that reads back to the same double
    /// (<c>NaN</c> for NaN, nothing for null). Returns the number of characters written; 32 always suffice.
    /// </summary>
    public static int Format(double? value, Span<char> destination)
    {
        if (value is not { } number)
        {
            return 0;
        }

        if (double.IsNaN(number))
        {
            "NaN".CopyTo(destination);
            return 3;
        }

        return number.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture)
            ? written
            : throw new ArgumentException("the destination is too short for a double", nameof(destination));
    }

    /// <summary>The value as text (see <see cref="Format(double?, Span{char})"/>).</summary>
    public static string Format(double? value)
    {
        Span<char> buffer = stackalloc char[32];
        return new string(buffer[..Format(value, buffer)]);
    }
}
