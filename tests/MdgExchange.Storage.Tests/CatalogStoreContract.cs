using MdgExchange.Domain.Catalog;
using MdgExchange.Domain.Data;
using static MdgExchange.Storage.Tests.DataTestKit;

namespace MdgExchange.Storage.Tests;

/// <summary>What every <see cref="ICatalogStore"/> (and the data store's citation query) must do, run against each dialect by a subclass.</summary>
public abstract class CatalogStoreContract(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 2, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private ICatalogStore? _store;

    private ICatalogStore Store
    {
        get
        {
            Skip.If(database.SkipReason is not null, database.SkipReason);
            return _store ??= database.CreateCatalogStore();
        }
    }

    public Task InitializeAsync() => database.CreateAsync();

    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    private static Transfer Import(Guid id) => new()
    {
        TransferId = id, Kind = "catalog-import", Channel = "grpc", StartedAt = At, FinishedAt = At.AddSeconds(1), Outcome = "completed",
    };

    private static StatisticalOperation Operation(string id, string country = "32", Guid? transferId = null, params OperationIndicator[] indicators) => new()
    {
        Id = id, NameEn = $"{id} survey", NameEs = $"Encuesta {id}", Country = country, Producer = "INDEC", Type = "household-survey",
        Periodicity = "quarterly", ReferenceYears = [2019, 2023], NextRound = 2027, Universe = "Urban households", Coverage = "31 urban agglomerations",
        SampleSize = 25_000, Level = GeographicLevel.Region, MethodologyUrl = "https://www.indec.gob.ar/eph", AreaCodelist = "MDGX:CL_AREA_ARG(1.0)",
        Areas = ["AR_B", "AR_C"], Indicators = indicators, UpdatedAt = At, UpdatedBy = "key:abc (INDEC, provider)", TransferId = transferId ?? Guid.NewGuid(),
    };

    [SkippableFact]
    public async Task Save_then_get_and_list_round_trip_every_field_with_the_transfer_in_the_same_transaction()
    {
        var transferId = Guid.NewGuid();
        var eph = Operation("AR_EPH", transferId: transferId, indicators:
        [
            new("10.1.1", null, ["income-quantile"]),
            new("8.5.2", "SL_TLF_UEM", ["sex", "age", "geography"]),
            new("1.1.1", null, []),
        ]);

        (await Store.SaveAsync([eph], Import(transferId), None)).Should().BeEmpty();

        var read = await Store.GetAsync("AR_EPH", None);
        read.Should().BeEquivalentTo(eph with { Indicators = [eph.Indicators[2], eph.Indicators[1], eph.Indicators[0]] }, o => o.WithStrictOrdering());
        (await Store.ListAsync(null, None)).Should().ContainSingle().Which.Should().BeEquivalentTo(read);
        (await database.CreateTransferStore().GetAsync(transferId, None))!.Kind.Should().Be("catalog-import");
        (await Store.GetAsync("NONE", None)).Should().BeNull();
    }

    [SkippableFact]
    public async Task Saving_again_replaces_the_operation_and_its_indicators_and_says_so()
    {
        await Store.SaveAsync([Operation("CL_CASEN", "152", indicators: [new("1.2.1", null, [])])], Import(Guid.NewGuid()), None);

        var replaced = await Store.SaveAsync([Operation("CL_CASEN", "152", indicators: [new("4.1.1", null, ["sex"])]) with { Level = GeographicLevel.Municipality, SampleSize = null, Areas = [] }, Operation("CL_CENSO", "152")], Import(Guid.NewGuid()), None);

        replaced.Should().Equal("CL_CASEN");
        var casen = (await Store.GetAsync("CL_CASEN", None))!;
        casen.Indicators.Should().ContainSingle().Which.Indicator.Should().Be("4.1.1");
        casen.Level.Should().Be(GeographicLevel.Municipality);
        casen.SampleSize.Should().BeNull();
        casen.Areas.Should().BeEmpty();
        (await Store.ListAsync("152", None)).Select(o => o.Id).Should().Equal("CL_CASEN", "CL_CENSO");
        (await Store.ListAsync("484", None)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Delete_removes_the_operation_with_its_indicators_and_records_the_transfer()
    {
        await Store.SaveAsync([Operation("MX_ENIGH", "484", indicators: [new("1.1.1", null, [])]), Operation("MX_CPV", "484")], Import(Guid.NewGuid()), None);
        var deletion = Guid.NewGuid();

        (await Store.DeleteAsync("MX_ENIGH", Import(deletion) with { Kind = "catalog-delete" }, None)).Should().BeTrue();
        (await Store.DeleteAsync("MX_ENIGH", Import(Guid.NewGuid()) with { Kind = "catalog-delete" }, None)).Should().BeFalse();

        (await Store.ListAsync(null, None)).Select(o => o.Id).Should().Equal("MX_CPV");
        (await database.CreateTransferStore().GetAsync(deletion, None))!.Kind.Should().Be("catalog-delete");
    }

    [SkippableFact]
    public async Task Citations_are_the_current_observations_and_series_whose_attribute_contains_the_text()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var data = database.CreateDataStore();
        var (arKey, arValues) = Key(area: "32");
        var (clKey, clValues) = Key(area: "152");
        var (mxKey, mxValues) = Key(area: "484");
        await WriteAsync(data, T1, DataAction.Merge,
            (arKey, arValues, Attributes(), [Obs("2019", 9.7, ("SOURCE_DETAIL", "INDEC, AR_EPH 2019")), Obs("2020", 8.9, ("SOURCE_DETAIL", "Estimate"))]),
            (clKey, clValues, Attributes(("SOURCE_DETAIL", "CL_CASEN")), [Obs("2017", 7.1)]),
            (mxKey, mxValues, Attributes(), [Obs("2018", 13.2, ("COMMENT_OBS", "AR_EPH is not the source"))]));
        // A revision that no longer cites the operation: only current values count.
        await WriteAsync(data, T2, DataAction.Merge, (arKey, arValues, Attributes(), [Obs("2020", 8.9, ("SOURCE_DETAIL", "AR_EPH"))]));
        await WriteAsync(data, T3, DataAction.Merge, (arKey, arValues, Attributes(), [Obs("2019", 9.8, ("SOURCE_DETAIL", "revised model"))]));

        var eph = await data.FindCitationsAsync(new CitationQuery("SOURCE_DETAIL", "AR_EPH"), None);
        var casen = await data.FindCitationsAsync(new CitationQuery("SOURCE_DETAIL", "CL_CASEN", Dataflow), None);

        eph.Should().ContainSingle();
        eph[0].Should().BeEquivalentTo(new { SeriesKey = arKey, RefArea = "32", SeriesCode = "SH_DYN_MORT", TimePeriod = "2020", Value = 8.9, AttributeValue = "AR_EPH", Dataflow });
        casen.Should().ContainSingle().Which.Should().BeEquivalentTo(new { SeriesKey = clKey, TimePeriod = (string?)null, AttributeValue = "CL_CASEN" });
        (await data.FindCitationsAsync(new CitationQuery("SOURCE_DETAIL", "CL_CASEN", "MDGX:OTHER(1.0)"), None)).Should().BeEmpty();
        (await data.FindCitationsAsync(new CitationQuery("SOURCE_DETAIL", "'; DROP TABLE observation; --"), None)).Should().BeEmpty();
        await FluentActions.Awaiting(() => data.FindCitationsAsync(new CitationQuery("X') OR 1=1 --", "AR_EPH"), None)).Should().ThrowAsync<ArgumentException>();
    }
}

public sealed class SqliteCatalogStoreTests() : CatalogStoreContract(new SqliteTestDatabase());

public sealed class SqlServerCatalogStoreTests() : CatalogStoreContract(new SqlServerTestDatabase());
