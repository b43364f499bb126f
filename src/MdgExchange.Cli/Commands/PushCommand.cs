using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx;
using MdgExchange.Sdmx.Data;

namespace MdgExchange.Cli.Commands;

/// <summary><c>mdgx push FILE</c>: reads an SDMX data file as a stream and pushes its series.</summary>
public static class PushCommand
{
    /// <summary>The response header in which the server announces its <c>MdgExchange:Limits:MaxMessageBytes</c>.</summary>
    public const string MaxMessageBytesHeader = "mdgx-max-message-bytes";

    /// <summary>The message bound when the server announces none: gRPC's default receive limit.</summary>
    public const int DefaultMessageLimit = 4 * 1024 * 1024;

    public static Command Create(Option<string> server, CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "SDMX-ML 2.1 (structure-specific or generic) or SDMX-CSV 1.0/2.0 data file." };
        var flow = new Option<string?>("--flow") { Description = "The dataflow to push to (default: the one the file names)." };
        var structure = new Option<string?>("--structure") { Description = "Read the file with this registered DSD (for files that name a DSD the registry lacks, with the same components)." };
        var action = new Option<string?>("--action") { Description = "I, A, M, R or D (default: the file's, else I)." };
        var sender = new Option<string?>("--sender") { Description = "The sending organisation (default: the organisation of your key or token; the file header's Sender is not used)." };
        var key = new Option<string?>("--idempotency-key") { Description = "Pushing the same file again with the same key stores nothing twice." };
        var embargo = new Option<DateTimeOffset?>("--embargo-until") { Description = "The data are not public before this instant (ISO 8601)." };
        var shareWith = new Option<string[]>("--share-with") { Description = "Organisations that may see the embargoed data before release (repeat or space-separate).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("push", "Push the series of a data file; prints the transfer id and counts, or every error with its location.")
        {
            file, flow, structure, action, sender, key, embargo, shareWith,
        };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliUsageException($"file not found: {path.FullName}");
            }

            await using var stream = path.OpenRead();
            SdmxDataReader? reader = null;
            SdmxFormatException? unreadable = null;
            try
            {
                reader = DataReaderFactory.Open(stream);
            }
            catch (SdmxFormatException ex)
            {
                // Still pushed (with --flow), so that the server refuses it, says why and records the refusal.
                unreadable = ex;
            }

            using var disposeReader = reader;
            if (unreadable is not null && parse.GetValue(flow) is null)
            {
                // The file is at fault, not the command line: exit 2, with where reading stopped.
                throw new CliInputException($"{path.Name}{(unreadable.LineNumber > 0 ? $", line {unreadable.LineNumber}" : "")}: cannot be read as SDMX-ML or SDMX-CSV: {unreadable.Message} (give --flow to push it anyway and have the refusal recorded)");
            }

            var flowText = parse.GetValue(flow) ?? (reader is { Header.StructureIsDsd: false } ? reader.Header.StructureRef : null)
                ?? throw new CliUsageException($"{path.Name} names {(reader!.Header.StructureRef is null ? "no dataflow" : $"the data structure {reader.Header.StructureRef}, not a dataflow")}; give the dataflow with --flow");
            // Not the header's Sender: a file pulled from the service names the service, and its provider pushes it back
            // unchanged. Empty: the server takes the organisation of the caller's key or token.
            var senderId = parse.GetValue(sender) ?? "";

            using var channel = CliConsole.Channel(parse, server);
            var (dataflow, dsd) = await RegistryLookup.DataflowAsync(new StructureService.StructureServiceClient(channel), flowText, parse.GetValue(structure), cancellationToken);
            var header = new PushHeader
            {
                Dataflow = dataflow,
                Sender = senderId,
                Action = parse.GetValue(action) ?? reader?.Header.Action?.ToString() ?? "I",
                IdempotencyKey = parse.GetValue(key) ?? "",
                SourceFormat = reader?.Format.Name() ?? "unreadable",
                SourceName = path.Name,
            };
            header.ShareWith.AddRange(parse.GetValue(shareWith) ?? []);
            if (parse.GetValue(embargo) is { } until)
            {
                header.EmbargoUntil = Timestamp.FromDateTimeOffset(until);
            }

            var progress = new Progress(console.Error, path.Length);
            using var call = new DataExchangeService.DataExchangeServiceClient(channel).PushSeries(cancellationToken: cancellationToken);
            await call.SendAsync(new PushSeriesRequest { Header = header }, cancellationToken);
            var limit = MessageLimit(await call.ResponseHeadersAsync);
            try
            {
                foreach (var batch in SeriesProtos.Batches(reader, unreadable, dsd, path.Name, limit - SeriesProtos.RequestOverhead))
                {
                    await call.SendAsync(new PushSeriesRequest { Batch = batch }, cancellationToken);
                    progress.Report(stream.Position);
                }
            }
            catch (OversizedSeriesException ex)
            {
                // Refused before it is sent; leaving the call uncompleted cancels it, so nothing of the push is stored.
                throw new CliInputException($"{ex.Location}: {ex.What} take {ex.Bytes:N0} bytes, more than one message to the server may carry ({limit:N0} bytes, its MdgExchange:Limits:MaxMessageBytes); nothing was pushed");
            }

            await call.EndAsync();
            progress.Done();
            try
            {
                var response = await call;
                await console.Out.WriteLineAsync($"{(response.Replayed ? "already pushed" : "pushed")}: {response.Series} series, {response.Observations} observations ({response.Inserted} inserted, {response.Revised} revised, {response.Unchanged} unchanged, {response.Deleted} deleted) (transfer {response.TransferId})");
                foreach (var warning in response.Warnings.Concat(reader?.Warnings ?? []))
                {
                    await console.Error.WriteLineAsync($"warning: {warning}");
                }

                return ExitCodes.Success;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
            {
                await console.Error.WriteLineAsync($"refused: {ex.Status.Detail}");
                var status = ex.GetRpcStatus();
                foreach (var violation in status?.GetDetail<BadRequest>()?.FieldViolations ?? [])
                {
                    await console.Error.WriteLineAsync($"  {violation.Field}: {violation.Description}");
                }

                if (status?.GetDetail<RequestInfo>() is { } info)
                {
                    await console.Error.WriteLineAsync($"nothing was stored (transfer {info.RequestId}, recorded as rejected)");
                }

                return ExitCodes.Refused;
            }
        }, cancellationToken));
        return command;
    }

    /// <summary>The largest message the server accepts, as it announces it; a server that does not, gRPC's usual 4 MiB.</summary>
    private static int MessageLimit(Metadata headers)
    {
        var announced = headers.GetValue(MaxMessageBytesHeader);
        return int.TryParse(announced, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes) && bytes > 1024
            ? bytes
            : DefaultMessageLimit;
    }
}
