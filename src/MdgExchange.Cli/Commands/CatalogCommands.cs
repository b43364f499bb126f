using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using MdgExchange.Protos.V1;

namespace MdgExchange.Cli.Commands;

/// <summary><c>mdgx catalog import|show|gaps|citations|delete</c>: the catalogue of statistical operations.</summary>
public static class CatalogCommands
{
    public static Command Create(Option<string> server, CliConsole console)
    {
        var command = new Command("catalog", "The catalogue of statistical operations: censuses, surveys, registers and estimates, and the SDG indicators each can produce.");
        command.Subcommands.Add(Import(server, console));
        command.Subcommands.Add(Show(server, console));
        command.Subcommands.Add(Gaps(server, console));
        command.Subcommands.Add(Citations(server, console));
        command.Subcommands.Add(Delete(server, console));
        return command;
    }

    private static Command Import(Option<string> server, CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A catalogue CSV (UTF-8): one row per operation × indicator; see the README and tests/data/catalog/lac_catalog.csv." };
        var command = new Command("import", "Add or replace operations from a catalogue CSV, all or nothing. Coordinators and admins import any country, a provider its own.") { file };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliUsageException($"{path.FullName} does not exist");
            }

            var content = await File.ReadAllBytesAsync(path.FullName, cancellationToken);
            using var channel = CliConsole.Channel(parse, server);
            var response = await new CatalogService.CatalogServiceClient(channel).ImportOperationsAsync(
                new ImportOperationsRequest { Csv = ByteString.CopyFrom(content), FileName = path.Name }, cancellationToken: cancellationToken);
            foreach (var id in response.Created)
            {
                await console.Out.WriteLineAsync($"created   {id}");
            }

            foreach (var id in response.Replaced)
            {
                await console.Out.WriteLineAsync($"replaced  {id}");
            }

            await console.Out.WriteLineAsync($"imported: {response.Created.Count + response.Replaced.Count} operations ({response.Created.Count} created, {response.Replaced.Count} replaced), {response.Indicators} indicators; transfer {response.TransferId}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show(Option<string> server, CliConsole console)
    {
        var id = new Argument<string?>("ID") { Description = "One operation to show in full; without it, a list.", Arity = ArgumentArity.ZeroOrOne };
        var country = new Option<string?>("--country") { Description = "M49 code: 32, 152, 484." };
        var indicator = new Option<string?>("--indicator") { Description = "An SDG indicator (3.2.1) or series code (SH_DYN_MORT)." };
        var level = new Option<string?>("--level") { Description = "national, region, second-level or municipality: operations with representative estimates at that level or below." };
        var area = new Option<string?>("--area") { Description = "An area code (country or subnational): operations of its country that reach its level and cover it." };
        var type = new Option<string?>("--type") { Description = "population-census, agricultural-census, household-survey, establishment-survey, administrative-register, civil-registration, estimate, other." };
        var lang = new Option<string>("--lang") { Description = "Names in en or es.", DefaultValueFactory = _ => "en" };
        var command = new Command("show", "List the operations that match (which can produce indicator X for country Y at level L), or show one in full.") { id, country, indicator, level, area, type, lang };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var client = new CatalogService.CatalogServiceClient(channel);
            var es = parse.GetValue(lang) == "es";
            if (parse.GetValue(id) is { Length: > 0 } one)
            {
                await PrintAsync(console, await client.GetOperationAsync(new GetOperationRequest { Id = one }, cancellationToken: cancellationToken));
                return ExitCodes.Success;
            }

            var response = await client.ListOperationsAsync(
                new ListOperationsRequest
                {
                    Country = parse.GetValue(country) ?? "", Indicator = parse.GetValue(indicator) ?? "", Level = parse.GetValue(level) ?? "",
                    Area = parse.GetValue(area) ?? "", Type = parse.GetValue(type) ?? "",
                },
                cancellationToken: cancellationToken);
            foreach (var o in response.Operations)
            {
                await console.Out.WriteLineAsync(string.Join('\t', o.Id, o.Country, o.Type, o.Level, es && o.NameEs.Length > 0 ? o.NameEs : o.NameEn, string.Join(',', o.Indicators.Select(i => i.Indicator).Distinct())));
            }

            await console.Error.WriteLineAsync($"{response.Operations.Count} operation(s)");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task PrintAsync(CliConsole console, StatisticalOperation o)
    {
        var lines = new (string Name, string Value)[]
        {
            ("operation", o.Id), ("name (en)", o.NameEn), ("name (es)", o.NameEs), ("country", $"{o.Country} {o.CountryName}".Trim()), ("producer", o.Producer),
            ("type", o.Type), ("periodicity", o.Periodicity), ("reference years", string.Join(", ", o.ReferenceYears)),
            ("next round", o.NextRound == 0 ? "" : o.NextRound.ToString(CultureInfo.InvariantCulture)), ("universe", o.Universe), ("coverage", o.Coverage),
            ("sample size", o.SampleSize == 0 ? "" : o.SampleSize.ToString(CultureInfo.InvariantCulture)), ("lowest level", o.Level), ("methodology", o.MethodologyUrl),
            ("area codelist", o.AreaCodelist), ("areas", string.Join(", ", o.Areas)), ("updated", $"{o.UpdatedAt?.ToDateTimeOffset():u} by {o.UpdatedBy} (transfer {o.TransferId})"),
        };
        foreach (var (name, value) in lines.Where(l => l.Value.Length > 0))
        {
            await console.Out.WriteLineAsync($"{name + ":",-16} {value}");
        }

        await console.Out.WriteLineAsync("indicators:");
        foreach (var i in o.Indicators)
        {
            await console.Out.WriteLineAsync($"  {i.Indicator,-8} {(i.Series.Length > 0 ? i.Series : "-"),-16} {string.Join(", ", i.Disaggregations)}");
        }
    }

    private static Command Gaps(Option<string> server, CliConsole console)
    {
        var country = new Option<string?>("--country") { Description = "M49 code; without it, every country of the catalogue." };
        var command = new Command("gaps", "SDG indicators with no source in a country (no-source) or only national sources (no-subnational-source).") { country };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var response = await new CatalogService.CatalogServiceClient(channel).ListGapsAsync(new ListGapsRequest { Country = parse.GetValue(country) ?? "" }, cancellationToken: cancellationToken);
            foreach (var g in response.Gaps)
            {
                await console.Out.WriteLineAsync(string.Join('\t', g.Country, g.Indicator, g.Gap, g.IndicatorName));
            }

            await console.Error.WriteLineAsync($"{response.Gaps.Count} gap(s) against {response.FrameworkIndicators} SDG indicators");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Citations(Option<string> server, CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The operation id." };
        var flow = new Option<string?>("--flow") { Description = "Only this dataflow, AGENCY:ID(VERSION)." };
        var limit = new Option<int>("--limit") { Description = "At most this many.", DefaultValueFactory = _ => 1000 };
        var command = new Command("citations", "Stored observations whose SOURCE_DETAIL cites the operation.") { id, flow, limit };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var response = await new CatalogService.CatalogServiceClient(channel).ListCitationsAsync(
                new ListCitationsRequest { OperationId = parse.GetValue(id)!, Dataflow = parse.GetValue(flow) ?? "", Limit = parse.GetValue(limit) }, cancellationToken: cancellationToken);
            foreach (var c in response.Citations)
            {
                await console.Out.WriteLineAsync(string.Join('\t', c.Dataflow, c.SeriesKey, c.TimePeriod.Length > 0 ? c.TimePeriod : "(series)", c.TimePeriod.Length > 0 ? c.ObsValue.ToString(CultureInfo.InvariantCulture) : "", c.SourceDetail));
            }

            await console.Error.WriteLineAsync($"{response.Citations.Count} citation(s){(response.Truncated ? " (more not listed)" : "")}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Delete(Option<string> server, CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The operation id." };
        var command = new Command("delete", "Delete an operation from the catalogue.") { id };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var response = await new CatalogService.CatalogServiceClient(channel).DeleteOperationAsync(new DeleteOperationRequest { Id = parse.GetValue(id)! }, cancellationToken: cancellationToken);
            await console.Out.WriteLineAsync($"deleted {parse.GetValue(id)}; transfer {response.TransferId}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
