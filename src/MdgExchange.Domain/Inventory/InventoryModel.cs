namespace MdgExchange.Domain.Inventory;

/// <summary>Which way a flow goes, by the kinds of organisation at each end.</summary>
public static class FlowDirections
{
    public const string NationalToAgency = "national-to-agency";
    public const string AgencyToNational = "agency-to-national";
    public const string AgencyToAgency = "agency-to-agency";
    public const string NationalToNational = "national-to-national";

    /// <summary>The coordinator, or an organisation the service has no role for, at one end.</summary>
    public const string Other = "other";
}

/// <summary>The filters of an inventory. Empty filters match everything; the time range applies to when transfers finished.</summary>
public sealed record InventoryQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Country = null,
    string? Organisation = null,
    string? Goal = null,
    string? Target = null,
    string? Indicator = null,
    string? ThematicArea = null);

/// <summary>
/// One information flow: the transfers sharing indicator and series, country (subnational areas rolled up), sender,
/// receiver, direction, kind, channel and format — with what they add up to.
/// </summary>
public sealed record InventoryFlow
{
    /// <summary>The SDG indicator in dotted notation (3.2.1); empty when the series maps to none.</summary>
    public required string Indicator { get; init; }

    /// <summary>The series code; null for transfers about the indicator itself (metadata).</summary>
    public string? Series { get; init; }
    public required string Country { get; init; }
    public required string Sender { get; init; }

    /// <summary>The receiving organisation; <c>*</c> when the transfer named none (a push to every reader).</summary>
    public required string Receiver { get; init; }
    public required string Direction { get; init; }

    /// <summary>push, pull, annotate, metadata-submit, ...</summary>
    public required string Kind { get; init; }
    public required string Channel { get; init; }
    public required string Format { get; init; }
    public string? Goal { get; init; }
    public string? Target { get; init; }
    public string? ThematicArea { get; init; }
    public required DateTimeOffset FirstTransfer { get; init; }
    public required DateTimeOffset LastTransfer { get; init; }
    public required long Transfers { get; init; }
    public required long Rejected { get; init; }
    public double RejectedShare => Transfers == 0 ? 0 : (double)Rejected / Transfers;

    /// <summary>The median interval between consecutive transfers; null with fewer than two.</summary>
    public TimeSpan? MedianInterval { get; init; }
    public long SeriesCount { get; init; }
    public long Observations { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>For a pull flow: the median time from each national push of the flow's series to this receiver's next pull.</summary>
    public TimeSpan? MedianPullLag { get; init; }

    /// <summary>For a pull flow: the median time from each national revision (a push that revised values) to this receiver's next pull.</summary>
    public TimeSpan? MedianRevisionLag { get; init; }

    /// <summary>For a pull flow: national pushes of the series this receiver has not pulled since.</summary>
    public long PushesNotYetPulled { get; init; }
}

/// <summary>Something the inventory expected and did not find.</summary>
public sealed record InventoryGap(string Kind, string Indicator, string? Series, string Country, string Organisation, string Detail)
{
    /// <summary>A country pushed the series; this agency has never pulled it.</summary>
    public const string NotPulled = "not-pulled";

    /// <summary>An agency published the series for the country with no national push of it behind.</summary>
    public const string NoNationalTransfer = "no-national-transfer";
}

/// <summary>An organisation at one step of an indicator's chain, with its transfers.</summary>
public sealed record ChainStep(string Organisation, long Transfers, DateTimeOffset First, DateTimeOffset Last, IReadOnlyList<string> Series);

/// <summary>An international series published for the country, with how much of it is country data, adjusted, estimated, modelled.</summary>
public sealed record ChainPublication(string Organisation, string Series, long Observations, IReadOnlyDictionary<string, long> NatureMix);

/// <summary>
/// How an indicator travels for one country: the producers named by the national series (SOURCE_DETAIL), the national
/// providers that pushed, the agencies that pulled, and the international series (REPORTING_TYPE=G) they published.
/// </summary>
public sealed record IndicatorChain(
    string Indicator,
    string Country,
    IReadOnlyList<string> Producers,
    IReadOnlyList<ChainStep> Providers,
    IReadOnlyList<ChainStep> Pulls,
    IReadOnlyList<ChainPublication> Publications);

/// <summary>The inventory: every flow the filters select, the gaps, and how many transfers were read.</summary>
public sealed record InventoryResult(InventoryQuery Query, IReadOnlyList<InventoryFlow> Flows, IReadOnlyList<InventoryGap> Gaps, long TransfersRead, DateTimeOffset GeneratedAt)
{
    /// <summary>Of <see cref="TransfersRead"/> (the distinct transfers behind the flows, each counted once), those that were rejected.</summary>
    public long RejectedTransfers { get; init; }
}
