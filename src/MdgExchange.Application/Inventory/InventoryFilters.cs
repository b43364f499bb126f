using System.Globalization;
using System.Text.RegularExpressions;
using MdgExchange.Domain.Catalog;
using MdgExchange.Domain.Inventory;

namespace MdgExchange.Application.Inventory;

/// <summary>
/// The inventory's filters as callers write them (gRPC, HTTP, <c>mdgx</c>) turned into an <see cref="InventoryQuery"/>:
/// countries as M49 writes them (<c>032</c> → <c>32</c>), notations with dots (<c>3-2-1</c> → <c>3.2.1</c>), thematic
/// areas from <see cref="ThematicAreas.All"/>. Anything else is an <see cref="InventoryQueryException"/> naming the field.
/// </summary>
public static partial class InventoryFilters
{
    public static InventoryQuery Parse(
        DateTimeOffset? from, DateTimeOffset? to, string? country, string? organisation, string? goal, string? target, string? indicator, string? thematicArea)
    {
        if (from is { } f && to is { } t && f >= t)
        {
            throw new InventoryQueryException("to", $"to ({t:O}) must be after from ({f:O})");
        }

        return new InventoryQuery(
            from, to, Country(country), Empty(organisation),
            Checked("goal", Empty(goal), GoalPattern(), "a goal (1 to 17)"),
            Checked("target", Notation(target), TargetPattern(), "a target (3.2, 17.a)"),
            Checked("indicator", Notation(indicator), IndicatorPattern(), "an indicator (3.2.1 or 3-2-1)"),
            ThematicArea(thematicArea));
    }

    /// <summary>For the HTTP endpoint: an ISO 8601 moment (UTC unless it says otherwise); empty is none.</summary>
    public static DateTimeOffset? Moment(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
            ? moment
            : throw new InventoryQueryException(field, $"'{text}' is not a date or a moment (ISO 8601: 2024-01-31 or 2024-01-31T12:00:00Z)");
    }

    /// <summary>An M49 country code without leading zeros; null when empty.</summary>
    public static string? Country(string? text, string field = "country")
    {
        var code = Empty(CatalogValidator.NormaliseCountry(text ?? ""));
        return code is null || CountryPattern().IsMatch(code) ? code : throw new InventoryQueryException(field, $"'{text}' is not an M49 country code (32, 152, 484)");
    }

    /// <summary>An indicator in dotted notation; null when empty.</summary>
    public static string? Indicator(string? text, string field = "indicator") => Checked(field, Notation(text), IndicatorPattern(), "an indicator (3.2.1 or 3-2-1)");

    private static string? ThematicArea(string? text)
    {
        var area = Empty(text)?.ToLowerInvariant();
        return area is null || ThematicAreas.All.Contains(area)
            ? area
            : throw new InventoryQueryException("thematic_area", $"'{text}' is not a thematic area; use {string.Join(", ", ThematicAreas.All)}");
    }

    private static string? Checked(string field, string? value, Regex pattern, string what) =>
        value is null || pattern.IsMatch(value) ? value : throw new InventoryQueryException(field, $"'{value}' is not {what}");

    private static string? Notation(string? text) => Empty(text) is { } value ? CatalogValidator.NormaliseIndicator(value) : null;

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex(@"^(?:[1-9]|1[0-7])$")]
    private static partial Regex GoalPattern();

    [GeneratedRegex(@"^\d{1,2}\.[0-9a-z]{1,2}$")]
    private static partial Regex TargetPattern();

    [GeneratedRegex(@"^\d{1,2}\.[0-9a-z]{1,2}\.\d{1,2}$")]
    private static partial Regex IndicatorPattern();
}
