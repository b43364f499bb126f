using MdgExchange.Application.Configuration;
using MdgExchange.Server.Hosting;

namespace MdgExchange.Server.Tests;

/// <summary>Plaintext only on loopback: beyond it, a certificate or an explicit opt-out.</summary>
public sealed class TransportSecurityTests
{
    [Theory]
    [InlineData("Grpc", "*")]
    [InlineData("Grpc", "0.0.0.0")]
    [InlineData("Http", "10.1.2.3")]
    public void A_plaintext_endpoint_beyond_loopback_refuses_to_start_and_says_what_to_set(string endpoint, string host)
    {
        var build = () => ServerHost.Build([$"--MdgExchange:{endpoint}:Host={host}", "--MdgExchange:Storage:SqlitePath=" + Path.Combine(Path.GetTempPath(), $"mdgx-tls-{Guid.NewGuid():N}.db")]);

        build.Should().Throw<InvalidOperationException>().WithMessage($"*MdgExchange:{endpoint}:Host is {host}*CertificatePath*AllowPlaintext*");
    }

    [Theory]
    [InlineData("localhost", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("*", true)]
    public void Loopback_or_an_explicit_opt_out_is_accepted(string host, bool allowPlaintext)
    {
        var act = () => ServerHost.CheckTransportSecurity("Grpc", new EndpointOptions { Host = host, AllowPlaintext = allowPlaintext });

        act.Should().NotThrow();
    }
}
