using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using MdgExchange.Protos.V1;

namespace MdgExchange.Cli.Commands;

/// <summary><c>mdgx inventory flows|chain|gaps</c>: the information-flow inventory computed from the transfers (coordinators and admins).</summary>
public static class InventoryCommands
{
    public static Command Create(Option<string> server, CliConsole console)
    {
        var command = new Command("inventory", "The information-flow inventory, computed from the recorded transfers: flows, an indicator's chain, gaps (coordinators and admins).");
        command.Subcommands.Add(Flows(server, console));
        command.Subcommands.Add(Chain(server, console));
        command.Subcommands.Add(Gaps(server, console));
        return command;
    }

    private static Command Flows(Option<string> server, CliConsole console)
    {
        var filters = new InventoryFilterOptions();
        var command = new Command("flows", "One line per flow, tab-separated: indicator, series, country, sender, receiver, direction, kind, channel, format, transfers, rejected, first and last transfer.");
        filters.AddTo(command);
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var response = await new InventoryService.InventoryServiceClient(channel).ListFlowsAsync(filters.Request(parse), cancellationToken: cancellationToken);
            foreach (var f in response.Flows)
            {
                await console.Out.WriteLineAsync(string.Join('\t',
                    Or(f.Indicator), Or(f.Series), f.Country, f.Sender, f.Receiver, f.Direction, f.Kind, f.Channel, f.Format,
                    $"{f.Transfers} transfers", $"{f.Rejected} rejected", Moment(f.FirstTransfer), Moment(f.LastTransfer)));
            }

            await console.Error.WriteLineAsync($"{response.Flows.Count} flows from {response.TransfersRead} transfers");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Chain(Option<string> server, CliConsole console)
    {
        var indicator = new Option<string>("--indicator") { Description = "The SDG indicator (3.2.1).", Required = true };
        var country = new Option<string>("--country") { Description = "M49 code (32, 152, 484).", Required = true };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Transfers finished at or after (ISO 8601)." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Transfers finished before (ISO 8601)." };
        var command = new Command("chain", "How an indicator travels for a country: producers, national providers, agencies that pulled, international series published.")
        {
            indicator, country, from, to,
        };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            var request = new GetChainRequest { Indicator = parse.GetValue(indicator)!, Country = parse.GetValue(country)! };
            request.From = parse.GetValue(from) is { } f ? Timestamp.FromDateTimeOffset(f) : null;
            request.To = parse.GetValue(to) is { } t ? Timestamp.FromDateTimeOffset(t) : null;
            using var channel = CliConsole.Channel(parse, server);
            var chain = await new InventoryService.InventoryServiceClient(channel).GetChainAsync(request, cancellationToken: cancellationToken);
            await console.Out.WriteLineAsync($"indicator {chain.Indicator}, country {chain.Country}");
            await console.Out.WriteLineAsync($"producers: {(chain.Producers.Count == 0 ? "-" : string.Join(", ", chain.Producers))}");
            foreach (var (title, steps) in new[] { ("national providers", chain.Providers), ("pulled by", chain.Pulls) })
            {
                await console.Out.WriteLineAsync($"{title}:{(steps.Count == 0 ? " -" : "")}");
                foreach (var s in steps)
                {
                    await console.Out.WriteLineAsync($"  {s.Organisation}\t{s.Transfers} transfers\t{Moment(s.First)}\t{Moment(s.Last)}\t{string.Join(' ', s.Series)}");
                }
            }

            await console.Out.WriteLineAsync($"published:{(chain.Publications.Count == 0 ? " -" : "")}");
            foreach (var p in chain.Publications)
            {
                var mix = string.Join(' ', p.NatureMix.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => $"{n.Key}={n.Value}"));
                await console.Out.WriteLineAsync($"  {p.Organisation}\t{p.Series}\t{p.Observations} obs\t{mix}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Gaps(Option<string> server, CliConsole console)
    {
        var filters = new InventoryFilterOptions();
        var command = new Command("gaps", "What the inventory expected and did not find, tab-separated: kind, indicator, series, country, organisation, detail.");
        filters.AddTo(command);
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var response = await new InventoryService.InventoryServiceClient(channel).ListInventoryGapsAsync(filters.Request(parse), cancellationToken: cancellationToken);
            foreach (var g in response.Gaps)
            {
                await console.Out.WriteLineAsync(string.Join('\t', g.Kind, Or(g.Indicator), Or(g.Series), g.Country, g.Organisation, g.Detail));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Or(string text) => text.Length == 0 ? "-" : text;

    private static string Moment(Timestamp? t) => t is null ? "-" : t.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture);
}

/// <summary>The inventory's filters, the same on <c>mdgx inventory flows|gaps</c> and <c>mdgx report inventory</c>.</summary>
internal sealed class InventoryFilterOptions
{
    private readonly Option<DateTimeOffset?> _from = new("--from") { Description = "Transfers finished at or after (ISO 8601)." };
    private readonly Option<DateTimeOffset?> _to = new("--to") { Description = "Transfers finished before (ISO 8601)." };
    private readonly Option<string?> _country = new("--country") { Description = "M49 code (32, 152, 484); subnational areas count as their country." };
    private readonly Option<string?> _organisation = new("--org") { Description = "Sender or receiver organisation." };
    private readonly Option<string?> _goal = new("--goal") { Description = "SDG goal (3)." };
    private readonly Option<string?> _target = new("--target") { Description = "SDG target (3.2)." };
    private readonly Option<string?> _indicator = new("--indicator") { Description = "SDG indicator (3.2.1)." };
    private readonly Option<string?> _theme = new("--theme") { Description = "Thematic area: poverty, hunger, health, education, gender, water, energy, employment, ..." };

    public void AddTo(Command command)
    {
        foreach (var option in new System.CommandLine.Option[] { _from, _to, _country, _organisation, _goal, _target, _indicator, _theme })
        {
            command.Options.Add(option);
        }
    }

    public InventoryRequest Request(ParseResult parse) => new()
    {
        From = parse.GetValue(_from) is { } f ? Timestamp.FromDateTimeOffset(f) : null,
        To = parse.GetValue(_to) is { } t ? Timestamp.FromDateTimeOffset(t) : null,
        Country = parse.GetValue(_country) ?? "",
        Organisation = parse.GetValue(_organisation) ?? "",
        Goal = parse.GetValue(_goal) ?? "",
        Target = parse.GetValue(_target) ?? "",
        Indicator = parse.GetValue(_indicator) ?? "",
        ThematicArea = parse.GetValue(_theme) ?? "",
    };
}
