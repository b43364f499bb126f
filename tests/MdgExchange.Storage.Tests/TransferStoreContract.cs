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
            SharedWith = "UNICEF WHO",
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

    [SkippableFact]
    public async Task The_fields_of_a_push_round_trip()
    {
        var transfer = Minimal(0) with
        {
            Action = "R",
            EmbargoUntil = Start.AddDays(7).AddTicks(3),
            ObservationsInserted = 5_000_000_000,
            ObservationsRevised = 2,
            ObservationsUnchanged = 3,
            ObservationsDeleted = 4,
            Warnings = "embargo in the past\nsecond warning",
        };

        await Store.AppendAsync(transfer, None);

        (await Store.GetAsync(transfer.TransferId, None)).Should().Be(transfer);
    }

    [SkippableFact]
    public async Task Query_filters_by_organisation_dataflow_outcome_series_code_and_area()
    {
        var kenya = Minimal(0) with { SenderOrganisation = "KNBS", ReceiverOrganisation = "UNSD", Dataflow = "MDGX:DF_SDG(1.0)", SeriesCodes = "SH_DYN_MORT SI_POV_DAY1", RefAreas = "404" };
        var unicef = Minimal(10, "pull") with { SenderOrganisation = "UNSD", ReceiverOrganisation = "UNICEF", Dataflow = "MDGX:DF_SDG(1.0)", SeriesCodes = "SH_DYN_MORTX", RefAreas = "404 484" };
        var failed = Minimal(20) with { SenderOrganisation = "INEGI", Dataflow = "MDGX:DF_OTHER(1.0)", SeriesCodes = "SHXDYN_MORT", RefAreas = "4840", Outcome = "failed" };
        foreach (var transfer in new[] { kenya, unicef, failed })
        {
            await Store.AppendAsync(transfer, None);
        }

        (await Store.QueryAsync(new TransferFilter(), None)).Should().Equal(failed, unicef, kenya);
        (await Store.QueryAsync(new TransferFilter { Organisation = "UNSD" }, None)).Should().Equal(unicef, kenya);
        (await Store.QueryAsync(new TransferFilter { Organisation = "unsd" }, None)).Should().BeEmpty();
        (await Store.QueryAsync(new TransferFilter { Dataflow = "MDGX:DF_SDG(1.0)", Kind = "push" }, None)).Should().Equal(kenya);
        (await Store.QueryAsync(new TransferFilter { Outcome = "failed" }, None)).Should().Equal(failed);
        (await Store.QueryAsync(new TransferFilter { SeriesCode = "SH_DYN_MORT" }, None)).Should().Equal(kenya);
        (await Store.QueryAsync(new TransferFilter { SeriesCode = "SI_POV_DAY1" }, None)).Should().Equal(kenya);
        (await Store.QueryAsync(new TransferFilter { SeriesCode = "SH_DYN" }, None)).Should().BeEmpty();
        (await Store.QueryAsync(new TransferFilter { RefArea = "484" }, None)).Should().Equal(unicef);
        (await Store.QueryAsync(new TransferFilter { RefArea = "404", From = Start.AddMinutes(5) }, None)).Should().Equal(unicef);
        (await Store.QueryAsync(new TransferFilter { To = Start.AddMinutes(10), Limit = 1 }, None)).Should().Equal(kenya);
    }

    [SkippableFact]
    public async Task FindByIdempotencyKey_returns_the_completed_transfer_of_that_sender()
    {
        var rejected = Minimal(0) with { SenderOrganisation = "KNBS", IdempotencyKey = "k1", Outcome = "rejected" };
        var completed = Minimal(1) with { SenderOrganisation = "KNBS", IdempotencyKey = "k1" };
        var anonymous = Minimal(2) with { IdempotencyKey = "k2" };
        foreach (var transfer in new[] { rejected, completed, anonymous })
        {
            await Store.AppendAsync(transfer, None);
        }

        (await Store.FindByIdempotencyKeyAsync("KNBS", "k1", None)).Should().Be(completed);
        (await Store.FindByIdempotencyKeyAsync("INEGI", "k1", None)).Should().BeNull();
        (await Store.FindByIdempotencyKeyAsync(null, "k1", None)).Should().BeNull();
        (await Store.FindByIdempotencyKeyAsync(null, "k2", None)).Should().Be(anonymous);
        (await Store.FindByIdempotencyKeyAsync("KNBS", "k2", None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task Start_notes_left_behind_are_recovered_as_failed_transfers_once()
    {
        var ended = new TransferStart(Guid.NewGuid(), "push", "grpc", null, "KNBS", null, null, null, Start);
        var recorded = new TransferStart(Guid.NewGuid(), "structure-submit", "grpc", null, null, null, null, null, Start.AddMinutes(1));
        var interrupted = new TransferStart(Guid.NewGuid(), "push", "sdmx-rest", "sdmx-csv-2.0", "KNBS", "alice", "MDGX:DF_SDG(1.0)", "k9", Start.AddMinutes(2).AddTicks(7));
        foreach (var start in new[] { ended, recorded, interrupted })
        {
            await Store.BeginAsync(start, None);
        }

        await Store.EndAsync(ended.TransferId, None);
        await Store.AppendAsync(Minimal(1, "structure-submit") with { TransferId = recorded.TransferId }, None);
        var now = Start.AddHours(1);
        var store = Store;
        var again = () => store.BeginAsync(interrupted, None);
        await again.Should().ThrowAsync<InvalidOperationException>();

        var recovered = await Store.RecoverInterruptedAsync(now, None);

        var expected = new Transfer
        {
            TransferId = interrupted.TransferId,
            IdempotencyKey = "k9",
            Kind = "push",
            Channel = "sdmx-rest",
            Format = "sdmx-csv-2.0",
            SenderOrganisation = "KNBS",
            Principal = "alice",
            Dataflow = "MDGX:DF_SDG(1.0)",
            StartedAt = interrupted.StartedAt,
            FinishedAt = now,
            Outcome = "failed",
            ErrorSummary = "the server stopped before the transfer finished",
        };
        recovered.Should().Equal(expected);
        (await Store.GetAsync(interrupted.TransferId, None)).Should().Be(expected);
        (await Store.GetAsync(ended.TransferId, None)).Should().BeNull();
        (await Store.RecoverInterruptedAsync(now, None)).Should().BeEmpty();
        (await Store.FindByIdempotencyKeyAsync("KNBS", "k9", None)).Should().BeNull("a failed transfer is not a completed one");
    }

    [SkippableFact]
    public async Task Flow_parts_are_indexed_by_flow_key_with_roles_errors_and_ordered_events()
    {
        var pushPart = new TransferFlowPart("SH_DYN_MORT", "32", "INDEC", "*", "provider", null, 1, 12);
        var push1 = Minimal(10) with { FlowParts = [pushPart, pushPart with { Code = "SH_DYN_IMRT", Observations = 10 }] };
        var push2 = Minimal(40) with { Outcome = "rejected", ErrorSummary = "series[0].key.REF_AREA: not 32", FlowParts = [pushPart with { Series = 0, Observations = 0 }] };
        var push3 = Minimal(20) with { ObservationsRevised = 3, FlowParts = [pushPart] };
        var pull = Minimal(30, "pull") with { FlowParts = [new TransferFlowPart("SH_DYN_MORT", "32", "INDEC", "UNICEF", null, "agency", 1, 12)] };
        foreach (var transfer in new[] { push1, push2, push3, pull })
        {
            await Store.AppendAsync(transfer, None);
        }

        var flows = await Store.ListFlowsAsync(None);

        flows.Select(f => (f.Kind, f.Code, f.Sender, f.Receiver)).Should().BeEquivalentTo(
            [("push", "SH_DYN_MORT", "INDEC", "*"), ("push", "SH_DYN_IMRT", "INDEC", "*"), ("pull", "SH_DYN_MORT", "INDEC", "UNICEF")]);
        var mortality = flows.Single(f => f.Kind == "push" && f.Code == "SH_DYN_MORT");
        (mortality.SenderRole, mortality.LastError, mortality.LastErrorAt).Should().Be(("provider", "series[0].key.REF_AREA: not 32", push2.FinishedAt));
        flows.Single(f => f.Kind == "pull").ReceiverRole.Should().Be("agency");

        var events = new List<FlowEvent>();
        await foreach (var e in Store.FlowEventsAsync(null, null, null, None))
        {
            events.Add(e);
        }

        events.Where(e => e.FlowPk == mortality.FlowPk).Select(e => (e.AtMs, e.Rejected, e.Revised, e.Observations)).Should().Equal(
            (push1.FinishedAt.ToUnixTimeMilliseconds(), false, false, 12L),
            (push3.FinishedAt.ToUnixTimeMilliseconds(), false, true, 12L),
            (push2.FinishedAt.ToUnixTimeMilliseconds(), true, false, 0L));
        events.Select(e => e.FlowPk).Should().BeInAscendingOrder();
        var window = new List<FlowEvent>();
        await foreach (var e in Store.FlowEventsAsync(push3.FinishedAt, push2.FinishedAt, null, None))
        {
            window.Add(e);
        }

        var pullOnly = new List<FlowEvent>();
        var pullFlow = flows.Single(f => f.Kind == "pull").FlowPk;
        await foreach (var e in Store.FlowEventsAsync(null, null, [pullFlow], None))
        {
            pullOnly.Add(e);
        }

        pullOnly.Should().ContainSingle().Which.FlowPk.Should().Be(pullFlow);

        window.Select(e => e.AtMs).Should().BeEquivalentTo([push3.FinishedAt.ToUnixTimeMilliseconds(), pull.FinishedAt.ToUnixTimeMilliseconds()]);
    }
}

public sealed class SqliteTransferStoreTests() : TransferStoreContract(new SqliteTestDatabase());

public sealed class SqlServerTransferStoreTests() : TransferStoreContract(new SqlServerTestDatabase());
