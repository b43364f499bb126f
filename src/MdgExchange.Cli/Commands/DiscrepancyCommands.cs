using System.CommandLine;
using System.Globalization;
using MdgExchange.Protos.V1;

namespace MdgExchange.Cli.Commands;

/// <summary><c>mdgx discrepancies run|list|show|move|code</c>: the analysis and the reconciliation workflow.</summary>
public static class DiscrepancyCommands
{
    public static Command Create(Option<string> server, CliConsole console)
    {
        var command = new Command("discrepancies", "National/international pairs: run the analysis, list and show pairs with their evidence, move them through the reconciliation, change their codes.");
        command.Subcommands.Add(Run(server, console));
        command.Subcommands.Add(List(server, console));
        command.Subcommands.Add(Show(server, console));
        command.Subcommands.Add(Move(server, console));
        command.Subcommands.Add(Code(server, console));
        return command;
    }

    private static Command Run(Option<string> server, CliConsole console)
    {
        var flow = new Option<string>("--flow") { Description = "The dataflow, AGENCY:ID(VERSION).", DefaultValueFactory = _ => "MDGX:DF_SDG(1.0)" };
        var series = new Option<string[]>("--series") { Description = "Only these series (repeat the option).", AllowMultipleArgumentsPerToken = true };
        var areas = new Option<string[]>("--area") { Description = "Only these areas (repeat the option).", AllowMultipleArgumentsPerToken = true };
        var indicators = new Option<string[]>("--indicator") { Description = "Only the series of these SDG indicators (3.2.1).", AllowMultipleArgumentsPerToken = true };
        var start = new Option<string?>("--start") { Description = "First period." };
        var end = new Option<string?>("--end") { Description = "Last period." };
        var top = new Option<int>("--top") { Description = "Print at most this many pairs (the list command prints them all).", DefaultValueFactory = _ => 20 };
        var command = new Command("run", "Run the analysis: find the pairs, propose the typology with its evidence, store them, and print them (agencies, coordinator, admin).") { flow, series, areas, indicators, start, end, top };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            var request = new RunAnalysisRequest { Dataflow = parse.GetValue(flow)!, StartPeriod = parse.GetValue(start) ?? "", EndPeriod = parse.GetValue(end) ?? "" };
            request.Series.AddRange(parse.GetValue(series) ?? []);
            request.Areas.AddRange(parse.GetValue(areas) ?? []);
            request.Indicators.AddRange(parse.GetValue(indicators) ?? []);
            using var channel = CliConsole.Channel(parse, server);
            var response = await new DiscrepancyService.DiscrepancyServiceClient(channel).RunAnalysisAsync(request, cancellationToken: cancellationToken);
            await console.Out.WriteLineAsync($"{response.Pairs} pair(s): {string.Join(", ", response.Codes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}");
            await PrintFoundAsync(console, response, Math.Max(0, parse.GetValue(top)), ListCommandFor(request, response));
            await console.Error.WriteLineAsync($"transfer {response.TransferId}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command List(Option<string> server, CliConsole console)
    {
        var series = new Option<string[]>("--series") { Description = "Only these series.", AllowMultipleArgumentsPerToken = true };
        var areas = new Option<string[]>("--area") { Description = "Only these areas.", AllowMultipleArgumentsPerToken = true };
        var state = new Option<string?>("--state") { Description = "raised, in-consultation, reconciled, documented-side-by-side, national-accepted, agency-retained." };
        var code = new Option<string?>("--code") { Description = "Only pairs carrying this typology code (SRC, DEF, ..., CRD)." };
        var organisation = new Option<string?>("--org") { Description = "Only pairs of this organisation (national or international side)." };
        var command = new Command("list", "One line per pair: id, series, area, period, breakdown, national and international values with NATURE, difference, codes, state.") { series, areas, state, code, organisation };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            var request = new ListPairsRequest { State = parse.GetValue(state) ?? "", Code = parse.GetValue(code) ?? "", Organisation = parse.GetValue(organisation) ?? "" };
            request.Series.AddRange(parse.GetValue(series) ?? []);
            request.Areas.AddRange(parse.GetValue(areas) ?? []);
            using var channel = CliConsole.Channel(parse, server);
            var pairs = await new DiscrepancyService.DiscrepancyServiceClient(channel).ListPairsAsync(request, cancellationToken: cancellationToken);
            foreach (var p in pairs.Pairs)
            {
                var codes = string.Join(' ', p.Codes.Where(c => c.Status != "removed").Select(c => c.Code).Distinct());
                await console.Out.WriteLineAsync(string.Join('\t', p.PairId, p.Series, p.Area, p.Period, Or(p.Breakdown),
                    $"{Value(p.HasNationalValue, p.NationalValue)} {Or(p.NationalNature)}", $"{Value(p.HasInternationalValue, p.InternationalValue)} {Or(p.InternationalNature)}",
                    Value(p.HasDifference, p.Difference), Or(codes), p.State, Or(string.Join("; ", p.Codes.Where(c => c.Code == "VIN" && c.Status != "removed").SelectMany(c => c.Facts)))));
            }

            await console.Error.WriteLineAsync($"{pairs.Pairs.Count} pair(s)");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show(Option<string> server, CliConsole console)
    {
        var id = new Argument<string>("PAIR_ID") { Description = "The pair's id (from list)." };
        var command = new Command("show", "One pair in full: both sides, each code with its rule and evidence, and the history.") { id };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var detail = await new DiscrepancyService.DiscrepancyServiceClient(channel).GetPairAsync(new GetPairRequest { PairId = parse.GetValue(id)! }, cancellationToken: cancellationToken);
            await PrintAsync(console, detail);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Move(Option<string> server, CliConsole console)
    {
        var id = new Argument<string>("PAIR_ID") { Description = "The pair's id." };
        var to = new Option<string>("--to") { Description = "in-consultation, reconciled, documented-side-by-side, national-accepted, agency-retained or raised.", Required = true };
        var comment = new Option<string>("--comment") { Description = "Why (kept in the history, seen by both sides).", Required = true };
        var command = new Command("move", "Move a pair through the reconciliation (the pair's parties or the coordinator).") { id, to, comment };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var detail = await new DiscrepancyService.DiscrepancyServiceClient(channel).MovePairAsync(new MovePairRequest { PairId = parse.GetValue(id)!, ToState = parse.GetValue(to)!, Comment = parse.GetValue(comment)! }, cancellationToken: cancellationToken);
            await PrintAsync(console, detail);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Code(Option<string> server, CliConsole console)
    {
        var id = new Argument<string>("PAIR_ID") { Description = "The pair's id." };
        var code = new Argument<string>("CODE") { Description = "A typology code: SRC, DEF, MTH, DEN, ADJ, EST, MOD, GLB, VIN, REF, UNT, DIS, RND, ERR, NAV, CRD." };
        var action = new Option<string>("--action") { Description = "confirm, remove or add.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why.", Required = true };
        var command = new Command("code", "Confirm or remove a proposed typology code of a pair, or add one, with a reason.") { id, code, action, reason };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var detail = await new DiscrepancyService.DiscrepancyServiceClient(channel).ChangeCodeAsync(
                new ChangeCodeRequest { PairId = parse.GetValue(id)!, Code = parse.GetValue(code)!, Action = parse.GetValue(action)!, Reason = parse.GetValue(reason)! }, cancellationToken: cancellationToken);
            await PrintAsync(console, detail);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The pairs a run found as a table (the first <paramref name="top"/>), and how to list them all when there are more.</summary>
    private static async Task PrintFoundAsync(CliConsole console, RunAnalysisResponse response, int top, string listCommand)
    {
        if (response.Found.Count == 0)
        {
            return;
        }

        var rows = new List<string[]> { new[] { "INDICATOR/SERIES", "AREA", "PERIOD", "BREAKDOWN", "NATIONAL", "INTERNATIONAL", "CODES" } };
        rows.AddRange(response.Found.Take(top).Select(p => new[]
        {
            response.Indicators.TryGetValue(p.Series, out var indicator) ? $"{indicator}/{p.Series}" : p.Series,
            p.Area, p.Period, Or(p.Breakdown),
            $"{Value(p.HasNationalValue, p.NationalValue)} {Or(p.NationalNature)}",
            $"{Value(p.HasInternationalValue, p.InternationalValue)} {Or(p.InternationalNature)}",
            Or(string.Join(' ', p.Codes.Where(c => c.Status != "removed").Select(c => c.Code).Distinct())),
        }));
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            await console.Out.WriteLineAsync(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }

        if (response.Found.Count > top)
        {
            await console.Out.WriteLineAsync($"... {response.Found.Count - top} more; all of them: {listCommand}");
        }
    }

    /// <summary>The list command for the run's pairs: its series (those of the indicators asked for too) and areas.</summary>
    private static string ListCommandFor(RunAnalysisRequest request, RunAnalysisResponse response)
    {
        var series = request.Indicators.Count == 0 ? request.Series.AsEnumerable() : request.Series.Concat(response.Found.Select(p => p.Series)).Distinct(StringComparer.Ordinal);
        return string.Join(' ', new[] { "mdgx discrepancies list" }.Concat(series.Select(s => $"--series {s}")).Concat(request.Areas.Select(a => $"--area {a}")));
    }

    private static async Task PrintAsync(CliConsole console, PairDetail detail)
    {
        var p = detail.Pair;
        await console.Out.WriteLineAsync($"{p.PairId}  {p.Series} {p.Area} {p.Period} {Or(p.Breakdown)}  state {p.State}");
        await console.Out.WriteLineAsync($"  national      {Or(p.NationalOrganisation)}: {Value(p.HasNationalValue, p.NationalValue)} (NATURE {Or(p.NationalNature)})");
        await console.Out.WriteLineAsync($"  international {Or(p.InternationalOrganisation)}: {Value(p.HasInternationalValue, p.InternationalValue)} (NATURE {Or(p.InternationalNature)}); difference {Value(p.HasDifference, p.Difference)}");
        foreach (var c in p.Codes)
        {
            await console.Out.WriteLineAsync($"  {c.Code} ({c.Origin}, {c.Status}{(c.Reason.Length > 0 ? $": {c.Reason}" : "")}) {c.Rule}");
            foreach (var fact in c.Facts)
            {
                await console.Out.WriteLineAsync($"      {fact}");
            }
        }

        foreach (var h in detail.History)
        {
            var what = h.Kind switch
            {
                "state" => $"{h.FromState} → {h.ToState}",
                "consultation-question" => "question",
                "consultation-answer" => "answer",
                _ => $"{h.Kind} {h.Code}",
            };
            await console.Out.WriteLineAsync($"  {h.At.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture)} {h.Organisation}{(h.Kind.StartsWith("consultation-", StringComparison.Ordinal) && h.Principal.Length > 0 ? $" ({h.Principal})" : "")}: {what} — {h.Comment}");
        }
    }

    private static string Value(bool has, double value) => has ? value.ToString("R", CultureInfo.InvariantCulture) : "-";

    private static string Or(string text) => text.Length > 0 ? text : "-";
}
