using MdgExchange.Application.Security;
using MdgExchange.Server.Tests.Infrastructure;
using MdgExchange.Storage;

namespace MdgExchange.Server.Tests.Portal;

/// <summary><c>mdgx users invite</c> against the server: the one-time link on stdout, refusals with their exit codes.</summary>
public sealed class UserCliTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private Task<(int ExitCode, string Out, string Err)> MdgxAsync(string apiKey, params string[] args) =>
        ServerProcess.MdgxAsync([.. args, "--server", server.GrpcAddress.ToString(), "--api-key", apiKey]);

    [Fact]
    public async Task A_coordinator_invites_a_person_and_gets_a_one_time_link_that_opens_the_sign_up_page()
    {
        var coordinator = await server.KeyAsync("CEPAL", Roles.Coordinator);

        var (exit, output, error) = await MdgxAsync(coordinator, "users", "invite", "--org", "INE", "--role", "provider", "--email", "Rosa@ine.cl");

        exit.Should().Be(0, error);
        var link = output.Trim();
        link.Should().MatchRegex(@"^http://[^/]+:\d+/signup\?token=[A-Za-z0-9_-]{43}$");
        new Uri(link).Port.Should().Be(server.HttpAddress.Port, "the link names the portal on the HTTP endpoint");
        error.Should().Contain("rosa@ine.cl").And.Contain("shown only now").And.NotContain(link);
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        var page = await http.GetStringAsync(new Uri(new Uri(link).PathAndQuery, UriKind.Relative));
        page.Should().Contain("INE").And.Contain("rosa@ine.cl");
        (await server.GetService<ITransferStore>().QueryAsync(new TransferFilter { Kind = "user-invite", Organisation = "CEPAL" }, CancellationToken.None))
            .Should().Contain(t => t.ReceiverOrganisation == "INE" && t.Outcome == "completed" && t.Channel == "grpc");
    }

    [Fact]
    public async Task A_provider_may_not_invite_and_a_bad_email_is_named()
    {
        var provider = await server.KeyAsync("INEGI", Roles.Provider);
        var coordinator = await server.KeyAsync("CEPAL", Roles.Coordinator);

        var refused = await MdgxAsync(provider, "users", "invite", "--org", "INEGI", "--role", "provider", "--email", "x@inegi.org.mx");
        refused.ExitCode.Should().NotBe(0);
        refused.Err.Should().Contain("PermissionDenied");

        var invalid = await MdgxAsync(coordinator, "users", "invite", "--org", "INE", "--role", "provider", "--email", "not-an-email");
        invalid.ExitCode.Should().NotBe(0);
        invalid.Err.Should().Contain("email");
        invalid.Out.Should().BeEmpty();
    }
}
