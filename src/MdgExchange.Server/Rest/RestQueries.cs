using MdgExchange.Sdmx.Data;

namespace MdgExchange.Server.Rest;

/// <summary>Which SDMX REST API a request came through: 1.5 (<c>/sdmx/rest/</c>) or 2.x (<c>/sdmx/v2/</c>).</summary>
public enum RestApi
{
    V1,
    V2,
}

/// <summary>The SDMX REST <c>detail</c> of a data query.</summary>
public enum DataDetail
{
    /// <summary>Series keys, attributes and observations.</summary>
    Full,

    /// <summary>Keys and values, no attributes.</summary>
    DataOnly,

    /// <summary>Series keys only: no attributes, no observations.</summary>
    SeriesKeysOnly,

    /// <summary>Series keys and attributes, no observations.</summary>
    NoData,
}

/// <summary>Comparison operators of SDMX REST 2.x component filters (<c>c[DIM]=op:value</c>).</summary>
public enum FilterOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
    Contains,
    NotContains,
    StartsWith,
    EndsWith,
}

/// <summary>One condition of a component filter, e.g. <c>ge:2015</c>.</summary>
public sealed record FilterCondition(FilterOperator Operator, string Value);

/// <summary>
/// A REST 2.x component filter <c>c[COMPONENT]=...</c>: it holds when every group of <see cref="AllOf"/> holds
/// (groups separated by <c>+</c>), a group holding when any of its conditions does (separated by <c>,</c>).
/// For <c>TIME_PERIOD</c> the comparisons are on periods.
/// <para>The query text reads the other way round (sdmx-rest <c>doc/data.md</c>: <c>,</c> binds loosest, so
/// <c>A,B+C</c> is A OR (B AND C)); <see cref="RestQueryParser"/> turns it into these AND-of-OR groups by
/// distribution, e.g. <c>ge:2015+le:2016,ge:2020</c> → (ge:2015 OR ge:2020) AND (le:2016 OR ge:2020). Plain
/// lists (<c>A,B</c>) and ranges (<c>ge:2015+le:2020</c>) read the same either way.</para>
/// </summary>
public sealed record ComponentFilter(string ComponentId, IReadOnlyList<IReadOnlyList<FilterCondition>> AllOf);

/// <summary>REST 2.x <c>attributes</c>: <c>dsd</c> (all, the default), <c>msd</c>, <c>dataset</c>, <c>series</c>, <c>obs</c>, <c>all</c>, <c>none</c> or a list of ids.</summary>
public sealed record AttributeSelection(string Mode, IReadOnlySet<string>? Ids)
{
    public static AttributeSelection All { get; } = new("all", null);
}

/// <summary>
/// A parsed SDMX REST data query, whichever API it came through. The dataflow is given by agency, id and a version
/// pattern (<see cref="VersionPattern"/>: <c>latest</c>, an exact version, or a REST 2.x wildcard such as <c>+</c>,
/// <c>~</c>, <c>1.+</c>). The key is still text: it is parsed against the DSD once the dataflow is known.
/// </summary>
public sealed record RestDataRequest
{
    public required RestApi Api { get; init; }
    public required string AgencyId { get; init; }
    public required string FlowId { get; init; }
    public required string VersionPattern { get; init; }

    /// <summary>The key expression (<c>A.N.SH_DYN_MORT.032+076.....</c>); null or <c>all</c>/<c>*</c> = every series.</summary>
    public string? Key { get; init; }

    /// <summary>Data providers (organisation ids) whose data are wanted; null = all.</summary>
    public IReadOnlyList<string>? Providers { get; init; }

    public string? StartPeriod { get; init; }
    public string? EndPeriod { get; init; }
    public DateTimeOffset? UpdatedAfter { get; init; }

    /// <summary>REST 2.x <c>asOf</c>: the data as they were at that instant.</summary>
    public DateTimeOffset? AsOf { get; init; }

    public int? FirstNObservations { get; init; }
    public int? LastNObservations { get; init; }

    /// <summary><c>TIME_PERIOD</c> (the default) or <c>AllDimensions</c>.</summary>
    public string DimensionAtObservation { get; init; } = "TIME_PERIOD";

    public DataDetail Detail { get; init; } = DataDetail.Full;
    public bool IncludeHistory { get; init; }

    /// <summary>REST 2.x component filters; empty for 1.5.</summary>
    public IReadOnlyList<ComponentFilter> Filters { get; init; } = [];

    public AttributeSelection Attributes { get; init; } = AttributeSelection.All;

    /// <summary>REST 2.x <c>measures</c>: true unless <c>none</c>.</summary>
    public bool Measures { get; init; } = true;

    /// <summary>REST 2.x <c>measures</c> given as a list of measure ids; null for <c>all</c> and <c>none</c>.</summary>
    public IReadOnlySet<string>? MeasureIds { get; init; }

    /// <summary>REST 2.x paging, in series: skip <see cref="Offset"/>, return at most <see cref="Limit"/>.</summary>
    public int Offset { get; init; }

    public int? Limit { get; init; }
}

/// <summary>The structure message formats of the REST API.</summary>
public enum StructureFormat
{
    SdmxMl21,
    SdmxJson10,
    SdmxJson20,
}

/// <summary>What content negotiation chose: a data format or a structure format, and the media type to answer with.</summary>
public sealed record NegotiatedFormat(DataFormat? Data, StructureFormat? Structure, string MediaType);

/// <summary>
/// A request the REST API answers with an SDMX error message: the HTTP status and the SDMX error code
/// (100 no results, 110 unauthorised, 130 response too large, 140 syntax error, 150 semantic error,
/// 406 not acceptable, 500 internal, 501 not implemented, 503 unavailable).
/// </summary>
public sealed class SdmxRestException(int status, int code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public int Code { get; } = code;

    public static SdmxRestException NoResults(string message) => new(StatusCodes.Status404NotFound, 100, message);
    public static SdmxRestException Syntax(string message) => new(StatusCodes.Status400BadRequest, 140, message);
    public static SdmxRestException Semantic(string message) => new(StatusCodes.Status403Forbidden, 150, message);
    public static SdmxRestException Unauthorised(string message) => new(StatusCodes.Status401Unauthorized, 110, message);
    public static SdmxRestException Forbidden(string message) => new(StatusCodes.Status403Forbidden, 110, message);
    public static SdmxRestException TooLarge(string message) => new(StatusCodes.Status413PayloadTooLarge, 130, message);
    public static SdmxRestException NotAcceptable(string message) => new(StatusCodes.Status406NotAcceptable, 406, message);
    public static SdmxRestException NotImplemented(string message) => new(StatusCodes.Status501NotImplemented, 501, message);
}
