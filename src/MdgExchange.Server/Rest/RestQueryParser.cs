using System.Globalization;
using System.Text.RegularExpressions;
using MdgExchange.Domain.Structure;
using Microsoft.Extensions.Primitives;

namespace MdgExchange.Server.Rest;

/// <summary>
/// Reads SDMX REST data and structure queries (path parameters and query string) into <see cref="RestDataRequest"/>
/// and <see cref="RestStructureRequest"/>, checking syntax against the SDMX REST 1.5 and 2.x OpenAPI definitions.
/// A bad value throws <see cref="SdmxRestException.Syntax"/> naming the parameter and the rule; a valid request
/// for something the service does not do throws <see cref="SdmxRestException.NotImplemented"/>.
/// <para>Query parameters are looked up case-insensitively, as ASP.NET Core does. Parameters the API does not
/// define are ignored (services may add their own, such as <c>format</c>, and caches add their own), except the
/// parameters of the other API version, which are rejected because ignoring them would answer a different question
/// (<c>startPeriod</c> on 2.x, <c>c[...]</c> on 1.5). A parameter given twice is a syntax error.</para>
/// </summary>
public static partial class RestQueryParser
{
    private static readonly string[] V1DataParameters =
        ["startPeriod", "endPeriod", "updatedAfter", "firstNObservations", "lastNObservations", "dimensionAtObservation", "detail", "includeHistory", "explicitMeasure"];

    private static readonly string[] V2DataParameters =
        ["updatedAfter", "firstNObservations", "lastNObservations", "dimensionAtObservation", "attributes", "measures", "includeHistory", "offset", "limit", "sort", "asOf", "reportingYearStartDay"];

    private static readonly (string Name, string Hint)[] V2OnlyDataParameters =
    [
        ("attributes", "use detail=dataonly or nodata"), ("measures", "use detail=serieskeysonly or nodata"), ("asOf", "it has no 1.5 equivalent"),
        ("offset", "it has no 1.5 equivalent"), ("limit", "it has no 1.5 equivalent"), ("sort", "it has no 1.5 equivalent"),
    ];

    private static readonly (string Name, string Hint)[] V1OnlyDataParameters =
    [
        ("startPeriod", "use c[TIME_PERIOD]=ge:<period>"), ("endPeriod", "use c[TIME_PERIOD]=le:<period>"),
        ("detail", "use attributes=none (dataonly) or measures=none (nodata)"), ("explicitMeasure", "it has no 2.x equivalent"),
    ];

    private static readonly Dictionary<string, FilterOperator> Operators = new(StringComparer.Ordinal)
    {
        ["eq"] = FilterOperator.Equal,
        ["ne"] = FilterOperator.NotEqual,
        ["lt"] = FilterOperator.LessThan,
        ["le"] = FilterOperator.LessOrEqual,
        ["gt"] = FilterOperator.GreaterThan,
        ["ge"] = FilterOperator.GreaterOrEqual,
        ["co"] = FilterOperator.Contains,
        ["nc"] = FilterOperator.NotContains,
        ["sw"] = FilterOperator.StartsWith,
        ["ew"] = FilterOperator.EndsWith,
    };

    /// <summary>The most AND-groups one component filter may expand to (see <see cref="ComponentFilter"/>).</summary>
    public const int MaxFilterGroups = 256;

    /// <summary>The item schemes: the only types an item query (<c>itemID</c>) applies to.</summary>
    public static IReadOnlySet<ArtefactType> ItemSchemes { get; } = new HashSet<ArtefactType>
    {
        ArtefactType.Codelist, ArtefactType.ConceptScheme, ArtefactType.CategoryScheme,
        ArtefactType.AgencyScheme, ArtefactType.DataProviderScheme, ArtefactType.DataConsumerScheme,
    };

    /// <summary>
    /// Structure types of SDMX REST 1.5 and 2.x the registry holds none of; querying them is not implemented.
    /// </summary>
    private static readonly HashSet<string> NotHeldTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "hierarchicalcodelist", "hierarchy", "hierarchyassociation", "process", "structureset", "organisationunitscheme",
        "reportingtaxonomy", "transformationscheme", "rulesetscheme", "userdefinedoperatorscheme", "customtypescheme",
        "namepersonalisationscheme", "namealiasscheme", "vtlmappingscheme", "valuelist", "structuremap", "representationmap",
        "conceptschememap", "categoryschememap", "organisationschememap", "reportingtaxonomymap", "metadataproviderscheme",
        "metadataprovisionagreement", "attachmentconstraint", "metadataconstraint",
    };

    /// <summary>
    /// A REST 1.5 data query, <c>/data/{flowRef}/{key}/{providerRef}</c>. <paramref name="flowRef"/> is <c>ID</c>,
    /// <c>AGENCY,ID</c> or <c>AGENCY,ID,VERSION</c> (agency defaults to <c>all</c>, version to <c>latest</c>);
    /// <paramref name="key"/> and <paramref name="providerRef"/> default to <c>all</c>. Query: <c>startPeriod</c>,
    /// <c>endPeriod</c>, <c>updatedAfter</c>, <c>firstNObservations</c>, <c>lastNObservations</c>,
    /// <c>dimensionAtObservation</c>, <c>detail</c>, <c>includeHistory</c>, <c>explicitMeasure</c> (checked, no effect).
    /// </summary>
    public static RestDataRequest ParseV1Data(string flowRef, string? key, string? providerRef, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        RejectForeign(query, V2OnlyDataParameters, RestApi.V1);
        if (query.Keys.FirstOrDefault(k => k.StartsWith("c[", StringComparison.OrdinalIgnoreCase)) is { } filter)
        {
            throw SdmxRestException.Syntax($"{filter}: component filters are REST 2.x (/sdmx/v2/data/...); in 1.5 select by key and startPeriod/endPeriod");
        }

        if (string.IsNullOrEmpty(flowRef) || !V1FlowRef().IsMatch(flowRef))
        {
            throw SdmxRestException.Syntax("flowRef: must be ID, AGENCY,ID or AGENCY,ID,VERSION (VERSION: latest or numbers such as 1.0)");
        }

        var flow = flowRef.Split(',');
        var (agency, id, version) = flow.Length switch
        {
            1 => ("all", flow[0], "latest"),
            2 => (flow[0], flow[1], "latest"),
            _ => (flow[0], flow[1], flow[2]),
        };

        string? dataKey = null;
        if (!string.IsNullOrEmpty(key) && key != "all")
        {
            if (!V1Key().IsMatch(key))
            {
                throw SdmxRestException.Syntax("key: must be dimension values separated by '.', several values of a dimension joined by '+', an empty position for any value (e.g. A+M..000000.ANR), or all");
            }

            dataKey = key;
        }

        IReadOnlyList<string>? providers = null;
        if (!string.IsNullOrEmpty(providerRef) && providerRef != "all")
        {
            if (!V1ProviderRef().IsMatch(providerRef))
            {
                throw SdmxRestException.Syntax("providerRef: must be PROVIDER or AGENCY,PROVIDER, several joined by '+', or all");
            }

            providers = providerRef.Split('+').Select(p => p[(p.LastIndexOf(',') + 1)..]).Distinct(StringComparer.Ordinal).ToList();
        }

        var start = Period(query, "startPeriod");
        var end = Period(query, "endPeriod");
        var first = PositiveInt(query, "firstNObservations");
        var last = PositiveInt(query, "lastNObservations");
        Boolean(query, "explicitMeasure");
        return new RestDataRequest
        {
            Api = RestApi.V1,
            AgencyId = agency,
            FlowId = id,
            VersionPattern = version,
            Key = dataKey,
            Providers = providers,
            StartPeriod = start,
            EndPeriod = end,
            UpdatedAfter = DateTime(query, "updatedAfter"),
            FirstNObservations = first,
            LastNObservations = last,
            DimensionAtObservation = DimensionAtObservation(query),
            Detail = Single(query, "detail") is { } detail ? DataDetailOf(detail) : DataDetail.Full,
            IncludeHistory = Boolean(query, "includeHistory") ?? false,
        };
    }

    /// <summary>
    /// A REST 2.x data query, <c>/data/{context}/{agencyID}/{resourceID}/{version}/{key}</c>. Only the
    /// <c>dataflow</c> context of one dataflow (no <c>*</c> or lists for agency and id) in one version is
    /// implemented; the version may be a wildcard that selects one (<c>+</c>, <c>~</c>, <c>1.+</c>, <c>1.2.+</c>, ...).
    /// <paramref name="key"/>: dimension values separated by <c>.</c>, <c>*</c> for any value, several keys
    /// separated by <c>,</c>. Query: <c>c[COMPONENT]</c>, <c>updatedAfter</c>, <c>firstNObservations</c>,
    /// <c>lastNObservations</c>, <c>dimensionAtObservation</c>, <c>attributes</c>, <c>measures</c>,
    /// <c>includeHistory</c>, <c>asOf</c>, <c>offset</c>, <c>limit</c>. A <c>c[TIME_PERIOD]</c> that is one range
    /// (<c>ge:2015+le:2020</c>, <c>eq:2015</c>) also sets <see cref="RestDataRequest.StartPeriod"/> and
    /// <see cref="RestDataRequest.EndPeriod"/>; these are inclusive and wider than the filter for <c>gt</c>/<c>lt</c>,
    /// the filter (kept) being the exact condition.
    /// </summary>
    public static RestDataRequest ParseV2Data(string context, string agencyId, string resourceId, string version, string? key, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        RejectForeign(query, V1OnlyDataParameters, RestApi.V2);
        switch (context)
        {
            case "dataflow":
                break;
            case "datastructure" or "provisionagreement" or "*":
                throw SdmxRestException.NotImplemented($"context: data are served by dataflow only (/data/dataflow/...); the '{context}' context is not implemented");
            default:
                throw SdmxRestException.Syntax("context: must be dataflow, datastructure, provisionagreement or *");
        }

        var agency = agencyId ?? "*";
        if (agency == "*" || agency.Contains(',', StringComparison.Ordinal))
        {
            throw SdmxRestException.NotImplemented("agencyID: data are served for one dataflow at a time; give its agency, not * or a list");
        }

        if (!AgencyId().IsMatch(agency))
        {
            throw SdmxRestException.Syntax("agencyID: must be an agency id (NCNameIDType, e.g. IAEG-SDGs or SDMX.ECB)");
        }

        var id = resourceId ?? "*";
        if (id == "*" || id.Contains(',', StringComparison.Ordinal))
        {
            throw SdmxRestException.NotImplemented("resourceID: data are served for one dataflow at a time; give its id, not * or a list");
        }

        if (!ResourceId().IsMatch(id))
        {
            throw SdmxRestException.Syntax("resourceID: must be an artefact id (IDType: letters, digits, _, @, $, -)");
        }

        var versionPattern = string.IsNullOrEmpty(version) ? "*" : version;
        if (versionPattern is "*" || versionPattern.Contains(',', StringComparison.Ordinal)
            || (SemanticVersions.IsValidPattern(versionPattern, RestApi.V2) && versionPattern.Contains('*', StringComparison.Ordinal)))
        {
            throw SdmxRestException.NotImplemented("version: data are served from one dataflow version; give it, or + (latest stable) or ~ (latest)");
        }

        CheckV2Version(versionPattern);

        string? dataKey = null;
        if (!string.IsNullOrEmpty(key) && key != "*")
        {
            if (key.Contains('+', StringComparison.Ordinal))
            {
                throw SdmxRestException.Syntax("key: '+' is REST 1.5 syntax; in 2.x give several keys separated by ',' (A.USD,M.USD) or filter with c[DIMENSION]=A,M");
            }

            if (!V2Key().IsMatch(key))
            {
                throw SdmxRestException.Syntax("key: must be dimension values separated by '.', * for any value (D.*.EUR), several keys separated by ','");
            }

            dataKey = key;
        }

        var filters = Filters(query);
        var (start, end) = TimeRange(filters);
        var updatedAfter = DateTime(query, "updatedAfter");
        var asOf = DateTime(query, "asOf");
        if (updatedAfter is { } after && asOf is { } at && after > at)
        {
            throw SdmxRestException.Syntax("updatedAfter: must not be later than asOf");
        }

        if (Single(query, "sort") is not null)
        {
            throw SdmxRestException.NotImplemented("sort: data are returned in key order; sort is not implemented");
        }

        if (Single(query, "reportingYearStartDay") is not null)
        {
            throw SdmxRestException.NotImplemented("reportingYearStartDay: the data are calendar-year; reportingYearStartDay is not implemented");
        }

        var (measures, measureIds) = Measures(query);
        return new RestDataRequest
        {
            Api = RestApi.V2,
            AgencyId = agency,
            FlowId = id,
            VersionPattern = versionPattern,
            Key = dataKey,
            StartPeriod = start,
            EndPeriod = end,
            UpdatedAfter = updatedAfter,
            AsOf = asOf,
            FirstNObservations = PositiveInt(query, "firstNObservations"),
            LastNObservations = PositiveInt(query, "lastNObservations"),
            DimensionAtObservation = DimensionAtObservation(query),
            IncludeHistory = Boolean(query, "includeHistory") ?? false,
            Filters = filters,
            Attributes = Attributes(query),
            Measures = measures,
            MeasureIds = measureIds,
            Offset = NonNegativeInt(query, "offset") ?? 0,
            Limit = PositiveInt(query, "limit"),
        };
    }

    /// <summary>
    /// A REST 1.5 structure query, <c>/{structureType}/{agencyID}/{resourceID}/{version}/{itemID}</c>: lists joined
    /// by <c>+</c>, <c>all</c> for any (the defaults), version <c>latest</c> (the default), <c>all</c> or versions
    /// joined by <c>+</c> (turned into the <c>,</c> of <see cref="SemanticVersions"/>). <c>structure</c> = every type;
    /// <c>organisationscheme</c> = agency, data provider and data consumer schemes; <c>actualconstraint</c> and
    /// <c>allowedconstraint</c> = content constraints of that role. Query: <c>references</c>, <c>detail</c>.
    /// </summary>
    public static RestStructureRequest ParseV1Structure(string structureType, string? agencyId, string? resourceId, string? version, string? itemId, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (types, role) = V1Types(structureType);
        var agencies = List(agencyId, '+', "all", AgencyId(), "agencyID", "an agency id (NCNameIDType)");
        var ids = List(resourceId, '+', "all", ResourceId(), "resourceID", "an artefact id (IDType)");
        var versionPattern = string.IsNullOrEmpty(version) ? "latest" : version;
        if (!V1Versions().IsMatch(versionPattern))
        {
            throw SdmxRestException.Syntax("version: must be latest, all or versions of numbers (1.0) joined by '+'");
        }

        var items = Items(itemId, '+', "all", types);
        var (references, referenceType) = References(query, RestApi.V1);
        return new RestStructureRequest
        {
            Api = RestApi.V1,
            Types = types,
            AgencyIds = agencies,
            ResourceIds = ids,
            VersionPattern = versionPattern.Replace('+', ','),
            ItemIds = items,
            References = references,
            ReferenceType = referenceType,
            Detail = StructureDetailOf(query, RestApi.V1),
            ConstraintRole = role,
        };
    }

    /// <summary>
    /// A REST 2.x structure query, <c>/structure/{structureType}/{agencyID}/{resourceID}/{version}/{itemID}</c>:
    /// lists separated by <c>,</c>, <c>*</c> for any (the defaults, also for the type), versions as in
    /// <see cref="SemanticVersions"/> (default <c>~</c>, the latest whatever its status). Query: <c>references</c>
    /// (one value; <c>ancestors</c> is read as <c>parents</c>), <c>detail</c> (also <c>raw</c>); <c>asOf</c> is not
    /// implemented.
    /// </summary>
    public static RestStructureRequest ParseV2Structure(string structureType, string? agencyId, string? resourceId, string? version, string? itemId, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<ArtefactType>? types = null;
        if (!string.IsNullOrEmpty(structureType) && structureType != "*")
        {
            types = [V2Type(structureType, "structureType")];
        }

        var agencies = List(agencyId, ',', "*", AgencyId(), "agencyID", "an agency id (NCNameIDType)");
        var ids = List(resourceId, ',', "*", ResourceId(), "resourceID", "an artefact id (IDType)");
        var versionPattern = string.IsNullOrEmpty(version) ? "~" : version;
        CheckV2Version(versionPattern);
        var items = Items(itemId, ',', "*", types);
        if (items is not null && types is null)
        {
            types = ArtefactTypes.All.Where(ItemSchemes.Contains).ToList();
        }

        if (Single(query, "asOf") is not null)
        {
            throw SdmxRestException.NotImplemented("asOf: structures are served as they are now; asOf is not implemented");
        }

        var (references, referenceType) = References(query, RestApi.V2);
        return new RestStructureRequest
        {
            Api = RestApi.V2,
            Types = types,
            AgencyIds = agencies,
            ResourceIds = ids,
            VersionPattern = versionPattern,
            ItemIds = items,
            References = references,
            ReferenceType = referenceType,
            Detail = StructureDetailOf(query, RestApi.V2),
        };
    }

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

    private static void RejectForeign(IQueryCollection query, (string Name, string Hint)[] foreign, RestApi api)
    {
        foreach (var (name, hint) in foreign)
        {
            if (query.ContainsKey(name))
            {
                var other = api == RestApi.V1 ? "2.x (/sdmx/v2/)" : "1.5 (/sdmx/rest/)";
                throw SdmxRestException.Syntax($"{name}: a REST {other} parameter, not one of this API; {hint}");
            }
        }
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

    private static string DimensionAtObservation(IQueryCollection query)
    {
        var text = Single(query, "dimensionAtObservation");
        if (text is null)
        {
            return "TIME_PERIOD";
        }

        if (!NcNameId().IsMatch(text))
        {
            throw SdmxRestException.Syntax("dimensionAtObservation: must be TIME_PERIOD, AllDimensions or a dimension id (NCNameIDType)");
        }

        return text;
    }

    private static DataDetail DataDetailOf(string text) => text.ToLowerInvariant() switch
    {
        "full" => DataDetail.Full,
        "dataonly" => DataDetail.DataOnly,
        "serieskeysonly" => DataDetail.SeriesKeysOnly,
        "nodata" => DataDetail.NoData,
        _ => throw SdmxRestException.Syntax("detail: must be full, dataonly, serieskeysonly or nodata"),
    };

    private static void CheckV2Version(string pattern)
    {
        if (pattern == "latest")
        {
            throw SdmxRestException.Syntax("version: 'latest' is REST 1.5; in 2.x use + (latest stable) or ~ (latest, draft or not)");
        }

        if (!SemanticVersions.IsValidPattern(pattern, RestApi.V2))
        {
            throw SdmxRestException.Syntax("version: must be a version (1.0, 1.0.0, 1.0.0-draft), + (latest stable), ~ (latest), * (all) or a semantic wildcard (1.+, 1.2.+, 1.3+.0, 1.~, 1.*), several separated by ','");
        }
    }

    private static List<ComponentFilter> Filters(IQueryCollection query)
    {
        var filters = new List<ComponentFilter>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, values) in query)
        {
            if (!name.StartsWith("c[", StringComparison.OrdinalIgnoreCase) && !name.Equals("c", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.Length < 4 || name[^1] != ']' || !NcNameId().IsMatch(name[2..^1]))
            {
                throw SdmxRestException.Syntax($"{name}: a component filter is c[COMPONENT_ID]=value with a component id (NCNameIDType: a letter, then letters, digits, _ or -)");
            }

            var component = name[2..^1];
            if (!seen.Add(component) || values.Count > 1)
            {
                throw SdmxRestException.Syntax($"{name}: given more than once; give each component once, several values separated by ','");
            }

            filters.Add(Filter(name, component, values.ToString()));
        }

        return filters;
    }

    private static ComponentFilter Filter(string name, string component, string text)
    {
        // The spec's reading: ',' separates alternatives (OR), '+' joins conditions (AND) inside one. A '+' left
        // unencoded in a query string arrives as a space, so a space is read as '+' too.
        var alternatives = new List<List<FilterCondition>>();
        foreach (var alternative in text.Split(','))
        {
            var conditions = new List<FilterCondition>();
            foreach (var part in alternative.Split('+', ' '))
            {
                conditions.Add(Condition(name, component, part));
            }

            alternatives.Add(conditions);
        }

        // As AND-of-OR groups (ComponentFilter): one condition of each alternative per group, every combination.
        IEnumerable<IReadOnlyList<FilterCondition>> groups = [[]];
        long count = 1;
        foreach (var alternative in alternatives)
        {
            count *= alternative.Count;
            if (count > MaxFilterGroups)
            {
                throw SdmxRestException.Syntax($"{name}: too complex; at most {MaxFilterGroups} combinations of ',' alternatives and '+' conditions");
            }

            var current = groups;
            groups = current.SelectMany(g => alternative.Select(c => (IReadOnlyList<FilterCondition>)[.. g, c])).ToList();
        }

        var allOf = groups.Select(g => (IReadOnlyList<FilterCondition>)g.Distinct().ToList()).ToList();
        return new ComponentFilter(component, allOf);
    }

    private static FilterCondition Condition(string name, string component, string text)
    {
        var op = FilterOperator.Equal;
        var value = text;
        if (text.Length >= 3 && text[2] == ':' && Operators.TryGetValue(text[..2], out var parsed))
        {
            op = parsed;
            value = text[3..];
        }

        if (value.Length == 0)
        {
            throw SdmxRestException.Syntax($"{name}: empty value; conditions are [op:]value with op one of eq, ne, lt, le, gt, ge, co, nc, sw, ew, separated by ',' (OR) and '+' (AND)");
        }

        if (component == "TIME_PERIOD" && op is FilterOperator.Equal or FilterOperator.NotEqual or FilterOperator.LessThan or FilterOperator.LessOrEqual
                or FilterOperator.GreaterThan or FilterOperator.GreaterOrEqual && !IsPeriod(value))
        {
            throw SdmxRestException.Syntax($"{name}: '{value}' is not an SDMX period (2015, 2015-01, 2015-01-31, 2015-Q1, 2015-S1, 2015-W05, ...)");
        }

        return new FilterCondition(op, value);
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

    private static AttributeSelection Attributes(IQueryCollection query)
    {
        var text = Single(query, "attributes");
        if (text is null)
        {
            return AttributeSelection.All;
        }

        var values = text.Split(',');
        if (values is [var mode] && mode is "dsd" or "msd" or "dataset" or "series" or "obs" or "all" or "none")
        {
            return new AttributeSelection(mode, null);
        }

        if (values.Any(v => !NcNameId().IsMatch(v) || v is "dsd" or "msd" or "dataset" or "series" or "obs" or "all" or "none"))
        {
            throw SdmxRestException.Syntax("attributes: must be one of dsd, msd, dataset, series, obs, all, none, or attribute ids separated by ','");
        }

        return new AttributeSelection("ids", new HashSet<string>(values, StringComparer.Ordinal));
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

    /// <summary>A structure type the registry holds, by its REST name; <c>dataconstraint</c> (2.x) is a content constraint.</summary>
    private static ArtefactType V2Type(string name, string parameter)
    {
        if (string.Equals(name, "dataconstraint", StringComparison.OrdinalIgnoreCase))
        {
            return ArtefactType.ContentConstraint;
        }

        if (NotHeldTypes.Contains(name))
        {
            throw SdmxRestException.NotImplemented($"{parameter}: the registry holds no {name.ToLowerInvariant()}");
        }

        if (!ArtefactTypes.TryParse(name, out var type))
        {
            throw SdmxRestException.Syntax($"{parameter}: '{name}' is not a structure type; the registry holds {string.Join(", ", ArtefactTypes.All.Select(t => t.RestResource()))}");
        }

        return type;
    }

    private static List<string>? List(string? text, char separator, string any, Regex syntax, string parameter, string rule)
    {
        if (string.IsNullOrEmpty(text) || text == any)
        {
            return null;
        }

        var values = text.Split(separator);
        if (values.Any(v => !syntax.IsMatch(v)))
        {
            throw SdmxRestException.Syntax($"{parameter}: must be {any} or {rule}, several joined by '{separator}'");
        }

        return values.Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<string>? Items(string? itemId, char separator, string any, IReadOnlyList<ArtefactType>? types)
    {
        if (string.IsNullOrEmpty(itemId))
        {
            return null;
        }

        if (types is not null && !types.All(ItemSchemes.Contains))
        {
            throw SdmxRestException.Syntax($"itemID: only item schemes have items ({string.Join(", ", ItemSchemes.Select(t => t.RestResource()))})");
        }

        if (itemId == any)
        {
            return null;
        }

        return List(itemId, separator, any, ItemId(), "itemID", "an item id (IDType; nested categories joined by '.')");
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

    private static StructureDetail StructureDetailOf(IQueryCollection query, RestApi api) => Single(query, "detail")?.ToLowerInvariant() switch
    {
        null or "full" => StructureDetail.Full,
        "allstubs" => StructureDetail.AllStubs,
        "referencestubs" => StructureDetail.ReferenceStubs,
        "referencepartial" => StructureDetail.ReferencePartial,
        "allcompletestubs" => StructureDetail.AllCompleteStubs,
        "referencecompletestubs" => StructureDetail.ReferenceCompleteStubs,
        "raw" when api == RestApi.V2 => StructureDetail.Raw,
        _ => throw SdmxRestException.Syntax($"detail: must be full, allstubs, referencestubs, referencepartial, allcompletestubs{(api == RestApi.V2 ? ", referencecompletestubs or raw" : " or referencecompletestubs")}"),
    };

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
