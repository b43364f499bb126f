using System.CommandLine;
using MdgExchange.Protos.V1;

namespace MdgExchange.Cli.Commands;

/// <summary><c>mdgx providers add|list|show</c>: onboarding national data providers without writing SDMX-ML.</summary>
public static class ProviderCommands
{
    public static Command Create(Option<string> server, CliConsole console)
    {
        var command = new Command("providers", "Onboard national data providers (provider, provision agreement, allowed areas) and read them back.");
        command.Subcommands.Add(Add(server, console));
        command.Subcommands.Add(List(server, console));
        command.Subcommands.Add(Show(server, console));
        return command;
    }

    private static Command Add(Option<string> server, CliConsole console)
    {
        var organisation = new Option<string>("--org") { Description = "The provider's organisation id, as its API keys name it (e.g. TAJSTAT).", Required = true };
        var name = new Option<string?>("--name") { Description = "Its name in English; required for a new provider." };
        var nameEs = new Option<string?>("--name-es") { Description = "Its name in Spanish." };
        var areas = new Option<string[]>("--area") { Description = "A REF_AREA code it reports (repeat for several), e.g. 762.", Required = true, AllowMultipleArgumentsPerToken = false };
        var flows = new Option<string[]>("--flow") { Description = "A dataflow it reports, AGENCY:ID(VERSION) (repeat for several), e.g. MDGX:DF_SDG(1.0).", Required = true };
        var replace = new Option<bool>("--replace-areas") { Description = "Make the areas exactly those given (default: add them to the areas it has)." };
        var command = new Command(
            "add",
            "Create or update a data provider, its provision agreement on each dataflow and the agreement's allowed REF_AREA codes; " +
            "one line per artefact (created, replaced, unchanged). Coordinator or admin.")
        {
            organisation, name, nameEs, areas, flows, replace,
        };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            var request = new AddProviderRequest { Organisation = parse.GetValue(organisation)!, ReplaceAreas = parse.GetValue(replace) };
            request.Areas.AddRange(parse.GetValue(areas) ?? []);
            request.Dataflows.AddRange(parse.GetValue(flows) ?? []);
            if (parse.GetValue(name) is { Length: > 0 } en)
            {
                request.Names.Add(new LocalisedText { Lang = "en", Text = en });
            }

            if (parse.GetValue(nameEs) is { Length: > 0 } es)
            {
                request.Names.Add(new LocalisedText { Lang = "es", Text = es });
            }

            using var channel = CliConsole.Channel(parse, server);
            var response = await new StructureService.StructureServiceClient(channel).AddProviderAsync(request, cancellationToken: cancellationToken);
            foreach (var result in response.Results)
            {
                await console.Out.WriteLineAsync($"{StructureCommands.OutcomeWord(result.Outcome),-11} {ArtefactTypeNames.Name(result.Ref.Type)} {StructureCommands.Format(result.Ref)}");
            }

            var provider = response.Provider;
            var scope = string.Join("; ", provider.Agreements.Select(a => $"{StructureCommands.Format(a.Dataflow)} {Areas(a)}"));
            await console.Out.WriteLineAsync($"{(response.Changed ? "applied" : "unchanged")}: {provider.Organisation} reports {scope} (transfer {response.TransferId})");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command List(Option<string> server, CliConsole console)
    {
        var flow = new Option<string?>("--flow") { Description = "Only providers with a provision agreement on this dataflow." };
        var lang = new Option<string>("--lang") { Description = "Language of the names shown.", DefaultValueFactory = _ => "en" };
        var command = new Command("list", "List data providers: one row per provider and dataflow, with the areas it may report.") { flow, lang };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var response = await new StructureService.StructureServiceClient(channel).ListProvidersAsync(
                new ListProvidersRequest { Dataflow = parse.GetValue(flow) ?? "" }, cancellationToken: cancellationToken);
            var rows = new List<string[]> { new[] { "PROVIDER", "NAME", "DATAFLOW", "AREAS" } };
            foreach (var p in response.Providers)
            {
                var providerName = Name(p.Names, parse.GetValue(lang)!);
                if (p.Agreements.Count == 0)
                {
                    rows.Add([p.Organisation, providerName, "-", "-"]);
                }

                rows.AddRange(p.Agreements.Select(a => new[] { p.Organisation, providerName, StructureCommands.Format(a.Dataflow), Areas(a) }));
            }

            var widths = Enumerable.Range(0, 3).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (var row in rows)
            {
                await console.Out.WriteLineAsync($"{row[0].PadRight(widths[0])}  {row[1].PadRight(widths[1])}  {row[2].PadRight(widths[2])}  {row[3]}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show(Option<string> server, CliConsole console)
    {
        var organisation = new Option<string>("--org") { Description = "The provider's organisation id.", Required = true };
        var command = new Command("show", "Show one data provider: names, schemes, provision agreements, constraints and areas.") { organisation };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var p = await new StructureService.StructureServiceClient(channel).GetProviderAsync(
                new GetProviderRequest { Organisation = parse.GetValue(organisation)! }, cancellationToken: cancellationToken);
            await console.Out.WriteLineAsync($"{"provider:",-14}{p.Organisation}");
            foreach (var n in p.Names)
            {
                await console.Out.WriteLineAsync($"{$"name ({n.Lang}):",-14}{n.Text}");
            }

            foreach (var s in p.Schemes)
            {
                await console.Out.WriteLineAsync($"{"scheme:",-14}{StructureCommands.Format(s)}");
            }

            foreach (var a in p.Agreements)
            {
                await console.Out.WriteLineAsync($"{"agreement:",-14}{StructureCommands.Format(a.Agreement)}{(a.IsFinal ? " (final)" : "")}");
                await console.Out.WriteLineAsync($"{"  dataflow:",-14}{StructureCommands.Format(a.Dataflow)}");
                foreach (var c in a.Constraints)
                {
                    await console.Out.WriteLineAsync($"{"  constraint:",-14}{StructureCommands.Format(c)}");
                }

                await console.Out.WriteLineAsync($"{"  areas:",-14}{Areas(a)}");
            }

            if (p.Agreements.Count == 0)
            {
                await console.Out.WriteLineAsync($"{"agreement:",-14}none (the provider may not push yet)");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Areas(ProviderAgreement agreement) => agreement.AnyArea ? "any area" : string.Join(' ', agreement.Areas);

    private static string Name(IEnumerable<LocalisedText> names, string lang)
    {
        var list = names.ToList();
        return (list.Find(n => n.Lang == lang) ?? list.Find(n => n.Lang == "en") ?? list.FirstOrDefault())?.Text ?? "-";
    }
}
