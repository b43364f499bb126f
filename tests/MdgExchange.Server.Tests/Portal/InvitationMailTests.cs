using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MdgExchange.Application.Security;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MdgExchange.Server.Tests.Portal;

/// <summary>A real SMTP server on loopback (the SmtpServer library) that keeps what it receives and asks for a user name and password.</summary>
public sealed class TestMailServer : IAsyncDisposable
{
    public const string UserName = "mdgx-mailer";

    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    public TestMailServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).AuthenticationRequired(true).AllowUnsecureAuthentication(true))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Received));
        services.Add(new Authenticator(Password));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Generated per run, given to the server through its configuration; never in the repository.</summary>
    public string Password { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Authenticator(string password) : UserAuthenticator
    {
        public override Task<bool> AuthenticateAsync(ISessionContext context, string user, string given, CancellationToken cancellationToken) =>
            Task.FromResult(user == UserName && given == password);
    }
}

/// <summary>A server that also mails invitations through <see cref="TestMailServer"/>.</summary>
public sealed class MailFixture : ServerFixture
{
    public TestMailServer Mail { get; } = new();

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--MdgExchange:Mail:Host=127.0.0.1", $"--MdgExchange:Mail:Port={Mail.Port}", "--MdgExchange:Mail:Security=none",
        "--MdgExchange:Mail:From=MdgExchange <no-reply@mdgx.test>", $"--MdgExchange:Mail:UserName={TestMailServer.UserName}",
        $"--MdgExchange:Mail:Password={Mail.Password}", "--MdgExchange:Mail:TimeoutSeconds=10",
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

/// <summary>With a mail server configured an invitation is also mailed (English and Spanish, the link that works); a mail server that is down fails the mail, never the invitation.</summary>
public sealed class InvitationMailTests(MailFixture server) : IClassFixture<MailFixture>
{
    [Fact]
    public async Task The_invitation_is_mailed_with_its_working_link_and_a_mail_server_down_leaves_the_invitation_standing()
    {
        var users = new UserService.UserServiceClient(server.Coordinator);
        var invited = await users.InviteUserAsync(new InviteUserRequest { Organisation = "DANE", Role = Roles.Provider, Email = "lucia@dane.gov.co" });

        invited.MailDelivery.Should().Be("sent");
        var mail = server.Mail.Received.Should().ContainSingle().Subject;
        mail.To.Mailboxes.Select(m => m.Address).Should().Equal("lucia@dane.gov.co");
        mail.From.Mailboxes.Single().Address.Should().Be("no-reply@mdgx.test");
        mail.Subject.Should().Contain("DANE");
        mail.TextBody.Should().Contain(invited.SignUpUrl).And.Contain("Create your account").And.Contain("Cree su cuenta").And.NotContain(server.Mail.Password);
        using var http = new HttpClient();
        var signUp = await http.GetStringAsync(new Uri(server.HttpAddress, new Uri(invited.SignUpUrl).PathAndQuery));
        signUp.Should().Contain("lucia@dane.gov.co", "the mailed link opens the invitation");

        await server.Mail.StopAsync();
        var second = await users.InviteUserAsync(new InviteUserRequest { Organisation = "DANE", Role = Roles.Provider, Email = "jorge@dane.gov.co" });

        second.MailDelivery.Should().StartWith("failed: could not connect to the mail server 127.0.0.1:").And.NotContain(server.Mail.Password);
        second.SignUpUrl.Should().Contain("/signup?token=", "the invitation stands: its link is shown to be passed on by hand");
        var page = await http.GetStringAsync(new Uri(server.HttpAddress, new Uri(second.SignUpUrl).PathAndQuery));
        page.Should().Contain("jorge@dane.gov.co");
    }
}
