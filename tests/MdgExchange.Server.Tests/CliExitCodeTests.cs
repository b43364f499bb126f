using System.Net;
using System.Net.Sockets;
using System.Text;
using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Server.Tests.Infrastructure;

namespace MdgExchange.Server.Tests;

/// <summary>
/// The exit codes <c>mdgx --help</c> documents, each with its one-line message, and secrets from the environment
/// that never reach help text or errors. The real <c>mdgx</c> process against the real server; the environment is
/// set for the child process only.
/// </summary>
public sealed class CliExitCodeTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private static class ExitCodes
    {
        public const int Success = 0;
        public const int Refused = 2;
        public const int Unavailable = 3;
    }

    private const string SecretKey = "mdgx_SECRETKEYDONOTPRINT0123456789";
    private const string SecretToken = "eyJSECRET.TOKEN.DONOTPRINT";
    private static readonly Dictionary<string, string> Secrets = new() { ["MDGX_API_KEY"] = SecretKey, ["MDGX_TOKEN"] = SecretToken };
    private static readonly Dictionary<string, string> SecretKeyOnly = new() { ["MDGX_API_KEY"] = SecretKey };
    private readonly string _directory = Directory.CreateTempSubdirectory("mdgx-cli-").FullName;

    private string Address => server.GrpcAddress.ToString();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Help_of_every_command_and_subcommand_never_shows_the_key_or_token_from_the_environment()
    {
        var pending = new Queue<string[]>([[]]);
        var visited = 0;
        while (pending.TryDequeue(out var path))
        {
            var help = await ServerProcess.MdgxAsync(Secrets, [.. path, "--help"]);
            help.ExitCode.Should().Be(ExitCodes.Success, string.Join(' ', path));
            (help.Out + help.Err).Should().NotContain(SecretKey).And.NotContain(SecretToken).And.NotContain("mdgx_S");
            visited++;
            foreach (var sub in Subcommands(help.Out))
            {
                pending.Enqueue([.. path, sub]);
            }
        }

        visited.Should().BeGreaterThan(20, "the walk reached the subcommands, not only the root");
    }

    [Fact]
    public async Task An_unreachable_server_is_exit_3_in_one_line_without_the_secret()
    {
        var result = await ServerProcess.MdgxAsync(SecretKeyOnly, "whoami", "--server", $"http://127.0.0.1:{ServerFixture.FreePort()}");

        result.ExitCode.Should().Be(ExitCodes.Unavailable, result.Err);
        ErrorLines(result.Err).Should().ContainSingle().Which.Should().StartWith("error: ");
        (result.Out + result.Err).Should().NotContain(SecretKey).And.NotContain(SecretToken);
    }

    [Theory]
    [InlineData("push")]
    [InlineData("pull")]
    public async Task A_connection_closed_by_the_server_is_exit_3_in_one_line_without_a_stack_trace(string command)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var closer = CloseEveryConnectionAsync(listener, stop.Token);
        string[] args = command == "push"
            ? ["push", TestFiles.Data("exchange", "indec_sh_dyn_mort_032.csv")]
            : ["pull", "--flow", "MDGX:DF_SDG(1.0)"];

        var result = await ServerProcess.MdgxAsync(SecretKeyOnly, [.. args, "--server", $"http://127.0.0.1:{port}"]);
        await stop.CancelAsync();
        await closer;

        result.ExitCode.Should().Be(ExitCodes.Unavailable, result.Err);
        ErrorLines(result.Err).Should().ContainSingle().Which.Should().StartWith("error: ");
        result.Err.Should().NotContain("   at ").And.NotContain(SecretKey);
    }

    [Theory]
    [InlineData("garbage.csv", "random")]
    [InlineData("utf16.xml", "utf16")]
    [InlineData("garbage.xml", "random")]
    public async Task A_file_that_cannot_be_read_as_its_format_is_exit_2_with_its_location(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllBytesAsync(path, content == "utf16"
            ? Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<message:StructureSpecificData>\n\u0001\u0002")
            : [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919 + 13) % 251))]);

        var result = await ServerProcess.MdgxAsync("push", path, "--server", Address, "--api-key", await server.KeyAsync("INDEC", Roles.Provider));

        result.ExitCode.Should().Be(ExitCodes.Refused, result.Err);
        result.Err.Should().Contain(name).And.NotContain("   at ");
    }

    [Theory]
    [InlineData("A.N.SH_DYN_MORT.32", "has 4 parts")]
    [InlineData("A.N.SH_DYN_MORT.32.._T._T._T._T._T._T._T._T._T._T", "position 5 (SEX) is empty")]
    [InlineData("A.N.SH_DYN_MORT.32+76._T._T._T._T._T._T._T._T._T._T._T", "position 4 (REF_AREA) lists several codes")]
    [InlineData("A.N.*.32._T._T._T._T._T._T._T._T._T._T._T", "position 3 (SERIES) is a wildcard")]
    public async Task Annotate_with_a_partial_key_is_exit_2_and_names_the_dimension_order(string seriesKey, string why)
    {
        var result = await ServerProcess.MdgxAsync(
            "annotate", "--flow", "MDGX:DF_SDG(1.0)", "--key", seriesKey, "--type", "footnote", "--text", "x",
            "--server", Address, "--api-key", await server.KeyAsync("INDEC", Roles.Provider));

        result.ExitCode.Should().Be(ExitCodes.Refused, result.Err);
        result.Err.Should().Contain("a full series key is needed: FREQ.REPORTING_TYPE.SERIES.REF_AREA.SEX.AGE").And.Contain(why);
    }

    [Fact]
    public async Task A_file_pulled_as_sdmx_ml_is_pushed_back_unchanged_by_its_provider()
    {
        await server.RegisterAgreementAsync("INDEC", "MDGX:DF_SDG(1.0)", "32");
        var key = await server.KeyAsync("INDEC", Roles.Provider);
        var first = await ServerProcess.MdgxAsync("push", TestFiles.Data("exchange", "indec_sh_dyn_mort_032.csv"), "--server", Address, "--api-key", key);
        first.ExitCode.Should().Be(ExitCodes.Success, first.Err);
        var pulled = Path.Combine(_directory, "pulled.xml");
        var pull = await ServerProcess.MdgxAsync("pull", "--flow", "MDGX:DF_SDG(1.0)", "--key", "A.N.SH_DYN_MORT.32...........", "--format", "sdmx-ml-2.1-structure-specific", "--out", pulled, "--server", Address, "--api-key", key);
        pull.ExitCode.Should().Be(ExitCodes.Success, pull.Err);

        var again = await ServerProcess.MdgxAsync("push", pulled, "--server", Address, "--api-key", key);

        again.ExitCode.Should().Be(ExitCodes.Success, again.Err);
        again.Out.Should().Contain("pushed");
    }

    private static IEnumerable<string> Subcommands(string help) => help.Split('\n')
        .SkipWhile(l => !l.StartsWith("Commands:", StringComparison.Ordinal)).Skip(1)
        .TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal))
        .Where(l => l.Length > 2 && l[2] != ' ')
        .Select(l => l.Trim().Split(' ')[0].Split(',')[0].Split('|')[0]);

    private static List<string> ErrorLines(string stderr) => [.. stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !string.IsNullOrWhiteSpace(l) && !l.StartsWith('\r'))];

    private static async Task CloseEveryConnectionAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(cancellationToken);
                client.Client.Close();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
