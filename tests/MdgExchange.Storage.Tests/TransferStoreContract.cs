namespace MdgExchange.Storage.Tests;

/// <summary>What every <see cref="ITransferStore"/> must do, run against each dialect by a subclass.</summary>
public abstract class TransferStoreContract(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private ITransferStore? _store;

    private ITransferStore Store
    {
        get
        {
            Skip.If(database.SkipReason is not null, database.SkipReason);
            return _store ??= database.CreateTransferStore();
        }
    }

    public Task InitializeAsync() => database.CreateAsync();

    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    private static Transfer Minimal(int minute, string kind = "push") => new()
    {
        TransferId = Guid.NewGuid(),
        Kind = kind,
        Channel = "grpc",
        StartedAt = Start.AddMinutes(minute),
        FinishedAt = Start.AddMinutes(minute).AddSeconds(2),
        Outcome = "completed",
    };

    [SkippableFact]
    public async Task Append_then_get_round_trips_every_field()
    {
        var transfer = new Transfer
        {
            TransferId = Guid.NewGuid(),
            IdempotencyKey = "push-2025-03-01-ke",
            Kind = "push",
            Channel = "sdmx-rest",
            Format = "sdmx-csv-2.0",
            SenderOrganisation = "KNBS",
            ReceiverOrganisation = "UNSD",
            Principal = "alice@knbs.example",
            Dataflow = "UNSD:DF_SDG(1.0)",
            SeriesCodes = "SI_POV_DAY1 SH_STA_MORT",
            RefAreas = "404 800",
            PeriodStart = "2015",
            PeriodEnd = "2023",
            SeriesCount = 12,
            ObservationCount = 4_000_000_000,
            AnnotationCount = 3,
            ArtefactCount = 0,
            Bytes = 1_234_567,
            PayloadSha256 = new string('a', 64),
            StartedAt = new DateTimeOffset(2025, 3, 1, 14, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567),
            FinishedAt = new DateTimeOffset(2025, 3, 1, 12, 0, 5, TimeSpan.Zero),
            Outcome = "rejected",
            ErrorSummary = "2 observations with an unknown REF_AREA: 'Kenya' — «codes only»",
        };

        await Store.AppendAsync(transfer, None);
        var stored = await Store.GetAsync(transfer.TransferId, None);

        stored.Should().Be(transfer);
        stored!.StartedAt.Offset.Should().Be(TimeSpan.Zero, "timestamps are stored in UTC");
        stored.StartedAt.UtcTicks.Should().Be(transfer.StartedAt.UtcTicks);
    }

    [SkippableFact]
    public async Task A_transfer_with_only_the_required_fields_round_trips()
    {
        var transfer = Minimal(0);

        await Store.AppendAsync(transfer, None);

        (await Store.GetAsync(transfer.TransferId, None)).Should().Be(transfer);
        (await Store.GetAsync(Guid.NewGuid(), None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task Transfers_are_append_only()
    {
        var transfer = Minimal(0);
        await Store.AppendAsync(transfer, None);

        var store = Store;

        var act = () => store.AppendAsync(transfer with { Outcome = "failed" }, None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*already recorded*");
        (await Store.GetAsync(transfer.TransferId, None))!.Outcome.Should().Be("completed");
    }

    [SkippableFact]
    public async Task List_is_newest_first_and_filters_by_start_range_kind_and_limit()
    {
        var transfers = new[]
        {
            Minimal(0), Minimal(10, "pull"), Minimal(20), Minimal(30, "structure-submit"), Minimal(40), Minimal(50, "pull"),
        };
        foreach (var transfer in transfers)
        {
            await Store.AppendAsync(transfer, None);
        }

        var all = await Store.ListAsync(null, null, null, 100, None);
        var range = await Store.ListAsync(Start.AddMinutes(10), Start.AddMinutes(40), null, 100, None);
        var pulls = await Store.ListAsync(null, null, "pull", 100, None);
        var newestTwo = await Store.ListAsync(null, null, null, 2, None);
        var pushesFrom20 = await Store.ListAsync(Start.AddMinutes(20).ToOffset(TimeSpan.FromHours(-5)), null, "push", 100, None);

        all.Should().Equal(Enumerable.Reverse(transfers));
        range.Should().Equal(transfers[3], transfers[2], transfers[1]);
        pulls.Should().Equal(transfers[5], transfers[1]);
        newestTwo.Should().Equal(transfers[5], transfers[4]);
        pushesFrom20.Should().Equal(transfers[4], transfers[2]);
        (await Store.ListAsync(Start.AddDays(1), null, null, 100, None)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task List_rejects_a_limit_that_is_not_positive()
    {
        var store = Store;

        var act = () => store.ListAsync(null, null, null, 0, None);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}

public sealed class SqliteTransferStoreTests() : TransferStoreContract(new SqliteTestDatabase());

public sealed class SqlServerTransferStoreTests() : TransferStoreContract(new SqlServerTestDatabase());
