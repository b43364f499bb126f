using MdgExchange.Domain.Data;
using static MdgExchange.Storage.Tests.DataTestKit;

namespace MdgExchange.Storage.Tests;

/// <summary>What every <see cref="IDataStore"/> must read back, run against each dialect by a subclass.</summary>
public abstract class DataQueryContract(TestDatabase database) : IAsyncLifetime
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
    public async Task AsOf_reads_the_versions_valid_at_that_instant_to_the_tick()
    {
        var (first, _) = await WriteAsync(Store, T1, DataAction.Merge, Obs("2015", 43), Obs("2016", 41));
        var (second, _) = await WriteAsync(Store, T2, DataAction.Merge, Obs("2016", 40.5));

        (await ReadAsync(Store, asOf: T1.AddTicks(-1))).Should().BeEmpty("nothing was valid before the first transfer");
        (await ValuesAsync(Store, asOf: T1)).Should().Equal(new Dictionary<string, double?> { ["2015"] = 43, ["2016"] = 41 });
        (await ValuesAsync(Store, asOf: T2.AddTicks(-1))).Should().Equal(new Dictionary<string, double?> { ["2015"] = 43, ["2016"] = 41 });
        (await ValuesAsync(Store, asOf: T2)).Should().Equal(new Dictionary<string, double?> { ["2015"] = 43, ["2016"] = 40.5 });
        (await ValuesAsync(Store, asOf: T2.ToOffset(TimeSpan.FromHours(-5)))).Should().Equal(new Dictionary<string, double?> { ["2015"] = 43, ["2016"] = 40.5 });

        var old = (await ReadAsync(Store, asOf: T2.AddTicks(-1))).Single().Observations[1];
        old.Should().BeEquivalentTo(new { TimePeriod = "2016", Value = 41, TransferId = first, ValidFrom = T1, ValidTo = (DateTimeOffset?)T2 });
        (await ReadAsync(Store, asOf: T3)).Single().Observations[1].TransferId.Should().Be(second);
    }

    [SkippableFact]
    public async Task AllVersions_reads_every_version_in_period_then_validity_order_up_to_asOf()
    {
        var (first, _) = await WriteAsync(Store, T1, DataAction.Merge, Obs("2015", 43), Obs("2016", 41));
        var (second, _) = await WriteAsync(Store, T2, DataAction.Merge, Obs("2016", 40.5));
        var (third, _) = await WriteAsync(Store, T3, DataAction.Merge, Obs("2016", 40.1));

        var all = (await ReadAsync(Store, allVersions: true)).Single().Observations;
        all.Select(o => (o.TimePeriod, o.Value, o.TransferId, o.ValidFrom, o.ValidTo)).Should().Equal(
            ("2015", 43, first, T1, null),
            ("2016", 41, first, T1, T2),
            ("2016", 40.5, second, T2, T3),
            ("2016", 40.1, third, T3, null));

        // Up to an instant: the versions that had begun by then, each with the end it has now.
        var untilSecond = (await ReadAsync(Store, asOf: T2, allVersions: true)).Single().Observations;
        untilSecond.Select(o => (o.TimePeriod, o.Value)).Should().Equal(("2015", (double?)43), ("2016", 41), ("2016", 40.5));
        (await ReadAsync(Store, updatedAfter: T1, allVersions: true)).Single().Observations.Select(o => o.Value).Should().Equal(40.5, 40.1);
        (await ReadAsync(Store)).Single().Observations.Should().HaveCount(2, "without AllVersions only the current versions");
    }

    [SkippableFact]
    public async Task UpdatedAfter_reads_only_the_versions_that_became_valid_later()
    {
        await WriteAsync(Store, T1, DataAction.Merge, Obs("2015", 1), Obs("2016", 2), Obs("2017", 3));
        var (second, _) = await WriteAsync(Store, T2, DataAction.Merge, Obs("2016", 2.5), Obs("2018", 4));

        var changed = (await ReadAsync(Store, updatedAfter: T1)).Single().Observations;

        changed.Select(o => (o.TimePeriod, o.Value)).Should().Equal(("2016", 2.5), ("2018", 4));
        changed.Should().AllSatisfy(o => o.TransferId.Should().Be(second));
        (await ReadAsync(Store, updatedAfter: T2)).Should().BeEmpty("valid_from must be strictly after the instant");
        (await ValuesAsync(Store, updatedAfter: T1.AddTicks(-1))).Should().HaveCount(4);
    }

    [SkippableFact]
    public async Task Series_come_in_key_order_with_observations_in_period_order_and_the_filter_sees_positions()
    {
        var kenya = Key(area: "404");
        var mexico = Key(area: "484");
        var kenyaFemale = Key(area: "404", sex: "F");
        await WriteAsync(Store, T1, DataAction.Merge,
            (mexico.Key, mexico.Values, Attributes(), [Obs("2016", 2), Obs("2015", 1)]),
            (kenyaFemale.Key, kenyaFemale.Values, Attributes(), [Obs("2015-Q1", 5), Obs("2014", 4)]),
            (kenya.Key, kenya.Values, Attributes(), [Obs("2020", 3)]));
        var seen = new List<IReadOnlyList<string>>();

        var all = await ReadAsync(Store);
        var kenyaOnly = await ReadAsync(Store, filter: positions =>
        {
            seen.Add(positions);
            return positions[3] == "404";
        });

        all.Select(s => s.SeriesKey).Should().Equal(kenyaFemale.Key, kenya.Key, mexico.Key);
        all[0].Observations.Select(o => o.TimePeriod).Should().Equal("2014", "2015-Q1");
        all[2].Observations.Select(o => o.TimePeriod).Should().Equal("2015", "2016");
        kenyaOnly.Select(s => s.SeriesKey).Should().Equal(kenyaFemale.Key, kenya.Key);
        seen.Should().ContainEquivalentOf(new[] { "A", "N", "SH_DYN_MORT", "484", "_T" });
    }

    [SkippableFact]
    public async Task A_query_reads_only_its_dataflow()
    {
        await WriteAsync(Store, T1, DataAction.Merge, Obs("2015", 1));

        var other = new List<StoredSeries>();
        await foreach (var series in Store.QueryAsync(new DataQuery("MDGX:DF_OTHER(1.0)"), None))
        {
            other.Add(series);
        }

        other.Should().BeEmpty();
        (await ReadAsync(Store)).Should().ContainSingle();
    }

    [SkippableFact]
    public async Task Annotations_are_added_with_their_transfer_listed_oldest_first_and_fetched_by_id()
    {
        var transfers = Transfers;
        var (kenya, _) = Key(area: "404");
        var (mexico, _) = Key(area: "484");
        var question = Annotation(kenya, T1, "consultation-question", null);
        var answer = Annotation(kenya, T2, "consultation-answer", question.AnnotationId) with { TimePeriod = "2015", ProposedValue = 42.5 };
        var footnote = Annotation(mexico, T3, "footnote", null) with { Principal = null };

        foreach (var annotation in new[] { footnote, question, answer })
        {
            await Store.AddAnnotationAsync(annotation, Annotate(annotation), None);
        }

        (await Store.GetAnnotationAsync(answer.AnnotationId, None)).Should().BeEquivalentTo(answer);
        (await Store.GetAnnotationAsync(Guid.NewGuid(), None)).Should().BeNull();
        (await Store.ListAnnotationsAsync(Dataflow, null, None)).Select(a => a.AnnotationId)
            .Should().Equal(question.AnnotationId, answer.AnnotationId, footnote.AnnotationId);
        (await Store.ListAnnotationsAsync(Dataflow, [kenya], None)).Should().BeEquivalentTo([question, answer], o => o.WithStrictOrdering());
        (await Store.ListAnnotationsAsync(Dataflow, [], None)).Should().BeEmpty();
        (await Store.ListAnnotationsAsync("MDGX:DF_OTHER(1.0)", null, None)).Should().BeEmpty();
        (await transfers.GetAsync(answer.TransferId, None))!.Kind.Should().Be("annotate");
    }

    [SkippableFact]
    public async Task An_annotation_whose_transfer_cannot_be_recorded_is_not_kept()
    {
        var transfers = Transfers;
        var annotation = Annotation(Key().Key, T1, "footnote", null);
        await transfers.AppendAsync(Annotate(annotation), None);
        var store = Store;

        var act = () => store.AddAnnotationAsync(annotation, Annotate(annotation), None);
        var mismatched = () => store.AddAnnotationAsync(annotation with { AnnotationId = Guid.NewGuid() }, Annotate(annotation) with { TransferId = Guid.NewGuid() }, None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*already recorded*");
        await mismatched.Should().ThrowAsync<ArgumentException>();
        (await Store.GetAnnotationAsync(annotation.AnnotationId, None)).Should().BeNull();
    }

    private static SeriesAnnotation Annotation(string seriesKey, DateTimeOffset at, string type, Guid? replyTo) => new()
    {
        AnnotationId = Guid.NewGuid(),
        Dataflow = Dataflow,
        SeriesKey = seriesKey,
        Type = type,
        Organisation = "UNICEF",
        Principal = "ana@unicef.example",
        Texts = new Dictionary<string, string> { ["en"] = "Modelled by the UN IGME", ["es"] = "Modelado por el IGME «ONU»" },
        ReplyTo = replyTo,
        TransferId = Guid.NewGuid(),
        CreatedAt = at,
    };

    private static Transfer Annotate(SeriesAnnotation annotation) => new()
    {
        TransferId = annotation.TransferId,
        Kind = "annotate",
        Channel = "grpc",
        Dataflow = annotation.Dataflow,
        AnnotationCount = 1,
        StartedAt = annotation.CreatedAt,
        FinishedAt = annotation.CreatedAt,
        Outcome = "completed",
    };
}

public sealed class SqliteDataQueryTests() : DataQueryContract(new SqliteTestDatabase());

public sealed class SqlServerDataQueryTests() : DataQueryContract(new SqlServerTestDatabase());
