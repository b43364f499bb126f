using System.CommandLine;
using MdgExchange.Protos.V1;

namespace MdgExchange.Cli.Commands;

/// <summary><c>mdgx report catalog|inventory|discrepancies</c>: reports rendered by the server as CSV, JSON or a self-contained HTML page.</summary>
public static class ReportCommands
{
    public static Command Create(Option<string> server, CliConsole console)
    {
        var command = new Command("report", "Reports: the catalogue of statistical operations, the information-flow inventory and the discrepancy typology.");
        command.Subcommands.Add(Catalog(server, console));
        command.Subcommands.Add(Inventory(server, console));
        command.Subcommands.Add(Discrepancies(server, console));
        return command;
    }

    private static Command Discrepancies(Option<string> server, CliConsole console)
    {
        var (format, lang, output) = Common();
        var series = new Option<string[]>("--series") { Description = "Series codes (repeat or space-separate); without it, every series.", AllowMultipleArgumentsPerToken = true };
        var area = new Option<string[]>("--area") { Description = "Area codes (repeat or space-separate); without it, every area.", AllowMultipleArgumentsPerToken = true };
        var state = new Option<string?>("--state") { Description = "Only pairs in this reconciliation state (raised, in-consultation, reconciled, ...)." };
        var code = new Option<string?>("--code") { Description = "Only pairs carrying this active typology code (SRC, EST, MOD, ...)." };
        var organisation = new Option<string?>("--org") { Description = "Only pairs with this organisation on either side." };
        var command = new Command("discrepancies", "The discrepancy typology report: counts per typology code by thematic area, goal, target, indicator and country, the NATURE of the international figures, the largest gaps, the reconciliation progress and a chart per series and country. CSV: one row per pair.")
        {
            format, lang, output, series, area, state, code, organisation,
        };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var filter = new ListPairsRequest { Series = { parse.GetValue(series) ?? [] }, Areas = { parse.GetValue(area) ?? [] }, State = parse.GetValue(state) ?? "", Code = parse.GetValue(code) ?? "", Organisation = parse.GetValue(organisation) ?? "" };
            var report = await new DiscrepancyService.DiscrepancyServiceClient(channel).RenderDiscrepancyReportAsync(
                new RenderDiscrepancyReportRequest { Filter = filter, Format = parse.GetValue(format)!, Lang = parse.GetValue(lang)! }, cancellationToken: cancellationToken);
            await WriteAsync(console, report, parse.GetValue(output), cancellationToken);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Inventory(Option<string> server, CliConsole console)
    {
        var (format, lang, output) = Common();
        var filters = new InventoryFilterOptions();
        var command = new Command("inventory", "The information-flow inventory report: summary, a diagram of the flows between organisations, the flows by goal, target and indicator, timelines, gaps (coordinators and admins). CSV: one row per flow.")
        {
            format, lang, output,
        };
        filters.AddTo(command);
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var report = await new InventoryService.InventoryServiceClient(channel).RenderInventoryReportAsync(
                new RenderInventoryReportRequest { Filter = filters.Request(parse), Format = parse.GetValue(format)!, Lang = parse.GetValue(lang)! }, cancellationToken: cancellationToken);
            await WriteAsync(console, report, parse.GetValue(output), cancellationToken);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static (Option<string> Format, Option<string> Lang, Option<FileInfo?> Output) Common()
    {
        var format = new Option<string>("--format") { Description = "csv, json or html (a self-contained page).", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong("csv", "json", "html");
        var lang = new Option<string>("--lang") { Description = "Labels in en or es.", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong("en", "es");
        var output = new Option<FileInfo?>("--out") { Description = "The file to write; without it, standard output." };
        return (format, lang, output);
    }

    private static async Task WriteAsync(CliConsole console, RenderedReport report, FileInfo? file, CancellationToken cancellationToken)
    {
        if (file is not null)
        {
            await File.WriteAllBytesAsync(file.FullName, report.Content.ToByteArray(), cancellationToken);
            await console.Out.WriteLineAsync($"wrote {file.FullName} ({report.Content.Length} bytes, {report.MediaType}); transfer {report.TransferId}");
        }
        else
        {
            await console.Out.WriteAsync(report.Content.ToStringUtf8());
        }
    }

    private static Command Catalog(Option<string> server, CliConsole console)
    {
        var (format, lang, output) = Common();
        var country = new Option<string?>("--country") { Description = "M49 code (32, 152, 484); without it, the whole region." };
        var command = new Command("catalog", "The catalogue report: operations per country, what each can produce, and the gaps (indicators without a source or without a subnational source).")
        {
            format, lang, country, output,
        };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var report = await new CatalogService.CatalogServiceClient(channel).RenderCatalogReportAsync(
                new RenderCatalogReportRequest { Format = parse.GetValue(format)!, Lang = parse.GetValue(lang)!, Country = parse.GetValue(country) ?? "" }, cancellationToken: cancellationToken);
            await WriteAsync(console, report, parse.GetValue(output), cancellationToken);
            return ExitCodes.Success;
        }));
        return command;
    }
}
