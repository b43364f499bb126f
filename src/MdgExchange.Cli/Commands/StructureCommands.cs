using System.CommandLine;
using Google.Protobuf;
using Grpc.Core;
using MdgExchange.Protos.V1;

namespace MdgExchange.Cli.Commands;

/// <summary><c>mdgx structures import|list|show|delete</c>.</summary>
public static class StructureCommands
{
    private const int ChunkSize = 64 * 1024;

    public static Command Create(Option<string> server, CliConsole console)
    {
        var command = new Command("structures", "Manage the registry of SDMX structures (codelists, concept schemes, DSDs, dataflows, ...).");
        command.Subcommands.Add(Import(server, console));
        command.Subcommands.Add(List(server, console));
        command.Subcommands.Add(Show(server, console));
        command.Subcommands.Add(Delete(server, console));
        return command;
    }

    private static Command Import(Option<string> server, CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An SDMX-ML 2.1 structure message." };
        var partial = new Option<bool>("--partial") { Description = "Store the artefacts that pass even if others fail (default: all or nothing)." };
        var command = new Command("import", "Submit an SDMX-ML 2.1 structure file; prints one line per artefact (created, replaced, unchanged, failed).")
        {
            file, partial,
        };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliUsageException($"file not found: {path.FullName}");
            }

            using var channel = CliConsole.Channel(parse, server);
            var client = new StructureService.StructureServiceClient(channel);
            using var call = client.SubmitStructures(cancellationToken: cancellationToken);
            await call.SendAsync(new SubmitStructuresRequest
            {
                Options = new SubmitStructuresOptions { Format = await SdmxMlVersionAsync(path, cancellationToken), Partial = parse.GetValue(partial), FileName = path.Name },
            }, cancellationToken);

            await using var stream = path.OpenRead();
            var buffer = new byte[ChunkSize];
            long sent = 0;
            var progress = new Progress(console.Error, path.Length);
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await call.SendAsync(new SubmitStructuresRequest { Chunk = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken);
                sent += read;
                progress.Report(sent);
            }

            await call.EndAsync();
            var response = await call;
            progress.Done();

            var failed = 0;
            foreach (var result in response.Results)
            {
                var name = result.Ref is null ? "(unsupported)" : $"{ArtefactTypeNames.Name(result.Ref.Type)} {Format(result.Ref)}";
                await console.Out.WriteLineAsync($"{OutcomeWord(result.Outcome),-11} {name}");
                foreach (var message in result.Messages)
                {
                    await console.Out.WriteLineAsync($"            {message}");
                }

                failed += result.Outcome == ArtefactOutcome.Failed ? 1 : 0;
            }

            var counts = response.Results.GroupBy(r => OutcomeWord(r.Outcome)).Select(g => $"{g.Count()} {g.Key}");
            await console.Out.WriteLineAsync($"{(response.Applied ? "applied" : "not applied")}: {string.Join(", ", counts)} (transfer {response.TransferId})");
            return failed > 0 ? ExitCodes.Refused : ExitCodes.Success;
        }));
        return command;
    }

    private static Command List(Option<string> server, CliConsole console)
    {
        var type = new Option<string?>("--type") { Description = "Only this type (codelist, conceptscheme, datastructure or dsd, dataflow, ...)." };
        var agency = new Option<string?>("--agency") { Description = "Only artefacts maintained by this agency." };
        var command = new Command("list", "List artefacts, one line each: AGENCY:ID(VERSION), type, name.") { type, agency };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            var request = new ListArtefactsRequest { AgencyId = parse.GetValue(agency) ?? "" };
            if (parse.GetValue(type) is { } t)
            {
                request.Type = ArtefactTypeNames.Parse(t);
            }

            using var channel = CliConsole.Channel(parse, server);
            var response = await new StructureService.StructureServiceClient(channel).ListArtefactsAsync(request, cancellationToken: cancellationToken);
            foreach (var a in response.Artefacts)
            {
                await console.Out.WriteLineAsync($"{Format(a.Ref)}\t{ArtefactTypeNames.Name(a.Ref.Type)}\t{a.Name}{(a.IsFinal ? "" : "\t(not final)")}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show(Option<string> server, CliConsole console)
    {
        var reference = new Argument<string>("REF") { Description = "AGENCY:ID(VERSION), AGENCY:ID(latest), AGENCY:ID or an SDMX URN." };
        var type = new Option<string?>("--type") { Description = "The artefact type; needed only when the agency has several artefacts with that id." };
        var lang = new Option<string>("--lang") { Description = "Language of the names shown.", DefaultValueFactory = _ => "en" };
        var xml = new Option<bool>("--sdmx-ml") { Description = "Print the artefact as an SDMX-ML 2.1 structure message instead." };
        var command = new Command("show", "Show one artefact: a DSD's dimensions, attributes and measure; a codelist's codes; ...") { reference, type, lang, xml };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var client = new StructureService.StructureServiceClient(channel);
            var text = parse.GetValue(reference)!;
            var artefactType = await ResolveTypeAsync(client, text, parse.GetValue(type), cancellationToken);
            var response = await client.GetArtefactAsync(
                new GetArtefactRequest { Ref = text, Type = artefactType, IncludeSdmxMl = parse.GetValue(xml) },
                cancellationToken: cancellationToken);
            if (parse.GetValue(xml))
            {
                await console.Out.WriteAsync(response.SdmxMl.ToStringUtf8());
                return ExitCodes.Success;
            }

            await ArtefactPrinter.PrintAsync(console.Out, client, response.Artefact, parse.GetValue(lang)!, cancellationToken);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Delete(Option<string> server, CliConsole console)
    {
        var reference = new Argument<string>("REF") { Description = "AGENCY:ID(VERSION) (an exact version) or an SDMX URN." };
        var type = new Option<string?>("--type") { Description = "The artefact type (not needed with a URN)." };
        var command = new Command("delete", "Delete a non-final artefact that nothing else references.") { reference, type };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var client = new StructureService.StructureServiceClient(channel);
            var text = parse.GetValue(reference)!;
            var artefactType = await ResolveTypeAsync(client, text, parse.GetValue(type), cancellationToken);
            var response = await client.DeleteArtefactAsync(new DeleteArtefactRequest { Ref = text, Type = artefactType }, cancellationToken: cancellationToken);
            await console.Out.WriteLineAsync($"deleted {ArtefactTypeNames.Name(response.Deleted.Type)} {Format(response.Deleted)} (transfer {response.TransferId})");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The type given, or the only type under which the agency has an artefact with that id.</summary>
    private static async Task<ArtefactType> ResolveTypeAsync(StructureService.StructureServiceClient client, string reference, string? type, CancellationToken cancellationToken)
    {
        if (type is not null)
        {
            return ArtefactTypeNames.Parse(type);
        }

        if (reference.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            return ArtefactType.Unspecified;
        }

        if (!Domain.Structure.ArtefactRef.TryParse(reference, Domain.Structure.ArtefactType.Codelist, out var parsed, out var error))
        {
            throw new CliUsageException(error ?? $"'{reference}' is not a reference of the form AGENCY:ID(VERSION)");
        }

        var (agency, id) = (parsed.AgencyId, parsed.Id);
        var list = await client.ListArtefactsAsync(new ListArtefactsRequest { AgencyId = agency }, cancellationToken: cancellationToken);
        var types = list.Artefacts.Where(a => a.Ref.Id == id).Select(a => a.Ref.Type).Distinct().ToList();
        return types.Count switch
        {
            1 => types[0],
            0 => throw new RpcException(new Status(StatusCode.NotFound, $"no artefact {agency}:{id} in the registry")),
            _ => throw new CliUsageException($"{agency}:{id} exists as {string.Join(" and ", types.Select(ArtefactTypeNames.Name))}; say which with --type"),
        };
    }

    internal static string Format(ArtefactRef r) => $"{r.AgencyId}:{r.Id}({r.Version})";

    internal static string OutcomeWord(ArtefactOutcome outcome) => outcome switch
    {
        ArtefactOutcome.Created => "created",
        ArtefactOutcome.Replaced => "replaced",
        ArtefactOutcome.Unchanged => "unchanged",
        ArtefactOutcome.Failed => "failed",
        ArtefactOutcome.NotApplied => "not-applied",
        _ => "unknown",
    };

    /// <summary>sdmx-ml-3.0 when the file's start names the SDMX-ML 3.0 namespace, else sdmx-ml-2.1 (the server reads either).</summary>
    private static async Task<string> SdmxMlVersionAsync(FileInfo path, CancellationToken cancellationToken)
    {
        await using var stream = path.OpenRead();
        var head = new byte[4096];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return System.Text.Encoding.UTF8.GetString(head, 0, read).Contains("/schemas/v3_0/", StringComparison.Ordinal) ? "sdmx-ml-3.0" : "sdmx-ml-2.1";
    }
}
