using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MdgExchange.Protos.V1;

namespace MdgExchange.Cli.Commands;

/// <summary><c>mdgx metadata submit|show|compare|export</c>: reference metadata of indicators.</summary>
public static partial class MetadataCommands
{
    public static Command Create(Option<string> server, CliConsole console)
    {
        var command = new Command("metadata", "Indicator reference metadata: submit reports, show them, compare national and international, export.");
        command.Subcommands.Add(Submit(server, console));
        command.Subcommands.Add(Show(server, console));
        command.Subcommands.Add(Compare(server, console));
        command.Subcommands.Add(Export(server, console));
        return command;
    }

    private static Command Submit(Option<string> server, CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An SDMX-CSV 2.0 metadata file (.csv) or an Open SDG metadata page (.md, YAML front matter)." };
        var format = new Option<string?>("--format") { Description = "sdmx-csv-2.0 or opensdg-md; default from the file's extension." };
        var area = new Option<string?>("--area") { Description = "Open SDG pages: the area (REF_AREA code) the page describes; national metadata needs one." };
        var lang = new Option<string?>("--lang") { Description = "The language of an Open SDG page and of values without a language tag (default en)." };
        var organisation = new Option<string?>("--org") { Description = "The authoring organisation; default the caller's own (only that is accepted)." };
        var flow = new Option<string?>("--flow") { Description = "The metadataflow of an Open SDG page (default MDGX:MDF_SDG(1.0))." };
        var command = new Command("submit", "Submit reference-metadata reports; all or nothing. Each set gets a new version when it changes; the old one is kept.") { file, format, area, lang, organisation, flow };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliUsageException($"{path.FullName} does not exist");
            }

            var request = new SubmitMetadataRequest
            {
                Content = ByteString.CopyFrom(await File.ReadAllBytesAsync(path.FullName, cancellationToken)),
                FileName = path.Name,
                Format = parse.GetValue(format) ?? "",
                RefArea = parse.GetValue(area) ?? "",
                Lang = parse.GetValue(lang) ?? "",
                Organisation = parse.GetValue(organisation) ?? "",
                Metadataflow = parse.GetValue(flow) ?? "",
            };
            using var channel = CliConsole.Channel(parse, server);
            var response = await new MetadataService.MetadataServiceClient(channel).SubmitMetadataAsync(request, cancellationToken: cancellationToken);
            foreach (var report in response.Reports)
            {
                await console.Out.WriteLineAsync(string.Join('\t', report.Outcome, $"{report.Organisation}:{report.SetId}", $"v{report.Version}", report.TargetCode, Or(report.RefArea)));
            }

            foreach (var warning in response.Warnings)
            {
                await console.Error.WriteLineAsync($"warning: {warning}");
            }

            await console.Error.WriteLineAsync($"{response.Reports.Count} report(s); transfer {response.TransferId}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show(Option<string> server, CliConsole console)
    {
        var indicator = new Option<string?>("--indicator") { Description = "The indicator (3.2.1) or series code (SH_DYN_MORT)." };
        var area = new Option<string?>("--area") { Description = "Only reports about this area." };
        var organisation = new Option<string?>("--org") { Description = "Only this organisation's reports." };
        var type = new Option<string?>("--type") { Description = "N (national), G (international agencies) or R (regional)." };
        var asOf = new Option<DateTimeOffset?>("--as-of") { Description = "The versions valid at this moment (ISO 8601) instead of the current ones." };
        var history = new Option<bool>("--history") { Description = "Every version, not only the current one." };
        var lang = new Option<string>("--lang") { Description = "The language to show when a value has several (default en).", DefaultValueFactory = _ => "en" };
        var full = new Option<bool>("--full") { Description = "Whole texts, not their first 300 characters." };
        var command = new Command("show", "Show metadata reports: each concept with its name and text.") { indicator, area, organisation, type, asOf, history, lang, full };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            var request = new ListMetadataReportsRequest
            {
                Target = parse.GetValue(indicator) ?? "",
                RefArea = parse.GetValue(area) ?? "",
                Organisation = parse.GetValue(organisation) ?? "",
                ReportingType = parse.GetValue(type) ?? "",
                AllVersions = parse.GetValue(history),
                AsOf = parse.GetValue(asOf) is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            };
            using var channel = CliConsole.Channel(parse, server);
            var list = await new MetadataService.MetadataServiceClient(channel).ListMetadataReportsAsync(request, cancellationToken: cancellationToken);
            var language = parse.GetValue(lang)!;
            foreach (var report in list.Reports)
            {
                var validity = report.ValidTo is null ? "current" : $"until {Format(report.ValidTo)}";
                await console.Out.WriteLineAsync($"{report.Organisation}:{report.SetId} v{report.Version} ({report.ReportingType}) {report.TargetKind} {report.TargetCode}{(report.RefArea.Length > 0 ? " area " + report.RefArea : "")}, from {Format(report.ValidFrom)}, {validity}");
                foreach (var concept in report.Values.GroupBy(v => v.Concept))
                {
                    var value = concept.FirstOrDefault(v => v.Lang == language) ?? concept.FirstOrDefault(v => v.Lang == "en") ?? concept.First();
                    var text = string.Join(" | ", concept.Where(v => v.Lang == value.Lang).Select(v => Plain(v.Text, parse.GetValue(full))));
                    await console.Out.WriteLineAsync($"  {concept.Key} ({Or(value.ConceptName)}) [{value.Lang}]: {text}");
                }

                await console.Out.WriteLineAsync();
            }

            await console.Error.WriteLineAsync($"{list.Reports.Count} report(s)");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Compare(Option<string> server, CliConsole console)
    {
        var indicator = new Option<string>("--indicator") { Description = "The indicator (3.2.1) or series code.", Required = true };
        var area = new Option<string>("--area") { Description = "The country (REF_AREA code, e.g. 484).", Required = true };
        var lang = new Option<string>("--lang") { Description = "The language compared when both sides have it (default en).", DefaultValueFactory = _ => "en" };
        var asOf = new Option<DateTimeOffset?>("--as-of") { Description = "Compare the versions valid at this moment." };
        var full = new Option<bool>("--full") { Description = "Whole texts, not their first 120 characters." };
        var command = new Command("compare", "Compare national and international metadata of an indicator for a country, concept by concept.") { indicator, area, lang, asOf, full };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            var request = new CompareMetadataRequest
            {
                Target = parse.GetValue(indicator)!,
                RefArea = parse.GetValue(area)!,
                Lang = parse.GetValue(lang)!,
                AsOf = parse.GetValue(asOf) is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            };
            using var channel = CliConsole.Channel(parse, server);
            var result = await new MetadataService.MetadataServiceClient(channel).CompareMetadataAsync(request, cancellationToken: cancellationToken);
            var width = parse.GetValue(full) ? int.MaxValue : 120;
            foreach (var comparison in result.Comparisons)
            {
                await console.Out.WriteLineAsync($"{Describe(comparison.National, "no national metadata")}  vs  {Describe(comparison.International, "no international metadata")}");
                await console.Out.WriteLineAsync($"  {comparison.Same} same, {comparison.Different} different, {comparison.MissingNational} missing national, {comparison.MissingInternational} missing international, {comparison.MissingBoth} missing on both sides");
                foreach (var concept in comparison.Concepts)
                {
                    await console.Out.WriteLineAsync($"  {Status(concept.Status),-22} {concept.Concept} ({Or(concept.ConceptName)})");
                    if (concept.NationalText.Length > 0)
                    {
                        await console.Out.WriteLineAsync($"      national [{concept.NationalLang}]: {Plain(concept.NationalText, width)}");
                    }

                    if (concept.InternationalText.Length > 0)
                    {
                        await console.Out.WriteLineAsync($"      international [{concept.InternationalLang}]: {Plain(concept.InternationalText, width)}");
                    }
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Export(Option<string> server, CliConsole console)
    {
        var format = new Option<string>("--format") { Description = "sdmx-csv-2.0 (default) or json.", DefaultValueFactory = _ => "sdmx-csv-2.0" };
        var output = new Option<FileInfo>("--out") { Description = "The file to write.", Required = true };
        var indicator = new Option<string?>("--indicator") { Description = "Only this indicator or series." };
        var area = new Option<string?>("--area") { Description = "Only this area." };
        var organisation = new Option<string?>("--org") { Description = "Only this organisation's reports." };
        var type = new Option<string?>("--type") { Description = "N, G or R." };
        var command = new Command("export", "Export the current metadata reports (filtered) as SDMX-CSV 2.0 or JSON; recorded as a transfer.") { format, output, indicator, area, organisation, type };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            var request = new ExportMetadataRequest
            {
                Format = parse.GetValue(format)!,
                Filter = new ListMetadataReportsRequest
                {
                    Target = parse.GetValue(indicator) ?? "",
                    RefArea = parse.GetValue(area) ?? "",
                    Organisation = parse.GetValue(organisation) ?? "",
                    ReportingType = parse.GetValue(type) ?? "",
                },
            };
            using var channel = CliConsole.Channel(parse, server);
            var export = await new MetadataService.MetadataServiceClient(channel).ExportMetadataAsync(request, cancellationToken: cancellationToken);
            var path = parse.GetValue(output)!;
            await File.WriteAllBytesAsync(path.FullName, export.Content.ToByteArray(), cancellationToken);
            await console.Error.WriteLineAsync($"{export.Reports} report(s) written to {path.FullName} ({export.MediaType}); transfer {export.TransferId}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Describe(MetadataReport? report, string none) =>
        report is null ? $"({none})" : $"{report.Organisation}:{report.SetId} v{report.Version} ({report.ReportingType})";

    private static string Status(ConceptStatus status) => status switch
    {
        ConceptStatus.Same => "same",
        ConceptStatus.Different => "DIFFERENT",
        ConceptStatus.MissingNational => "missing national",
        ConceptStatus.MissingInternational => "missing international",
        ConceptStatus.MissingBoth => "missing on both sides",
        _ => "?",
    };

    private static string Plain(string text, bool full) => Plain(text, full ? int.MaxValue : 300);

    /// <summary>XHTML as one line of plain text, cut at <paramref name="width"/> characters.</summary>
    private static string Plain(string text, int width)
    {
        var plain = Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(text, " ")), " ").Trim();
        return plain.Length <= width ? plain : plain[..width] + "…";
    }

    private static string Format(Timestamp? at) => at is null ? "-" : at.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture);

    private static string Or(string text) => text.Length > 0 ? text : "-";

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
