using System.CommandLine;
using MdgExchange.Cli.Commands;

namespace MdgExchange.Cli;

/// <summary>The <c>mdgx</c> command tree.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var server = new Option<string>("--server")
        {
            Description = "The MdgExchange gRPC endpoint (or set MDGX_SERVER).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MDGX_SERVER") is { Length: > 0 } s ? s : "http://localhost:5080",
            Recursive = true,
        };
        var root = new RootCommand(
            "mdgx: the command-line client of MdgExchange, the SDMX metadata and data-exchange service.\n" +
            "Exit codes: 0 success; 1 invalid command line; 2 refused by the server (invalid input, not found, conflict); 3 server unreachable or failing, or the connection lost mid-stream; 130 cancelled (Ctrl-C; a partial pull output file is removed).");
        root.Options.Add(server);
        root.Options.Add(CliConsole.ApiKey);
        root.Options.Add(CliConsole.Token);
        var console = new CliConsole(output, error);
        root.Subcommands.Add(StructureCommands.Create(server, console));
        root.Subcommands.Add(ProviderCommands.Create(server, console));
        root.Subcommands.Add(PushCommand.Create(server, console));
        root.Subcommands.Add(PullCommand.Create(server, console));
        root.Subcommands.Add(AnnotateCommand.Create(server, console));
        root.Subcommands.Add(TransferCommands.Create(server, console));
        root.Subcommands.Add(MetadataCommands.Create(server, console));
        root.Subcommands.Add(DiscrepancyCommands.Create(server, console));
        root.Subcommands.Add(KeyCommands.Create(server, console));
        root.Subcommands.Add(KeyCommands.WhoAmI(server, console));
        root.Subcommands.Add(UserCommands.Create(server, console));
        root.Subcommands.Add(CatalogCommands.Create(server, console));
        root.Subcommands.Add(InventoryCommands.Create(server, console));
        root.Subcommands.Add(ReportCommands.Create(server, console));
        var parse = root.Parse(args);
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(5) });
    }
}
