using System.CommandLine;
using MdgExchange.Protos.V1;

namespace MdgExchange.Cli.Commands;

/// <summary><c>mdgx report catalog</c>: reports rendered by the server as CSV, JSON or a self-contained HTML page.</summary>
public static class ReportCommands
{
    public static Command Create(Option<string> server, CliConsole console)
    {
        var command = new Command("report", "Reports: the catalogue of statistical operations (the flow inventory and discrepancies follow).");
        command.Subcommands.Add(Catalog(server, console));
        return command;
    }

    private static Command Catalog(Option<string> server, CliConsole console)
    {
        var format = new Option<string>("--format") { Description = "csv, json or html (a self-contained page).", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong("csv", "json", "html");
        var lang = new Option<string>("--lang") { Description = "Labels in en or es.", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong("en", "es");
        var country = new Option<string?>("--country") { Description = "M49 code (32, 152, 484); without it, the whole region." };
        var output = new Option<FileInfo?>("--out") { Description = "The file to write; without it, standard output." };
        var command = new Command("catalog", "The catalogue report: operations per country, what each can produce, and the gaps (indicators without a source or without a subnational source).")
        {
            format, lang, country, output,
        };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var report = await new CatalogService.CatalogServiceClient(channel).RenderCatalogReportAsync(
                new RenderCatalogReportRequest { Format = parse.GetValue(format)!, Lang = parse.GetValue(lang)!, Country = parse.GetValue(country) ?? "" }, cancellationToken: cancellationToken);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllBytesAsync(file.FullName, report.Content.ToByteArray(), cancellationToken);
                await console.Out.WriteLineAsync($"wrote {file.FullName} ({report.Content.Length} bytes, {report.MediaType}); transfer {report.TransferId}");
            }
            else
            {
                await console.Out.WriteAsync(report.Content.ToStringUtf8());
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
