using Google.Protobuf.WellKnownTypes;
using MdgExchange.Domain.Inventory;
using Proto = MdgExchange.Protos.V1;

namespace MdgExchange.Server.Grpc;

/// <summary>The inventory's domain records as protobuf messages; absent values stay unset (empty strings, no timestamp).</summary>
internal static class InventoryMapper
{
    public static Proto.InventoryFlow ToProto(InventoryFlow f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var flow = new Proto.InventoryFlow
        {
            Indicator = f.Indicator, Series = f.Series ?? "", Country = f.Country, Sender = f.Sender, Receiver = f.Receiver, Direction = f.Direction,
            Kind = f.Kind, Channel = f.Channel, Format = f.Format, Goal = f.Goal ?? "", Target = f.Target ?? "", ThematicArea = f.ThematicArea ?? "",
            FirstTransfer = Timestamp.FromDateTimeOffset(f.FirstTransfer), LastTransfer = Timestamp.FromDateTimeOffset(f.LastTransfer),
            Transfers = f.Transfers, Rejected = f.Rejected, RejectedShare = f.RejectedShare, SeriesCount = f.SeriesCount, Observations = f.Observations,
            LastError = f.LastError ?? "", PushesNotYetPulled = f.PushesNotYetPulled,
        };
        flow.MedianInterval = Span(f.MedianInterval);
        flow.LastErrorAt = f.LastErrorAt is { } at ? Timestamp.FromDateTimeOffset(at) : null;
        flow.MedianPullLag = Span(f.MedianPullLag);
        flow.MedianRevisionLag = Span(f.MedianRevisionLag);
        return flow;
    }

    public static Proto.InventoryGap ToProto(InventoryGap g)
    {
        ArgumentNullException.ThrowIfNull(g);
        return new Proto.InventoryGap { Kind = g.Kind, Indicator = g.Indicator, Series = g.Series ?? "", Country = g.Country, Organisation = g.Organisation, Detail = g.Detail };
    }

    public static Proto.IndicatorChain ToProto(IndicatorChain c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new Proto.IndicatorChain
        {
            Indicator = c.Indicator,
            Country = c.Country,
            Producers = { c.Producers },
            Providers = { c.Providers.Select(ToProto) },
            Pulls = { c.Pulls.Select(ToProto) },
            Publications = { c.Publications.Select(p => new Proto.ChainPublication { Organisation = p.Organisation, Series = p.Series, Observations = p.Observations, NatureMix = { p.NatureMix.ToDictionary() } }) },
        };
    }

    private static Proto.ChainStep ToProto(ChainStep s) => new()
    {
        Organisation = s.Organisation, Transfers = s.Transfers, First = Timestamp.FromDateTimeOffset(s.First), Last = Timestamp.FromDateTimeOffset(s.Last), Series = { s.Series },
    };

    private static Duration? Span(TimeSpan? span) => span is { } s ? Duration.FromTimeSpan(s) : null;
}
