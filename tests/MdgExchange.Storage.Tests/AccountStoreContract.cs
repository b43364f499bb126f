namespace MdgExchange.Storage.Tests;

/// <summary>What the <see cref="AccountStore"/> must do on each dialect (its SQL is written once for all).</summary>
public abstract class AccountStoreContract(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private IAccountStore? _store;

    private IAccountStore Store
    {
        get
        {
            Skip.If(database.SkipReason is not null, database.SkipReason);
            return _store ??= new AccountStore(database.Connections);
        }
    }

    public Task InitializeAsync() => database.CreateAsync();

    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    private static PortalInvitation Invitation(string token, string email = "ana@inegi.org.mx") =>
        new(new string(token[0], 64), email, "INEGI", "provider", Start, "key:cepal", Start.AddDays(7));

    private static PortalAccount Account(string id, string email = "ana@inegi.org.mx") =>
        new(new string(id[0], 32), email, "Ana Pérez", "INEGI", "provider", "AQAAAAIAAYagAAAAE-hash", "es", Start.AddHours(1), "key:cepal");

    [SkippableFact]
    public async Task An_invitation_round_trips_and_accepting_it_creates_the_account_once()
    {
        var invitation = Invitation("a");
        await Store.AddInvitationAsync(invitation, None);
        (await Store.FindInvitationAsync(invitation.TokenSha256, None)).Should().Be(invitation);

        (await Store.AcceptInvitationAsync(invitation.TokenSha256, Account("1"), Start.AddHours(1), None)).Should().BeTrue();
        (await Store.AcceptInvitationAsync(invitation.TokenSha256, Account("2", "other@inegi.org.mx"), Start.AddHours(2), None)).Should().BeFalse();

        (await Store.FindInvitationAsync(invitation.TokenSha256, None))!.UsedAt.Should().Be(Start.AddHours(1));
        (await Store.FindByEmailAsync("ana@inegi.org.mx", None)).Should().Be(Account("1"));
        (await Store.GetAsync(new string('2', 32), None)).Should().BeNull();
        (await Store.ListAsync("INEGI", None)).Should().ContainSingle();
    }

    [SkippableFact]
    public async Task A_second_account_with_the_same_email_is_refused_and_leaves_the_invitation_unused()
    {
        await Store.AddInvitationAsync(Invitation("a"), None);
        await Store.AddInvitationAsync(Invitation("b"), None);
        await Store.AcceptInvitationAsync(Invitation("a").TokenSha256, Account("1"), Start, None);

        await FluentActions.Awaiting(() => Store.AcceptInvitationAsync(Invitation("b").TokenSha256, Account("2"), Start, None)).Should().ThrowAsync<InvalidOperationException>();

        (await Store.FindInvitationAsync(Invitation("b").TokenSha256, None))!.UsedAt.Should().BeNull();
    }

    [SkippableFact]
    public async Task Failures_lock_the_account_at_the_limit_and_a_sign_in_clears_them()
    {
        await Store.AddInvitationAsync(Invitation("a"), None);
        await Store.AcceptInvitationAsync(Invitation("a").TokenSha256, Account("1"), Start, None);
        var id = Account("1").AccountId;

        (await Store.RecordFailedSignInAsync(id, 3, Start.AddMinutes(15), None))!.LockedUntil.Should().BeNull();
        await Store.RecordFailedSignInAsync(id, 3, Start.AddMinutes(15), None);
        var locked = await Store.RecordFailedSignInAsync(id, 3, Start.AddMinutes(15), None);
        (locked!.FailedSignIns, locked.LockedUntil).Should().Be((3, Start.AddMinutes(15)));

        await Store.RecordSignInAsync(id, None);
        var cleared = await Store.GetAsync(id, None);
        (cleared!.FailedSignIns, cleared.LockedUntil).Should().Be((0, null));

        await Store.SetLanguageAsync(id, "en", None);
        (await Store.GetAsync(id, None))!.Language.Should().Be("en");
    }
}

public sealed class SqliteAccountStoreTests() : AccountStoreContract(new SqliteTestDatabase());

public sealed class SqlServerAccountStoreTests() : AccountStoreContract(new SqlServerTestDatabase());
