using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Server.Tests.Infrastructure;

namespace MdgExchange.Server.Tests;

/// <summary>
/// Onboarding end to end with the real <c>mdgx</c> process (issue 14): <c>mdgx providers add</c> by the coordinator,
/// read back with <c>list</c> and <c>show</c>, a key made with <c>mdgx keys create</c> that pushes the listed area and
/// is refused another, the transfer in <c>mdgx transfers show</c>, and the refusals with their exit code.
/// </summary>
public sealed class ProviderCliTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private const string Name = "Agency on Statistics under the President of the Republic of Tajikistan";
    private readonly string _directory = Directory.CreateTempSubdirectory("mdgx-providers-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<(int ExitCode, string Out, string Err)> MdgxAsync(string apiKey, params string[] args) =>
        ServerProcess.MdgxAsync([.. args, "--server", server.GrpcAddress.ToString(), "--api-key", apiKey]);

    /// <summary>INDEC's real file of under-five mortality, moved to another area.</summary>
    private string FileFor(string area)
    {
        var path = Path.Combine(_directory, $"sh_dyn_mort_{area}.csv");
        File.WriteAllText(path, File.ReadAllText(TestFiles.Data("exchange", "indec_sh_dyn_mort_032.csv")).Replace(",SH_DYN_MORT,32,", $",SH_DYN_MORT,{area},", StringComparison.Ordinal));
        return path;
    }

    [Fact]
    public async Task A_coordinator_onboards_TAJSTAT_and_a_key_for_it_pushes_Tajikistan_and_is_refused_Kyrgyzstan()
    {
        var coordinator = await server.KeyAsync("CEPAL", Roles.Coordinator);
        var admin = await server.KeyAsync("MDGX", Roles.Admin);
        string[] add = ["providers", "add", "--org", "TAJSTAT", "--name", Name, "--name-es", "Agencia de Estadística de Tayikistán", "--area", "762", "--flow", "MDGX:DF_SDG(1.0)"];

        var created = await MdgxAsync(coordinator, add);
        created.ExitCode.Should().Be(0, created.Err);
        created.Out.Should().Contain("created     dataproviderscheme TAJSTAT:DATA_PROVIDERS(1.0)")
            .And.Contain("created     provisionagreement MDGX:PA_TAJSTAT_DF_SDG(1.0)")
            .And.Contain("created     contentconstraint MDGX:CC_PA_TAJSTAT_DF_SDG(1.0)")
            .And.Contain("applied: TAJSTAT reports MDGX:DF_SDG(1.0) 762");

        var again = await MdgxAsync(coordinator, add);
        again.ExitCode.Should().Be(0, again.Err);
        var lines = again.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.SkipLast(1).Should().HaveCount(3).And.OnlyContain(l => l.StartsWith("unchanged ", StringComparison.Ordinal));
        lines[^1].Should().StartWith("unchanged: TAJSTAT reports MDGX:DF_SDG(1.0) 762");

        var list = await ServerProcess.MdgxAsync("providers", "list", "--server", server.GrpcAddress.ToString());
        list.ExitCode.Should().Be(0, list.Err);
        list.Out.Split('\n')[0].Should().StartWith("PROVIDER").And.Contain("NAME").And.Contain("DATAFLOW").And.Contain("AREAS");
        list.Out.Split('\n').Should().Contain(l => l.StartsWith("TAJSTAT ", StringComparison.Ordinal) && l.Contains(Name, StringComparison.Ordinal) && l.Contains("MDGX:DF_SDG(1.0)", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 762", StringComparison.Ordinal));
        var spanish = await ServerProcess.MdgxAsync("providers", "list", "--lang", "es", "--server", server.GrpcAddress.ToString());
        spanish.Out.Should().Contain("Agencia de Estadística de Tayikistán");

        var show = await ServerProcess.MdgxAsync("providers", "show", "--org", "TAJSTAT", "--server", server.GrpcAddress.ToString());
        show.ExitCode.Should().Be(0, show.Err);
        show.Out.Should().Contain($"name (en):    {Name}").And.Contain("scheme:       TAJSTAT:DATA_PROVIDERS(1.0)")
            .And.Contain("agreement:    MDGX:PA_TAJSTAT_DF_SDG(1.0)").And.Contain("  constraint: MDGX:CC_PA_TAJSTAT_DF_SDG(1.0)").And.Contain("  areas:      762");

        var key = await MdgxAsync(admin, "keys", "create", "--org", "TAJSTAT", "--role", "provider");
        key.ExitCode.Should().Be(0, key.Err);
        var tajstat = key.Out.Trim();

        var allowed = await MdgxAsync(tajstat, "push", FileFor("762"));
        allowed.ExitCode.Should().Be(0, allowed.Err);
        var refused = await MdgxAsync(tajstat, "push", FileFor("417"));
        refused.ExitCode.Should().Be(2, refused.Out);
        refused.Err.Should().Contain("PermissionDenied").And.Contain("417");
        var pulled = await ServerProcess.MdgxAsync("pull", "--flow", "MDGX:DF_SDG(1.0)", "--key", "A.N.SH_DYN_MORT.762...........", "--server", server.GrpcAddress.ToString());
        pulled.Out.Should().Contain(",762,");
        (await ServerProcess.MdgxAsync("pull", "--flow", "MDGX:DF_SDG(1.0)", "--key", "A.N.SH_DYN_MORT.417...........", "--server", server.GrpcAddress.ToString())).Out.Should().NotContain(",417,");

        // The onboarding is a transfer like any structure change.
        var transferId = created.Out.Split("(transfer ")[1].TrimEnd().TrimEnd(')');
        var transfer = await MdgxAsync(coordinator, "transfers", "show", transferId);
        transfer.ExitCode.Should().Be(0, transfer.Err);
        transfer.Out.Should().MatchRegex(@"kind:\s+structure-submit").And.MatchRegex(@"outcome:\s+completed").And.MatchRegex(@"receiver:\s+TAJSTAT").And.MatchRegex(@"areas:\s+762");
        (await MdgxAsync(coordinator, "transfers", "list", "--kind", "structure-submit", "--area", "762")).Out.Should().Contain(transferId);
    }

    [Fact]
    public async Task Refusals_are_exit_2_with_the_reason()
    {
        var coordinator = await server.KeyAsync("CEPAL", Roles.Coordinator);
        var provider = await server.KeyAsync("INEGI", Roles.Provider);

        var unknownArea = await MdgxAsync(coordinator, "providers", "add", "--org", "NSO_CLI", "--name", "N", "--area", "9999", "--flow", "MDGX:DF_SDG(1.0)");
        unknownArea.ExitCode.Should().Be(2);
        unknownArea.Err.Should().Contain("InvalidArgument").And.Contain("areas[0]: area 9999 is not a code of IAEG-SDGs:CL_AREA(1.0)");

        var unknownFlow = await MdgxAsync(coordinator, "providers", "add", "--org", "NSO_CLI", "--name", "N", "--area", "762", "--flow", "MDGX:DF_NONE(1.0)");
        unknownFlow.ExitCode.Should().Be(2);
        unknownFlow.Err.Should().Contain("NotFound").And.Contain("MDGX:DF_NONE(1.0)");

        var notCoordinator = await MdgxAsync(provider, "providers", "add", "--org", "NSO_CLI", "--name", "N", "--area", "762", "--flow", "MDGX:DF_SDG(1.0)");
        notCoordinator.ExitCode.Should().Be(2);
        notCoordinator.Err.Should().Contain("PermissionDenied");
        (notCoordinator.Out + notCoordinator.Err).Should().NotContain(provider);

        var missing = await ServerProcess.MdgxAsync("providers", "show", "--org", "NSO_CLI", "--server", server.GrpcAddress.ToString());
        missing.ExitCode.Should().Be(2);
        missing.Err.Should().Contain("NotFound").And.Contain("NSO_CLI");
    }
}
