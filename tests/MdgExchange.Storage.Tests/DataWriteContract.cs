using MdgExchange.Domain.Data;
using static MdgExchange.Storage.Tests.DataTestKit;

namespace MdgExchange.Storage.Tests;

/// <summary>What every <see cref="IDataWriteSession"/> must do, run against each dialect by a subclass.</summary>
public abstract class DataWriteContract(TestDatabase database) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private IDataStore? _store;

    private IDataStore Store
    {
        get
        {
            Skip.If(database.SkipReason is not null, database.SkipReason);
            return _store ??= database.CreateDataStore();
        }
    }

    private ITransferStore Transfers => Store is not null ? database.CreateTransferStore() : throw new InvalidOperationException();

    public Task InitializeAsync() => database.CreateAsync();

    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    [SkippableFact]
    public async Task A_merge_counts_inserted_revised_and_unchanged_observations()
    {
        var (_, first) = await WriteAsync(Store, T1, DataAction.Merge, Obs("2015", 43), Obs("2016", 41, ("OBS_STATUS", "A")), Obs("2017", 39));

        var (_, second) = await WriteAsync(
            Store, T2, DataAction.Merge, Obs("2015", 43), Obs("2016", 41, ("OBS_STATUS", "E")), Obs("2017", 38.5), Obs("2018", 37));

        first.Should().Be(new SeriesWriteCounts(3, 0, 0, 0));
        second.Should().Be(new SeriesWriteCounts(1, 2, 1, 0));
        (await ValuesAsync(Store)).Should().Equal(new Dictionary<string, double?> { ["2015"] = 43, ["2016"] = 41, ["2017"] = 38.5, ["2018"] = 37 });
        (await CountRowsAsync(database, "observation")).Should().Be(6, "unchanged values are not written again");
    }

    [SkippableFact]
    public async Task Information_and_append_behave_like_merge()
    {
        await WriteAsync(Store, T1, DataAction.Information, Obs("2015", 1), Obs("2016", 2));

        var (_, counts) = await WriteAsync(Store, T2, DataAction.Append, Obs("2016", 2.5), Obs("2017", 3));

        counts.Should().Be(new SeriesWriteCounts(1, 1, 0, 0));
        (await ValuesAsync(Store)).Should().Equal(new Dictionary<string, double?> { ["2015"] = 1, ["2016"] = 2.5, ["2017"] = 3 });
    }

    [SkippableFact]
    public async Task Replace_deletes_the_observations_it_does_not_send()
    {
        await WriteAsync(Store, T1, DataAction.Merge, Obs("2015", 1), Obs("2016", 2), Obs("2017", 3));

        var (_, counts) = await WriteAsync(Store, T2, DataAction.Replace, Obs("2016", 2), Obs("2018", 4));

        counts.Should().Be(new SeriesWriteCounts(1, 0, 1, 2));
        (await ValuesAsync(Store)).Should().Equal(new Dictionary<string, double?> { ["2016"] = 2, ["2018"] = 4 });
        (await ValuesAsync(Store, asOf: T1)).Should().Equal(new Dictionary<string, double?> { ["2015"] = 1, ["2016"] = 2, ["2017"] = 3 });
    }

    [SkippableFact]
    public async Task Delete_closes_the_observations_listed_and_ignores_missing_ones()
    {
        await WriteAsync(Store, T1, DataAction.Merge, Obs("2015", 1), Obs("2016", 2), Obs("2017", 3));

        var (_, counts) = await WriteAsync(Store, T2, DataAction.Delete, Obs("2016", null), Obs("2030", null));

        counts.Should().Be(new SeriesWriteCounts(0, 0, 0, 1));
        (await ValuesAsync(Store)).Should().Equal(new Dictionary<string, double?> { ["2015"] = 1, ["2017"] = 3 });
        (await ValuesAsync(Store, asOf: T2.AddTicks(-1))).Should().ContainKey("2016");
    }

    [SkippableFact]
    public async Task Delete_without_observations_deletes_the_whole_series()
    {
        var other = Key(area: "800");
        await WriteAsync(Store, T1, DataAction.Merge,
            (Key().Key, Key().Values, Attributes(), [Obs("2015", 1), Obs("2016", 2)]),
            (other.Key, other.Values, Attributes(), [Obs("2015", 5)]));

        var (_, counts) = await WriteAsync(Store, T2, DataAction.Delete, (Key().Key, Key().Values, Attributes(), []));

        counts.Should().Be(new SeriesWriteCounts(0, 0, 0, 2));
        (await ReadAsync(Store)).Select(s => s.SeriesKey).Should().Equal(other.Key);
        (await ReadAsync(Store, asOf: T1)).Should().HaveCount(2);
    }

    [SkippableFact]
    public async Task NaN_and_a_missing_value_round_trip_apart_and_compare_equal_to_themselves()
    {
        await WriteAsync(Store, T1, DataAction.Merge, Obs("2015", double.NaN), Obs("2016", null), Obs("2017", 0.1 + 0.2), Obs("2018", -1e300));

        var stored = (await ReadAsync(Store)).Single().Observations;
        var (_, again) = await WriteAsync(Store, T2, DataAction.Merge, Obs("2015", double.NaN), Obs("2016", null), Obs("2017", 0.1 + 0.2), Obs("2018", -1e300));
        var (_, swapped) = await WriteAsync(Store, T3, DataAction.Merge, Obs("2015", null), Obs("2016", double.NaN));

        stored.Select(o => o.Value).Should().Equal(double.NaN, null, 0.1 + 0.2, -1e300);
        double.IsNaN(stored[0].Value!.Value).Should().BeTrue();
        stored[1].Value.Should().BeNull();
        again.Should().Be(new SeriesWriteCounts(0, 0, 4, 0));
        swapped.Should().Be(new SeriesWriteCounts(0, 2, 0, 0), "NaN and a missing value are different values");
    }

    [SkippableFact]
    public async Task Observation_and_series_attributes_round_trip()
    {
        var (key, values) = Key();
        var seriesAttributes = Attributes(("UNIT_MEASURE", "PER_1000_LIVE_BIRTHS"), ("COMMENT_TS", "Estimación «nacional» — \"ajustada\"\n2ª línea"));
        await WriteAsync(Store, T1, DataAction.Merge, (key, values, seriesAttributes,
            [Obs("2015", 43, ("OBS_STATUS", "A"), ("NATURE", "C"), ("COMMENT_OBS", "日本語 ok")), Obs("2016", 41)]));

        var series = (await ReadAsync(Store)).Single();

        series.SeriesKey.Should().Be(key);
        series.KeyValues.Should().Equal(values);
        series.KeyValues.Keys.Should().Equal(values.Keys, "key values keep the dimension order");
        series.Attributes.Should().BeEquivalentTo(seriesAttributes);
        series.Observations[0].Attributes.Should().BeEquivalentTo(Attributes(("OBS_STATUS", "A"), ("NATURE", "C"), ("COMMENT_OBS", "日本語 ok")));
        series.Observations[1].Attributes.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Attribute_order_does_not_make_an_observation_differ()
    {
        await WriteAsync(Store, T1, DataAction.Merge, Obs("2015", 1, ("A", "1"), ("B", "2")));

        var (_, counts) = await WriteAsync(Store, T2, DataAction.Merge, Obs("2015", 1, ("B", "2"), ("A", "1")));

        counts.Should().Be(new SeriesWriteCounts(0, 0, 1, 0));
    }

    [SkippableFact]
    public async Task Series_attributes_are_versioned_only_when_they_change()
    {
        var (key, values) = Key();
        var (first, _) = await WriteAsync(Store, T1, DataAction.Merge, (key, values, Attributes(("UNIT_MULT", "0")), [Obs("2015", 1)]));
        await WriteAsync(Store, T2, DataAction.Merge, (key, values, Attributes(("UNIT_MULT", "0")), [Obs("2016", 2)]));
        var (third, _) = await WriteAsync(Store, T3, DataAction.Merge, (key, values, Attributes(("UNIT_MULT", "3")), [Obs("2017", 3)]));

        var now = (await ReadAsync(Store)).Single();
        var before = (await ReadAsync(Store, asOf: T3.AddTicks(-1))).Single();

        now.Attributes.Should().Equal(Attributes(("UNIT_MULT", "3")));
        now.AttributesTransferId.Should().Be(third);
        before.Attributes.Should().Equal(Attributes(("UNIT_MULT", "0")));
        before.AttributesTransferId.Should().Be(first);
        (await CountRowsAsync(database, "series_attributes")).Should().Be(2);
    }

    [SkippableFact]
    public async Task Every_observation_knows_the_transfer_that_brought_it()
    {
        var (first, _) = await WriteAsync(Store, T1, DataAction.Merge, Obs("2015", 1), Obs("2016", 2));
        var (second, _) = await WriteAsync(Store, T2, DataAction.Merge, Obs("2016", 2.5));

        var observations = (await ReadAsync(Store)).Single().Observations;

        observations.Select(o => (o.TimePeriod, o.TransferId, o.ValidFrom)).Should().Equal(("2015", first, T1), ("2016", second, T2));
        observations.Should().AllSatisfy(o => o.ValidTo.Should().BeNull());
    }

    [SkippableFact]
    public async Task The_same_period_twice_in_one_list_is_a_duplicate()
    {
        var (key, values) = Key();
        await using var session = await Store.BeginWriteAsync(Guid.NewGuid(), Dataflow, T1, null, None);

        var act = () => session.WriteSeriesAsync(key, values, Attributes(), [Obs("2015", 1), Obs("2016", 2), Obs("2015", 3)], DataAction.Merge, None);

        var error = (await act.Should().ThrowAsync<DuplicateObservationException>()).Which;
        error.SeriesKey.Should().Be(key);
        error.TimePeriod.Should().Be("2015");
        error.ObservationIndex.Should().Be(2);
    }

    [SkippableFact]
    public async Task The_same_period_in_two_writes_of_one_session_is_a_duplicate_and_nothing_is_kept()
    {
        var (key, values) = Key();
        var transferId = Guid.NewGuid();
        await using (var session = await Store.BeginWriteAsync(transferId, Dataflow, T1, null, None))
        {
            await session.WriteSeriesAsync(key, values, Attributes(), [Obs("2015", 1), Obs("2016", 2)], DataAction.Merge, None);

            var act = () => session.WriteSeriesAsync(key, values, Attributes(), [Obs("2017", 3), Obs("2016", 2)], DataAction.Merge, None);

            (await act.Should().ThrowAsync<DuplicateObservationException>()).Which.ObservationIndex.Should().Be(1);
            var commit = () => session.CommitAsync(Push(transferId, T1), None);
            await commit.Should().ThrowAsync<InvalidOperationException>("a failed session can only be rolled back");
        }

        (await ReadAsync(Store)).Should().BeEmpty();
        (await CountRowsAsync(database, "observation")).Should().Be(0);
    }

    [SkippableFact]
    public async Task Disposing_without_commit_leaves_no_series_observation_or_transfer()
    {
        var (key, values) = Key();
        var transferId = Guid.NewGuid();
        await using (var session = await Store.BeginWriteAsync(transferId, Dataflow, T1, null, None))
        {
            await session.WriteSeriesAsync(key, values, Attributes(("UNIT_MULT", "0")), [Obs("2015", 1)], DataAction.Merge, None);
        }

        (await ReadAsync(Store)).Should().BeEmpty();
        (await CountRowsAsync(database, "series")).Should().Be(0);
        (await CountRowsAsync(database, "series_attributes")).Should().Be(0);
        (await CountRowsAsync(database, "observation")).Should().Be(0);
        (await database.CreateTransferStore().GetAsync(transferId, None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task Commit_appends_the_transfer_and_drops_its_start_note()
    {
        var transfers = Transfers;
        var transferId = Guid.NewGuid();
        await transfers.BeginAsync(new TransferStart(transferId, "push", "grpc", null, "KNBS", null, Dataflow, "k1", T1), None);
        var (key, values) = Key();
        var transfer = Push(transferId, T1, new SeriesWriteCounts(1, 0, 0, 0)) with { EmbargoUntil = T2, Warnings = "w1\nw2" };

        await using (var session = await Store.BeginWriteAsync(transferId, Dataflow, T1, T2, None))
        {
            await session.WriteSeriesAsync(key, values, Attributes(), [Obs("2015", 1)], DataAction.Merge, None);
            await session.CommitAsync(transfer, None);
        }

        (await transfers.GetAsync(transferId, None)).Should().Be(transfer);
        (await transfers.RecoverInterruptedAsync(T3, None)).Should().BeEmpty();
        (await ReadAsync(Store)).Single().Observations.Single().EmbargoUntil.Should().Be(T2);
    }

    [SkippableFact]
    public async Task Commit_refuses_a_transfer_with_another_id()
    {
        await using var session = await Store.BeginWriteAsync(Guid.NewGuid(), Dataflow, T1, null, None);

        var act = () => session.CommitAsync(Push(Guid.NewGuid(), T1), None);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [SkippableFact]
    public async Task A_series_written_twice_in_one_transfer_keeps_its_last_attributes()
    {
        var (key, values) = Key();
        await WriteAsync(Store, T1, DataAction.Merge,
            (key, values, Attributes(("UNIT_MULT", "0")), [Obs("2015", 1)]),
            (key, values, Attributes(("UNIT_MULT", "3")), [Obs("2016", 2)]));

        var series = (await ReadAsync(Store)).Single();

        series.Attributes.Should().Equal(Attributes(("UNIT_MULT", "3")));
        series.Observations.Select(o => o.TimePeriod).Should().Equal("2015", "2016");
    }

    [SkippableFact]
    public async Task Two_transfers_at_the_same_instant_leave_the_later_one_current()
    {
        var (key, values) = Key();
        await WriteAsync(Store, T1, DataAction.Merge, (key, values, Attributes(("UNIT_MULT", "0")), [Obs("2015", 1)]));

        var (second, counts) = await WriteAsync(Store, T1, DataAction.Merge, (key, values, Attributes(("UNIT_MULT", "3")), [Obs("2015", 2)]));

        counts.Should().Be(new SeriesWriteCounts(0, 1, 0, 0));
        var series = (await ReadAsync(Store)).Single();
        series.Observations.Single().Value.Should().Be(2);
        series.AttributesTransferId.Should().Be(second);
        (await ValuesAsync(Store, asOf: T1)).Should().Equal(new Dictionary<string, double?> { ["2015"] = 2 });
    }
    [SkippableFact]
    public async Task Deleting_from_an_unknown_series_creates_nothing()
    {
        var (_, counts) = await WriteAsync(Store, T1, DataAction.Delete, Obs("2015", null));

        counts.Should().Be(default(SeriesWriteCounts));
        (await CountRowsAsync(database, "series")).Should().Be(0);
    }

    [SkippableFact]
    public async Task Replacing_within_one_transfer_drops_the_versions_it_wrote_itself()
    {
        var (key, values) = Key();
        var (_, counts) = await WriteAsync(Store, T1, DataAction.Replace,
            (key, values, Attributes(), [Obs("2015", 1), Obs("2016", 2)]),
            (key, values, Attributes(), [Obs("2017", 3)]));

        counts.Should().Be(new SeriesWriteCounts(3, 0, 0, 2));
        (await ValuesAsync(Store)).Should().Equal(new Dictionary<string, double?> { ["2017"] = 3 });
        (await CountRowsAsync(database, "observation")).Should().Be(1, "a version that ends when it begins was never valid");
    }
}

public sealed class SqliteDataWriteTests() : DataWriteContract(new SqliteTestDatabase())
{
    private readonly SqliteTestDatabase _database = new();

    [Fact]
    public async Task A_second_writer_of_this_process_waits_for_the_open_session_instead_of_failing()
    {
        await _database.CreateAsync();
        try
        {
            var store = _database.CreateDataStore();
            var transfers = _database.CreateTransferStore();
            var (key, values) = Key();
            var first = Guid.NewGuid();
            var waiting = Push(Guid.NewGuid(), T2);
            Task append;
            Task<IDataWriteSession> second;
            await using (var session = await store.BeginWriteAsync(first, Dataflow, T1, null, CancellationToken.None))
            {
                await session.WriteSeriesAsync(key, values, Attributes(), [Obs("2015", 1)], DataAction.Merge, CancellationToken.None);
                append = transfers.AppendAsync(waiting, CancellationToken.None);
                second = store.BeginWriteAsync(Guid.NewGuid(), Dataflow, T2, null, CancellationToken.None);

                append.IsCompleted.Should().BeFalse("the database is held by the open session");
                second.IsCompleted.Should().BeFalse();
                await session.CommitAsync(Push(first, T1), CancellationToken.None);
            }

            await append;
            await using (await second)
            {
            }

            (await transfers.GetAsync(waiting.TransferId, CancellationToken.None)).Should().Be(waiting);
            (await transfers.GetAsync(first, CancellationToken.None)).Should().NotBeNull();
        }
        finally
        {
            await _database.DisposeAsync();
        }
    }
    [Fact]
    public async Task A_pull_during_an_open_session_reads_the_committed_state()
    {
        await _database.CreateAsync();
        try
        {
            var store = _database.CreateDataStore();
            await WriteAsync(store, T1, DataAction.Merge, Obs("2015", 1));
            var (key, values) = Key();
            await using var session = await store.BeginWriteAsync(Guid.NewGuid(), Dataflow, T2, null, CancellationToken.None);
            await session.WriteSeriesAsync(key, values, Attributes(), [Obs("2015", 2), Obs("2016", 3)], DataAction.Merge, CancellationToken.None);

            (await ValuesAsync(store)).Should().Equal(new Dictionary<string, double?> { ["2015"] = 1 });
        }
        finally
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqlServerDataWriteTests() : DataWriteContract(new SqlServerTestDatabase());
