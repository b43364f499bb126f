using MdgExchange.Domain.Structure;

namespace MdgExchange.Server.Rest;

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

        var (agency, id, versionPattern) = V2Flow(agencyId, resourceId, version);
        var dataKey = V2DataKey(key);
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

    /// <summary>The one dataflow a 2.x data query names: agency, id and version pattern.</summary>
    private static (string Agency, string Id, string VersionPattern) V2Flow(string? agencyId, string? resourceId, string? version)
    {
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
            || (SemanticVersions.IsValidPattern(versionPattern) && versionPattern.Contains('*', StringComparison.Ordinal)))
        {
            throw SdmxRestException.NotImplemented("version: data are served from one dataflow version; give it, or + (latest stable) or ~ (latest)");
        }

        CheckV2Version(versionPattern);
        return (agency, id, versionPattern);
    }

    /// <summary>The 2.x key (null for all): dimension values separated by '.', several keys by ','.</summary>
    private static string? V2DataKey(string? key)
    {
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

            return key;
        }

        return null;
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

        if (!SemanticVersions.IsValidPattern(pattern))
        {
            throw SdmxRestException.Syntax("version: must be a version (1.0, 1.0.0, 1.0.0-draft), + (latest stable), ~ (latest), * (all) or a semantic wildcard (1.+, 1.2.+, 1.3+.0, 1.~, 1.*), several separated by ','");
        }
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
}
