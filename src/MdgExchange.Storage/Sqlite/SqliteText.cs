using System.Globalization;

namespace MdgExchange.Storage.Sqlite;

/// <summary>
/// SQLite has no date type: timestamps are fixed-width ISO-8601 UTC text, so that comparing the text
/// compares the instants (see schemas/sqlite/0001_create_registry.sql).
/// </summary>
internal static class SqliteText
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string FromTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static string? FromTimestamp(DateTimeOffset? value) => value is { } v ? FromTimestamp(v) : null;

    public static DateTimeOffset ToTimestamp(string text) =>
        DateTimeOffset.ParseExact(text, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
