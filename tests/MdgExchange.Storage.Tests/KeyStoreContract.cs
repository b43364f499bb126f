namespace MdgExchange.Storage.Tests;

/// <summary>What every <see cref="IKeyStore"/> must do, run against each dialect by a subclass.</summary>
public abstract class KeyStoreContract(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private IKeyStore? _store;

    private IKeyStore Store
    {
        get
        {
            Skip.If(database.SkipReason is not null, database.SkipReason);
            return _store ??= database.CreateKeyStore();
        }
    }

    public Task InitializeAsync() => database.CreateAsync();

    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    private static ApiKeyRecord Key(string id, string organisation = "INEGI", string role = "provider", DateTimeOffset? expires = null, int minute = 0) =>
        new(id, new string('a', 64), organisation, role, $"{organisation} upload key", Start.AddMinutes(minute), "admin-key", expires, null);

    [SkippableFact]
    public async Task Add_then_find_round_trips_every_field()
    {
        var key = Key("k1k1k1k1k1k1k1k1", expires: Start.AddDays(90)) with { SecretSha256 = Convert.ToHexStringLower(new byte[32].Select((_, i) => (byte)i).ToArray()) };

        await Store.AddAsync(key, None);

        (await Store.FindAsync("k1k1k1k1k1k1k1k1", None)).Should().Be(key);
        (await Store.FindAsync("nonenonenonenone", None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task A_second_key_with_the_same_id_is_refused()
    {
        await Store.AddAsync(Key("dupdupdupdupdup1"), None);

        await FluentActions.Awaiting(() => Store.AddAsync(Key("dupdupdupdupdup1", "DANE"), None)).Should().ThrowAsync<InvalidOperationException>().WithMessage("*dupdupdupdupdup1*");
        (await Store.FindAsync("dupdupdupdupdup1", None))!.Organisation.Should().Be("INEGI");
    }

    [SkippableFact]
    public async Task Revoking_marks_the_key_once_and_keeps_it_listed()
    {
        await Store.AddAsync(Key("revrevrevrevrev1"), None);

        (await Store.RevokeAsync("revrevrevrevrev1", Start.AddHours(1), None)).Should().BeTrue();
        (await Store.RevokeAsync("revrevrevrevrev1", Start.AddHours(2), None)).Should().BeFalse();
        (await Store.RevokeAsync("missingmissing00", Start, None)).Should().BeFalse();

        var revoked = (await Store.FindAsync("revrevrevrevrev1", None))!;
        revoked.RevokedAt.Should().Be(Start.AddHours(1));
        revoked.IsActiveAt(Start.AddHours(3)).Should().BeFalse();
        (await Store.ListAsync(null, None)).Should().ContainSingle(k => k.KeyId == "revrevrevrevrev1");
    }

    [SkippableFact]
    public async Task Lists_by_organisation_oldest_first_and_knows_whether_a_role_has_any_key()
    {
        (await Store.AnyAsync("admin", None)).Should().BeFalse();
        await Store.AddAsync(Key("bbbbbbbbbbbbbbbb", "DANE", minute: 2), None);
        await Store.AddAsync(Key("aaaaaaaaaaaaaaaa", "DANE", minute: 1), None);
        await Store.AddAsync(Key("cccccccccccccccc", "MDGX", "admin", minute: 3), None);

        (await Store.ListAsync("DANE", None)).Select(k => k.KeyId).Should().Equal("aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb");
        (await Store.ListAsync(null, None)).Should().HaveCount(3);
        (await Store.AnyAsync("admin", None)).Should().BeTrue();
        (await Store.AnyAsync("coordinator", None)).Should().BeFalse();
    }

    [SkippableFact]
    public void A_key_expires_at_its_expiry_instant()
    {
        var key = Key("expexpexpexpexp1", expires: Start.AddDays(1));

        key.IsActiveAt(Start.AddDays(1).AddTicks(-1)).Should().BeTrue();
        key.IsActiveAt(Start.AddDays(1)).Should().BeFalse();
    }
}

public sealed class SqliteKeyStoreTests() : KeyStoreContract(new SqliteTestDatabase());

public sealed class SqlServerKeyStoreTests() : KeyStoreContract(new SqlServerTestDatabase());
