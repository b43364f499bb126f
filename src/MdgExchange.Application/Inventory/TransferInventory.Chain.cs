using MdgExchange.Domain.Inventory;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;

namespace MdgExchange.Application.Inventory;

public sealed partial class TransferInventory
{
    /// <summary>
    /// The chain of an indicator for a country: national providers (their completed pushes), the agencies that pulled
    /// from them, the international series (REPORTING_TYPE=G) in the store with the NATURE of their current values and
    /// the organisation that pushed them, and the producers the national series name in SOURCE_DETAIL.
    /// </summary>
    public async Task<IndicatorChain> ChainAsync(string indicator, string country, InventoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (context, groups, _) = await ScanAsync(query with { Indicator = indicator, Country = country }, cancellationToken);
        static ChainStep Step(string organisation, IEnumerable<Accumulator> flows)
        {
            var events = flows.SelectMany(f => f.Events).Where(e => !e.Rejected).Select(e => e.At).Order().ToList();
            return new ChainStep(organisation, events.Count, DateTimeOffset.FromUnixTimeMilliseconds(events[0]), DateTimeOffset.FromUnixTimeMilliseconds(events[^1]),
                flows.Select(f => f.Key.Series).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
        }

        var completed = groups.Where(g => g.Events.Any(e => !e.Rejected)).ToList();
        var providers = completed.Where(g => g.Key.Kind == "push" && context.KindOf(g.Key.Sender) == "national")
            .GroupBy(g => g.Key.Sender).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Step(g.Key, g)).ToList();
        var pulls = completed.Where(g => g.Key.Kind == "pull" && context.KindOf(g.Key.Receiver) == "agency")
            .GroupBy(g => g.Key.Receiver).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Step(g.Key, g)).ToList();
        var series = completed.Select(g => g.Key.Series).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var (producers, publications) = await PublishedAsync(series, country, context, cancellationToken);
        return new IndicatorChain(indicator, country, producers, providers, pulls, publications);
    }

    private async Task<(List<string> Producers, List<ChainPublication> Publications)> PublishedAsync(IReadOnlySet<string> series, string country, InventoryContext context, CancellationToken cancellationToken)
    {
        var producers = new SortedSet<string>(StringComparer.Ordinal);
        var natures = new Dictionary<(Guid Transfer, string Series), Dictionary<string, long>>();
        if (series.Count == 0)
        {
            return ([], []);
        }

        foreach (var summary in await structures.ListAsync(ArtefactType.Dataflow, null, cancellationToken))
        {
            if (await schemas.LoadAsync(summary.Ref, cancellationToken) is not { } schema)
            {
                continue;
            }

            var (seriesAt, areaAt, typeAt) = (Position(schema.DimensionIds, "SERIES"), Position(schema.DimensionIds, "REF_AREA"), Position(schema.DimensionIds, "REPORTING_TYPE"));
            if (seriesAt < 0 || areaAt < 0)
            {
                continue;
            }

            var query = new DataQuery(schema.Dataflow.ToString(), key => series.Contains(key[seriesAt]) && context.CountryOf(key[areaAt]) == country);
            await foreach (var stored in data.QueryAsync(query, cancellationToken))
            {
                var type = typeAt < 0 ? null : stored.KeyValues.GetValueOrDefault("REPORTING_TYPE");
                var code = stored.KeyValues.GetValueOrDefault("SERIES") ?? "";
                if (type == "G")
                {
                    foreach (var observation in stored.Observations)
                    {
                        var mix = natures.TryGetValue((observation.TransferId, code), out var m) ? m : natures[(observation.TransferId, code)] = new(StringComparer.Ordinal);
                        var nature = observation.Attributes.GetValueOrDefault("NATURE") ?? stored.Attributes.GetValueOrDefault("NATURE") ?? "_Z";
                        mix[nature] = mix.GetValueOrDefault(nature) + 1;
                    }
                }
                else
                {
                    foreach (var source in stored.Observations.Select(o => o.Attributes.GetValueOrDefault("SOURCE_DETAIL")).Append(stored.Attributes.GetValueOrDefault("SOURCE_DETAIL")).OfType<string>())
                    {
                        producers.Add(source);
                    }
                }
            }
        }

        // Each value belongs to the organisation whose transfer wrote it.
        var publications = new Dictionary<(string Organisation, string Series), Dictionary<string, long>>();
        var senders = new Dictionary<Guid, string>();
        foreach (var ((transfer, code), mix) in natures)
        {
            if (!senders.TryGetValue(transfer, out var sender))
            {
                sender = senders[transfer] = (await transfers.GetAsync(transfer, cancellationToken))?.SenderOrganisation ?? "?";
            }

            var total = publications.TryGetValue((sender, code), out var t) ? t : publications[(sender, code)] = new(StringComparer.Ordinal);
            foreach (var (nature, count) in mix)
            {
                total[nature] = total.GetValueOrDefault(nature) + count;
            }
        }

        return (producers.ToList(), publications.OrderBy(p => p.Key.Organisation, StringComparer.Ordinal).ThenBy(p => p.Key.Series, StringComparer.Ordinal)
            .Select(p => new ChainPublication(p.Key.Organisation, p.Key.Series, p.Value.Values.Sum(), p.Value)).ToList());
    }

    private static int Position(IReadOnlyList<string> dimensions, string id)
    {
        for (var i = 0; i < dimensions.Count; i++)
        {
            if (dimensions[i] == id)
            {
                return i;
            }
        }

        return -1;
    }
}
