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
        var options = new PushOptions();
        var command = new Command("push", "Push the series of a data file; prints the transfer id and counts, or every error with its location.")
        {
            options.File, options.Flow, options.Structure, options.Action, options.Sender, options.Key, options.Embargo, options.ShareWith,
        };
        command.SetAction((parse, cancellationToken) => console.RunAsync(() => PushAsync(parse, options, server, console, cancellationToken), cancellationToken));
        return command;
    }

    /// <summary>Reads the file, pushes its series in batches within the server's message bound and reports the outcome.</summary>
    private static async Task<int> PushAsync(ParseResult parse, PushOptions options, Option<string> server, CliConsole console, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(options.File)!;
        if (!path.Exists)
        {
            throw new CliUsageException($"file not found: {path.FullName}");
        }

        await using var stream = path.OpenRead();
        var (reader, unreadable) = OpenReader(stream);
        using var disposeReader = reader;
        var flowText = FlowOf(parse, options, path, reader, unreadable);

        using var channel = CliConsole.Channel(parse, server);
        var (dataflow, dsd) = await RegistryLookup.DataflowAsync(new StructureService.StructureServiceClient(channel), flowText, parse.GetValue(options.Structure), cancellationToken);
        var header = Header(parse, options, path, reader, dataflow);

        var progress = new Progress(console.Error, path.Length);
        using var call = new DataExchangeService.DataExchangeServiceClient(channel).PushSeries(cancellationToken: cancellationToken);
        await call.SendAsync(new PushSeriesRequest { Header = header }, cancellationToken);
        var limit = MessageLimit(await call.ResponseHeadersAsync);
        await SendBatchesAsync(call, SeriesProtos.Batches(reader, unreadable, dsd, path.Name, limit - SeriesProtos.RequestOverhead), limit, () => progress.Report(stream.Position), cancellationToken);

        await call.EndAsync();
        progress.Done();
        return await ReportAsync(call, reader, console);
    }

    /// <summary>Opens the file as SDMX data; a file that cannot be read gives its reason instead of a reader.</summary>
    private static (SdmxDataReader? Reader, SdmxFormatException? Unreadable) OpenReader(Stream stream)
    {
        try
        {
            return (DataReaderFactory.Open(stream), null);
        }
        catch (SdmxFormatException ex)
        {
            // Still pushed (with --flow), so that the server refuses it, says why and records the refusal.
            return (null, ex);
        }
    }

    /// <summary>The dataflow pushed to: <c>--flow</c>, else the one the file names.</summary>
    private static string FlowOf(ParseResult parse, PushOptions options, FileInfo path, SdmxDataReader? reader, SdmxFormatException? unreadable)
    {
        if (unreadable is not null && parse.GetValue(options.Flow) is null)
        {
            // The file is at fault, not the command line: exit 2, with where reading stopped.
            throw new CliInputException($"{path.Name}{(unreadable.LineNumber > 0 ? $", line {unreadable.LineNumber}" : "")}: cannot be read as SDMX-ML or SDMX-CSV: {unreadable.Message} (give --flow to push it anyway and have the refusal recorded)");
        }

        return parse.GetValue(options.Flow) ?? (reader is { Header.StructureIsDsd: false } ? reader.Header.StructureRef : null)
            ?? throw new CliUsageException($"{path.Name} names {(reader!.Header.StructureRef is null ? "no dataflow" : $"the data structure {reader.Header.StructureRef}, not a dataflow")}; give the dataflow with --flow");
    }

    /// <summary>The first message of the push: where the series go, from whom, and how they are to be kept.</summary>
    private static PushHeader Header(ParseResult parse, PushOptions options, FileInfo path, SdmxDataReader? reader, string dataflow)
    {
        var header = new PushHeader
        {
            Dataflow = dataflow,
            // Not the header's Sender: a file pulled from the service names the service, and its provider pushes it back
            // unchanged. Empty: the server takes the organisation of the caller's key or token.
            Sender = parse.GetValue(options.Sender) ?? "",
            Action = parse.GetValue(options.Action) ?? reader?.Header.Action?.ToString() ?? "I",
            IdempotencyKey = parse.GetValue(options.Key) ?? "",
            SourceFormat = reader?.Format.Name() ?? "unreadable",
            SourceName = path.Name,
        };
        header.ShareWith.AddRange(parse.GetValue(options.ShareWith) ?? []);
        if (parse.GetValue(options.Embargo) is { } until)
        {
            header.EmbargoUntil = Timestamp.FromDateTimeOffset(until);
        }

        return header;
    }

    /// <summary>Sends the batches; a series too large for one message stops the push before anything of it is sent.</summary>
    private static async Task SendBatchesAsync(AsyncClientStreamingCall<PushSeriesRequest, PushSeriesResponse> call, IEnumerable<SeriesBatch> batches, int limit, Action sent, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var batch in batches)
            {
                await call.SendAsync(new PushSeriesRequest { Batch = batch }, cancellationToken);
                sent();
            }
        }
        catch (OversizedSeriesException ex)
        {
            // Refused before it is sent; leaving the call uncompleted cancels it, so nothing of the push is stored.
            throw new CliInputException($"{ex.Location}: {ex.What} take {ex.Bytes:N0} bytes, more than one message to the server may carry ({limit:N0} bytes, its MdgExchange:Limits:MaxMessageBytes); nothing was pushed");
        }
    }

    /// <summary>Prints the counts and warnings of a stored push, or the reasons of a refused one.</summary>
    private static async Task<int> ReportAsync(AsyncClientStreamingCall<PushSeriesRequest, PushSeriesResponse> call, SdmxDataReader? reader, CliConsole console)
    {
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
    }

    /// <summary>The largest message the server accepts, as it announces it; a server that does not, gRPC's usual 4 MiB.</summary>
    private static int MessageLimit(Metadata headers)
    {
        var announced = headers.GetValue(MaxMessageBytesHeader);
        return int.TryParse(announced, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes) && bytes > 1024
            ? bytes
            : DefaultMessageLimit;
    }

    /// <summary>The argument and options of <c>mdgx push</c>.</summary>
    private sealed class PushOptions
    {
        public Argument<FileInfo> File { get; } = new("FILE") { Description = "SDMX-ML 2.1 (structure-specific or generic) or SDMX-CSV 1.0/2.0 data file." };
        public Option<string?> Flow { get; } = new("--flow") { Description = "The dataflow to push to (default: the one the file names)." };
        public Option<string?> Structure { get; } = new("--structure") { Description = "Read the file with this registered DSD (for files that name a DSD the registry lacks, with the same components)." };
        public Option<string?> Action { get; } = new("--action") { Description = "I, A, M, R or D (default: the file's, else I)." };
        public Option<string?> Sender { get; } = new("--sender") { Description = "The sending organisation (default: the organisation of your key or token; the file header's Sender is not used)." };
        public Option<string?> Key { get; } = new("--idempotency-key") { Description = "Pushing the same file again with the same key stores nothing twice." };
        public Option<DateTimeOffset?> Embargo { get; } = new("--embargo-until") { Description = "The data are not public before this instant (ISO 8601)." };
        public Option<string[]> ShareWith { get; } = new("--share-with") { Description = "Organisations that may see the embargoed data before release (repeat or space-separate).", AllowMultipleArgumentsPerToken = true };
    }
}
