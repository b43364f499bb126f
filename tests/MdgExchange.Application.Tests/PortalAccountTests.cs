using MdgExchange.Application.Accounts;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Security;
using MdgExchange.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static MdgExchange.Application.Tests.UseCaseHost;

namespace MdgExchange.Application.Tests;

/// <summary>Invitations, sign-up and sign-in with lockout, on the real Identity password hasher.</summary>
public sealed class PortalAccountTests : IAsyncLifetime
{
    private UseCaseHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync(services: s => s.AddSingleton<IPasswordHashing, IdentityHashing>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private PortalAccounts Accounts => _host.Get<PortalAccounts>();

    [Fact]
    public async Task An_invitation_gives_a_one_time_link_to_an_account_for_that_organisation_and_role()
    {
        var issued = await Accounts.InviteAsync("INEGI", Roles.Provider, " Ana.Perez@INEGI.org.mx ", As("CEPAL", Roles.Coordinator), CancellationToken.None);
        issued.Invitation.Email.Should().Be("ana.perez@inegi.org.mx");
        issued.Invitation.TokenSha256.Should().NotContain(issued.Token);

        var account = await Accounts.SignUpAsync(issued.Token, "Ana Pérez", "a long enough passphrase", "es", CancellationToken.None);

        (account.Organisation, account.Role, account.Language, account.InvitedBy).Should().Be(("INEGI", "provider", "es", "key:cepal"));
        account.PasswordHash.Should().NotContain("passphrase");
        var again = await FluentActions.Awaiting(() => Accounts.SignUpAsync(issued.Token, "Someone", "another long passphrase", null, CancellationToken.None)).Should().ThrowAsync<ExchangeRejectedException>();
        again.Which.Violations.Single().Field.Should().Be("token");
        (await _host.TransfersAsync()).Select(t => (t.Kind, t.Outcome)).Should().Contain([("user-invite", "completed"), ("user-signup", "completed")]);
    }

    [Fact]
    public async Task An_invalid_invitation_names_each_field_and_only_an_admin_invites_an_admin()
    {
        var invalid = await FluentActions.Awaiting(() => Accounts.InviteAsync("not valid!", "chief", "nobody", As("CEPAL", Roles.Coordinator), CancellationToken.None)).Should().ThrowAsync<ExchangeRejectedException>();
        invalid.Which.Violations.Select(v => v.Field).Should().BeEquivalentTo("organisation", "role", "email");

        await FluentActions.Awaiting(() => Accounts.InviteAsync("CEPAL", Roles.Admin, "boss@cepal.org", As("CEPAL", Roles.Coordinator), CancellationToken.None)).Should().ThrowAsync<ExchangeDeniedException>();
        (await Accounts.InviteAsync("CEPAL", Roles.Admin, "boss@cepal.org", As("MDGX", Roles.Admin), CancellationToken.None)).Invitation.Role.Should().Be("admin");
        (await _host.TransfersAsync("user-invite")).Select(t => t.Outcome).Should().BeEquivalentTo("rejected", "rejected", "completed");
    }

    [Fact]
    public async Task An_invitation_accepted_through_the_issuer_needs_its_email_and_leaves_no_usable_password()
    {
        var issued = await Accounts.InviteAsync("INEI", Roles.Provider, "rosa@inei.gob.pe", As("CEPAL", Roles.Coordinator), CancellationToken.None);

        var other = await FluentActions.Awaiting(() => Accounts.SignUpExternalAsync(issued.Token, "otra@inei.gob.pe", "Otra", "es", CancellationToken.None)).Should().ThrowAsync<ExchangeRejectedException>();
        other.Which.Violations.Single().Field.Should().Be("email");
        (await Accounts.OpenInvitationAsync(issued.Token, CancellationToken.None)).Should().NotBeNull("a refused sign-up leaves the invitation usable");
        (await Accounts.SignInExternalAsync("rosa@inei.gob.pe", CancellationToken.None)).Succeeded.Should().BeFalse("no account yet");

        var account = await Accounts.SignUpExternalAsync(issued.Token, "ROSA@inei.gob.pe", "Rosa Quispe", "es", CancellationToken.None);
        (account.Organisation, account.Role, account.Email).Should().Be(("INEI", "provider", "rosa@inei.gob.pe"));
        (await Accounts.SignInExternalAsync("rosa@inei.gob.pe", CancellationToken.None)).Account!.AccountId.Should().Be(account.AccountId);
        (await Accounts.SignInAsync("rosa@inei.gob.pe", "", CancellationToken.None)).Succeeded.Should().BeFalse();
        (await _host.TransfersAsync("user-signup")).Should().ContainSingle(t => t.Principal == "user:rosa@inei.gob.pe");
    }

    [Fact]
    public async Task An_expired_invitation_and_a_short_password_are_refused()
    {
        var issued = await Accounts.InviteAsync("IBGE", Roles.Provider, "joao@ibge.gov.br", As("CEPAL", Roles.Coordinator), CancellationToken.None);

        var weak = await FluentActions.Awaiting(() => Accounts.SignUpAsync(issued.Token, "João", "short", null, CancellationToken.None)).Should().ThrowAsync<ExchangeRejectedException>();
        weak.Which.Violations.Single().Field.Should().Be("password");

        _host.Clock.Advance(PortalAccounts.InvitationLifetime + TimeSpan.FromMinutes(1));
        (await Accounts.OpenInvitationAsync(issued.Token, CancellationToken.None)).Should().BeNull();
        await FluentActions.Awaiting(() => Accounts.SignUpAsync(issued.Token, "João", "a long enough passphrase", null, CancellationToken.None)).Should().ThrowAsync<ExchangeRejectedException>();
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_until_the_lockout_has_passed()
    {
        var issued = await Accounts.InviteAsync("DANE", Roles.Provider, "luisa@dane.gov.co", As("CEPAL", Roles.Coordinator), CancellationToken.None);
        await Accounts.SignUpAsync(issued.Token, "Luisa", "correct horse battery staple", null, CancellationToken.None);

        (await Accounts.SignInAsync("luisa@dane.gov.co", "correct horse battery staple", CancellationToken.None)).Succeeded.Should().BeTrue();
        for (var i = 0; i < PortalAccounts.MaxFailures - 1; i++)
        {
            (await Accounts.SignInAsync("luisa@dane.gov.co", "wrong", CancellationToken.None)).LockedUntil.Should().BeNull();
        }

        var locked = await Accounts.SignInAsync("luisa@dane.gov.co", "wrong", CancellationToken.None);
        locked.LockedUntil.Should().Be(_host.Clock.GetUtcNow() + PortalAccounts.Lockout);
        (await Accounts.SignInAsync("luisa@dane.gov.co", "correct horse battery staple", CancellationToken.None)).Succeeded.Should().BeFalse("the account is locked");

        _host.Clock.Advance(PortalAccounts.Lockout + TimeSpan.FromSeconds(1));
        var after = await Accounts.SignInAsync("LUISA@dane.gov.co", "correct horse battery staple", CancellationToken.None);
        after.Succeeded.Should().BeTrue();
        (await _host.Get<IAccountStore>().GetAsync(after.Account!.AccountId, CancellationToken.None))!.FailedSignIns.Should().Be(0);
        (await Accounts.SignInAsync("nobody@dane.gov.co", "correct horse battery staple", CancellationToken.None)).Refusal.Should().Be(locked.Refusal);
    }

    private sealed class IdentityHashing : IPasswordHashing
    {
        private static readonly PasswordHasher<object> Hasher = new();

        public string Hash(string password) => Hasher.HashPassword(new object(), password);

        public bool Verify(string hash, string password, out bool rehash)
        {
            var result = Hasher.VerifyHashedPassword(new object(), hash, password);
            rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
            return result != PasswordVerificationResult.Failed;
        }
    }
}
