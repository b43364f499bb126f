using MdgExchange.Server.Tests.Infrastructure;

namespace MdgExchange.Server.Tests;

/// <summary>The real server process on a temporary database, driven by the real <c>mdgx</c>.</summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mdgx-e2e-" + Guid.NewGuid().ToString("N"));
    private string Database => Path.Combine(_directory, "data", "mdgexchange.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Mdgx_drives_a_fresh_server_through_import_list_show_and_a_restart()
    {
        await using (var server = await ServerProcess.StartAsync(_directory))
        {
            File.Exists(Database).Should().BeTrue("the first start creates the SQLite database at its default path ./data/mdgexchange.db");

            var list = await ServerProcess.MdgxAsync("structures", "list", "--type", "dsd", "--server", server.Server);
            list.ExitCode.Should().Be(0, list.Err);
            list.Out.Should().Contain("IAEG-SDGs:SDG(1.0)\tdatastructure\tSDG DSD");

            var show = await ServerProcess.MdgxAsync("structures", "show", "IAEG-SDGs:SDG(1.0)", "--server", server.Server);
            show.ExitCode.Should().Be(0, show.Err);
            var dimensionLines = show.Out.Split('\n').SkipWhile(l => l != "Dimensions:").Skip(1).TakeWhile(l => l != "Attributes:").ToList();
            dimensionLines.Select(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]).Should().StartWith(["FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA"]);
            dimensionLines.Should().HaveCount(16);
            show.Out.Should().Contain("Measure: OBS_VALUE");

            var import = await ServerProcess.MdgxAsync("structures", "import", TestFiles.Data("registry", "test_structures.xml"), "--server", server.Server);
            import.ExitCode.Should().Be(0, import.Err);
            import.Out.Should().Contain("created     codelist TEST:CL_REGION(1.0)").And.Contain("applied: 4 created");

            var codes = await ServerProcess.MdgxAsync("structures", "show", "TEST:CL_REGION", "--lang", "es", "--server", server.Server);
            codes.Out.Should().Contain("Codes (3):").And.Contain("Provincia de Córdoba  (parent AR)");

            var dangling = await ServerProcess.MdgxAsync("structures", "import", TestFiles.Data("registry", "dangling_reference.xml"), "--server", server.Server);
            dangling.ExitCode.Should().Be(2);
            dangling.Out.Should().Contain("TEST:CL_MISSING(1.0)").And.Contain("not applied");

            var garbage = await ServerProcess.MdgxAsync("structures", "import", TestFiles.Data("registry", "not_xml.txt"), "--server", server.Server);
            garbage.ExitCode.Should().Be(2);
            garbage.Err.Should().Contain("InvalidArgument");

            await server.KillAsync();
        }

        // A restart on the same database: nothing is seeded again, the imported structures are still there.
        await using (var restarted = await ServerProcess.StartAsync(_directory))
        {
            restarted.Output.Should().Contain("nothing to do");
            var again = await ServerProcess.MdgxAsync("structures", "import", TestFiles.Data("registry", "test_structures.xml"), "--server", restarted.Server);
            again.ExitCode.Should().Be(0, again.Err);
            again.Out.Should().Contain("not applied: 4 unchanged");
        }

        var unreachable = await ServerProcess.MdgxAsync("structures", "list", "--server", $"http://127.0.0.1:{ServerFixture.FreePort()}");
        unreachable.ExitCode.Should().Be(3);
    }

    [Fact]
    public async Task Every_mdgx_command_has_help()
    {
        foreach (var command in new[] { Array.Empty<string>(), ["structures"], ["structures", "import"], ["structures", "list"], ["structures", "show"], ["structures", "delete"] })
        {
            var help = await ServerProcess.MdgxAsync([.. command, "--help"]);
            help.ExitCode.Should().Be(0);
            help.Out.Should().Contain("Usage:").And.Contain("--server");
        }
    }
}
