using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using MdgExchange.Protos.V1;

namespace MdgExchange.Cli.Commands;

/// <summary><c>mdgx transfers list|show</c>: the record of every exchange.</summary>
public static class TransferCommands
{
    public static Command Create(Option<string> server, CliConsole console)
    {
        var command = new Command("transfers", "Read the record of every exchange (pushes, pulls, annotations, structure submissions).");
        command.Subcommands.Add(List(server, console));
        command.Subcommands.Add(Show(server, console));
        return command;
    }

    private static Command List(Option<string> server, CliConsole console)
    {
        var organisation = new Option<string?>("--org") { Description = "Sender or receiver organisation." };
        var kind = new Option<string?>("--kind") { Description = "push, pull, annotate, structure-submit, structure-delete, seed." };
        var flow = new Option<string?>("--flow") { Description = "Dataflow, AGENCY:ID(VERSION)." };
        var series = new Option<string?>("--series") { Description = "A series code, e.g. SH_DYN_MORT." };
        var area = new Option<string?>("--area") { Description = "A reference area code, e.g. 032." };
        var outcome = new Option<string?>("--outcome") { Description = "completed, rejected, failed or cancelled." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Started at or after (ISO 8601)." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Started before (ISO 8601)." };
        var limit = new Option<int>("--limit") { Description = "At most this many (newest first).", DefaultValueFactory = _ => 100 };
        var command = new Command("list", "List transfers, newest first, one line each.") { organisation, kind, flow, series, area, outcome, from, to, limit };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            var request = new ListTransfersRequest
            {
                Organisation = parse.GetValue(organisation) ?? "",
                Kind = parse.GetValue(kind) ?? "",
                Dataflow = parse.GetValue(flow) ?? "",
                SeriesCode = parse.GetValue(series) ?? "",
                RefArea = parse.GetValue(area) ?? "",
                Outcome = parse.GetValue(outcome) ?? "",
                Limit = parse.GetValue(limit),
            };
            if (parse.GetValue(from) is { } f)
            {
                request.From = Timestamp.FromDateTimeOffset(f);
            }

            if (parse.GetValue(to) is { } t)
            {
                request.To = Timestamp.FromDateTimeOffset(t);
            }

            using var channel = CliConsole.Channel(parse, server);
            var response = await new TransferService.TransferServiceClient(channel).ListTransfersAsync(request, cancellationToken: cancellationToken);
            foreach (var x in response.Transfers)
            {
                await console.Out.WriteLineAsync(string.Join('\t',
                    x.TransferId, x.StartedAt.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture), x.Kind, x.Outcome,
                    Or(x.Sender), Or(x.Receiver), Or(x.Dataflow), $"{x.Series} series", $"{x.Observations} obs"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show(Option<string> server, CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The transfer id." };
        var command = new Command("show", "Show one transfer in full.") { id };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var x = await new TransferService.TransferServiceClient(channel).GetTransferAsync(new GetTransferRequest { TransferId = parse.GetValue(id)! }, cancellationToken: cancellationToken);
            var lines = new (string Name, string Value)[]
            {
                ("transfer", x.TransferId), ("kind", x.Kind), ("outcome", x.Outcome), ("channel", x.Channel), ("format", x.Format),
                ("sender", x.Sender), ("receiver", x.Receiver), ("principal", x.Principal), ("dataflow", x.Dataflow), ("action", x.Action),
                ("series codes", string.Join(' ', x.SeriesCodes)), ("areas", string.Join(' ', x.RefAreas)),
                ("periods", x.PeriodStart.Length > 0 ? $"{x.PeriodStart} to {x.PeriodEnd}" : ""),
                ("series", x.Series.ToString(CultureInfo.InvariantCulture)), ("observations", x.Observations.ToString(CultureInfo.InvariantCulture)),
                ("inserted/revised/unchanged/deleted", $"{x.Inserted}/{x.Revised}/{x.Unchanged}/{x.Deleted}"),
                ("annotations", x.Annotations.ToString(CultureInfo.InvariantCulture)), ("artefacts", x.Artefacts.ToString(CultureInfo.InvariantCulture)),
                ("bytes", x.Bytes.ToString(CultureInfo.InvariantCulture)), ("sha256", x.PayloadSha256), ("idempotency key", x.IdempotencyKey),
                ("embargo until", x.EmbargoUntil?.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture) ?? ""),
                ("started", x.StartedAt.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture)),
                ("finished", x.FinishedAt.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture)),
                ("error", x.ErrorSummary), ("warnings", string.Join(" | ", x.Warnings)),
            };
            foreach (var (name, value) in lines.Where(l => l.Value.Length > 0))
            {
                await console.Out.WriteLineAsync($"{name + ":",-36} {value}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Or(string text) => text.Length == 0 ? "-" : text;
}
