using System.Globalization;
using System.Text.RegularExpressions;
using MdgExchange.Domain.Structure;
using Microsoft.Extensions.Primitives;

namespace MdgExchange.Server.Rest;

/// <summary>
/// Reads SDMX REST data and structure queries (path parameters and query string) into <see cref="RestDataRequest"/>
/// and <see cref="StructureQuery"/>, checking syntax against the SDMX REST 1.5 and 2.x OpenAPI definitions.
/// A bad value throws <see cref="SdmxRestException.Syntax"/> naming the parameter and the rule; a valid request
/// for something the service does not do throws <see cref="SdmxRestException.NotImplemented"/>.
/// <para>Query parameters are looked up case-insensitively, as ASP.NET Core does. Parameters the API does not
/// define are ignored (services may add their own, such as <c>format</c>, and caches add their own), except the
/// parameters of the other API version, which are rejected because ignoring them would answer a different question
/// (<c>startPeriod</c> on 2.x, <c>c[...]</c> on 1.5). A parameter given twice is a syntax error.</para>
/// </summary>
public static partial class RestQueryParser
{
    private static readonly (string Name, string Hint)[] V1OnlyDataParameters =
    [
        ("startPeriod", "use c[TIME_PERIOD]=ge:<period>"), ("endPeriod", "use c[TIME_PERIOD]=le:<period>"),
        ("detail", "use attributes=none (dataonly) or measures=none (nodata)"), ("explicitMeasure", "it has no 2.x equivalent"),
    ];

    /// <summary>
    /// True when <paramref name="text"/> is an SDMX reporting period or ISO 8601 date as REST accepts for
    /// <c>startPeriod</c>/<c>endPeriod</c>: <c>2015</c>, <c>2015-01</c>, <c>2015-01-31</c>, <c>2015-A1</c>,
    /// <c>2015-S1</c>, <c>2015-T1</c>, <c>2015-Q1</c>, <c>2015-M01</c>, <c>2015-W05</c>, <c>2015-D031</c>.
    /// </summary>
    public static bool IsPeriod(string? text)
    {
        if (text is null || !PeriodSyntax().IsMatch(text))
        {
            return false;
        }

        // Month and day numbers: the syntax admits 2015-13 and 2015-02-30, the calendar does not.
        return text.Length switch
        {
            7 when text[4] == '-' && char.IsAsciiDigit(text[5]) => System.DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            10 when char.IsAsciiDigit(text[5]) => System.DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            _ => true,
        };
    }

    /// <summary>The parameter's one value; null when absent; a syntax error when given twice.</summary>
    private static string? Single(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values) || StringValues.IsNullOrEmpty(values))
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw SdmxRestException.Syntax($"{name}: given more than once; give it once");
        }

        return values[0];
    }

    private static string? Period(IQueryCollection query, string name)
    {
        var text = Single(query, name);
        if (text is null)
        {
            return null;
        }

        if (!IsPeriod(text))
        {
            throw SdmxRestException.Syntax($"{name}: must be an SDMX period: 2015, 2015-01, 2015-01-31, 2015-A1, 2015-S1, 2015-T1, 2015-Q1, 2015-M01, 2015-W05 or 2015-D001");
        }

        return text;
    }

    private static DateTimeOffset? DateTime(IQueryCollection query, string name)
    {
        var text = Single(query, name);
        if (text is null)
        {
            return null;
        }

        // A '+' offset left unencoded in a query string arrives as a space: 2024-01-01T10:00:00 01:00.
        var repaired = SpacedOffset().Replace(text.Trim(), "+${offset}");
        if (!DateTimeSyntax().IsMatch(repaired)
            || !DateTimeOffset.TryParse(repaired, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw SdmxRestException.Syntax($"{name}: must be an ISO 8601 date-time such as 2024-05-15T14:15:00Z or 2024-05-15T14:15:00+01:00 (percent-encode '+' as %2B); without offset UTC is assumed");
        }

        return value;
    }

    private static int? PositiveInt(IQueryCollection query, string name) => Integer(query, name, 1, "a positive integer (1 or more)");

    private static int? NonNegativeInt(IQueryCollection query, string name) => Integer(query, name, 0, "a non-negative integer (0 or more)");

    private static int? Integer(IQueryCollection query, string name, int minimum, string rule)
    {
        var text = Single(query, name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            throw SdmxRestException.Syntax($"{name}: must be {rule}");
        }

        return value;
    }

    private static bool? Boolean(IQueryCollection query, string name)
    {
        var text = Single(query, name);
        if (text is null)
        {
            return null;
        }

        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw SdmxRestException.Syntax($"{name}: must be true or false");
    }

    /// <summary>The inclusive period range of a <c>c[TIME_PERIOD]</c> that is one range: one alternative of eq, or of at most one lower (ge, gt) and one upper (le, lt) bound.</summary>
    private static (string? Start, string? End) TimeRange(List<ComponentFilter> filters)
    {
        var time = filters.FirstOrDefault(f => f.ComponentId == "TIME_PERIOD");
        if (time is null || time.AllOf.Any(g => g.Count != 1))
        {
            return (null, null);
        }

        var conditions = time.AllOf.Select(g => g[0]).ToList();
        if (conditions is [{ Operator: FilterOperator.Equal } only])
        {
            return (only.Value, only.Value);
        }

        var lower = conditions.Where(c => c.Operator is FilterOperator.GreaterOrEqual or FilterOperator.GreaterThan).ToList();
        var upper = conditions.Where(c => c.Operator is FilterOperator.LessOrEqual or FilterOperator.LessThan).ToList();
        if (lower.Count > 1 || upper.Count > 1 || lower.Count + upper.Count != conditions.Count)
        {
            return (null, null);
        }

        return (lower.FirstOrDefault()?.Value, upper.FirstOrDefault()?.Value);
    }

    private static (bool Measures, IReadOnlySet<string>? Ids) Measures(IQueryCollection query)
    {
        var text = Single(query, "measures");
        switch (text)
        {
            case null or "all":
                return (true, null);
            case "none":
                return (false, null);
        }

        var values = text.Split(',');
        if (values.Any(v => !NcNameId().IsMatch(v) || v is "all" or "none"))
        {
            throw SdmxRestException.Syntax("measures: must be all, none, or measure ids separated by ','");
        }

        return (true, new HashSet<string>(values, StringComparer.Ordinal));
    }

    private static (IReadOnlyList<ArtefactType>? Types, ConstraintRole? Role) V1Types(string structureType)
    {
        switch (structureType?.ToLowerInvariant())
        {
            case "structure":
                return (null, null);
            case "organisationscheme":
                return ([ArtefactType.AgencyScheme, ArtefactType.DataProviderScheme, ArtefactType.DataConsumerScheme], null);
            case "actualconstraint":
                return ([ArtefactType.ContentConstraint], ConstraintRole.Actual);
            case "allowedconstraint":
                return ([ArtefactType.ContentConstraint], ConstraintRole.Allowed);
            default:
                return ([V2Type(structureType ?? "", "structureType")], null);
        }
    }

    private static (StructureReferences References, ArtefactType? Type) References(IQueryCollection query, RestApi api)
    {
        var text = Single(query, "references");
        if (text is null)
        {
            return (StructureReferences.None, null);
        }

        if (api == RestApi.V2 && text.Contains(',', StringComparison.Ordinal))
        {
            throw SdmxRestException.NotImplemented("references: one value at a time is implemented");
        }

        switch (text.ToLowerInvariant())
        {
            case "none":
                return (StructureReferences.None, null);
            case "parents":
                return (StructureReferences.Parents, null);
            case "ancestors" when api == RestApi.V2:
                return (StructureReferences.Parents, null);
            case "parentsandsiblings":
                return (StructureReferences.ParentsAndSiblings, null);
            case "children":
                return (StructureReferences.Children, null);
            case "descendants":
                return (StructureReferences.Descendants, null);
            case "all":
                return (StructureReferences.All, null);
            case "actualconstraint" or "allowedconstraint" when api == RestApi.V1:
                return (StructureReferences.Specific, ArtefactType.ContentConstraint);
            case "organisationscheme" when api == RestApi.V1:
                throw SdmxRestException.NotImplemented("references: ask for agencyscheme, dataproviderscheme or dataconsumerscheme instead of organisationscheme");
        }

        if (NotHeldTypes.Contains(text))
        {
            throw SdmxRestException.NotImplemented($"references: the registry holds no {text.ToLowerInvariant()}");
        }

        if (string.Equals(text, "dataconstraint", StringComparison.OrdinalIgnoreCase))
        {
            return (StructureReferences.Specific, ArtefactType.ContentConstraint);
        }

        if (ArtefactTypes.TryParse(text, out var type))
        {
            return (StructureReferences.Specific, type);
        }

        var ancestors = api == RestApi.V2 ? "ancestors, " : "";
        throw SdmxRestException.Syntax($"references: must be none, parents, parentsandsiblings, {ancestors}children, descendants, all or a structure type ({string.Join(", ", ArtefactTypes.All.Select(t => t.RestResource()))})");
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z\d_-]*(\.[A-Za-z][A-Za-z\d_-]*)*,)?[A-Za-z\d_@$-]+(,(latest|\d+(\.\d+)*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex V1FlowRef();

    [GeneratedRegex(@"^([A-Za-z\d_@$-]+(\+[A-Za-z\d_@$-]+)*)?(\.([A-Za-z\d_@$-]+(\+[A-Za-z\d_@$-]+)*)?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex V1Key();

    [GeneratedRegex(@"^(\*|[A-Za-z\d_@$-]*)(\.(\*|[A-Za-z\d_@$-]*))*(,(\*|[A-Za-z\d_@$-]*)(\.(\*|[A-Za-z\d_@$-]*))*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex V2Key();

    [GeneratedRegex(@"^([A-Za-z][A-Za-z\d_-]*(\.[A-Za-z][A-Za-z\d_-]*)*,)?[A-Za-z\d_@$-]+(\+([A-Za-z][A-Za-z\d_-]*(\.[A-Za-z][A-Za-z\d_-]*)*,)?[A-Za-z\d_@$-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex V1ProviderRef();

    [GeneratedRegex(@"^(latest|all|\d+(\.\d+)*(\+\d+(\.\d+)*)*)$", RegexOptions.CultureInvariant)]
    private static partial Regex V1Versions();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z\d_-]*(\.[A-Za-z][A-Za-z\d_-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex AgencyId();

    [GeneratedRegex(@"^[A-Za-z\d_@$-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceId();

    [GeneratedRegex(@"^[A-Za-z\d_@$-]+(\.[A-Za-z\d_@$-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemId();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z\d_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NcNameId();

    [GeneratedRegex(@"^\d{4}(-(\d{2}(-\d{2})?|A1|S[12]|T[1-3]|Q[1-4]|M(0[1-9]|1[0-2])|W(0[1-9]|[1-4]\d|5[0-3])|D(00[1-9]|0[1-9]\d|[12]\d\d|3[0-5]\d|36[0-6])))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodSyntax();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeSyntax();

    [GeneratedRegex(@"(?<=T\d{2}:\d{2}(:\d{2}(\.\d+)?)?) (?<offset>\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex SpacedOffset();
}
