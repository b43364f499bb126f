using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>
/// The catalogue of statistical operations on three countries with nested areas: which operations can produce an
/// indicator in a country at a geographic level (or for one subnational area), which indicators have no source or no
/// subnational source, and which stored observations cite an operation.
/// </summary>
public sealed class CatalogTests(CatalogFixture server) : IClassFixture<CatalogFixture>
{
    private CatalogService.CatalogServiceClient Catalog => new(server.As("UNICEF", "agency"));

    private async Task<List<string>> IdsAsync(string country = "", string indicator = "", string level = "", string area = "", string type = "") =>
        (await Catalog.ListOperationsAsync(new ListOperationsRequest { Country = country, Indicator = indicator, Level = level, Area = area, Type = type }))
            .Operations.Select(o => o.Id).ToList();

    [Fact]
    public async Task The_example_catalogue_imports_as_one_recorded_transfer()
    {
        server.Imported.Created.Should().BeEquivalentTo(["AR_CENSO", "AR_EPH", "AR_DEIS", "CL_CASEN", "CL_CENSO", "MX_ENIGH", "MX_CONAPO"]);
        server.Imported.Indicators.Should().Be(12);
        var transfer = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = server.Imported.TransferId });
        transfer.Kind.Should().Be("catalog-import");
        transfer.Outcome.Should().Be("completed");
        transfer.Format.Should().Be("catalog-csv");
        transfer.RefAreas.Should().Equal("152", "32", "484");
        transfer.Bytes.Should().Be(new FileInfo(CatalogFixture.CatalogFile).Length);
        transfer.PayloadSha256.Should().HaveLength(64);

        var eph = await Catalog.GetOperationAsync(new GetOperationRequest { Id = "AR_EPH" });
        eph.Should().BeEquivalentTo(new
        {
            NameEs = "Encuesta Permanente de Hogares", Country = "32", Producer = "INDEC", Type = "household-survey", Periodicity = "quarterly",
            NextRound = 2024, SampleSize = 25000L, Level = "region", AreaCodelist = "MDGX:CL_AREA_ARG(1.0)", TransferId = server.Imported.TransferId,
        }, o => o.ExcludingMissingMembers());
        eph.CountryName.Should().Be("Argentina");
        eph.ReferenceYears.Should().Equal(2019, 2020, 2021, 2022, 2023);
        eph.Areas.Should().Equal("AR_B", "AR_X");
        eph.Indicators.Select(i => $"{i.Indicator} {i.Series} {string.Join('+', i.Disaggregations)}").Should().Equal("1.2.1 SI_POV_NAHC sex+age+income-quantile", "8.5.2 SL_TLF_UEM sex+age+geography");
    }

    [Fact]
    public async Task Operations_that_can_produce_an_indicator_for_a_country_at_a_geographic_level()
    {
        (await IdsAsync("32", "3.2.1", "region")).Should().Equal("AR_DEIS");
        (await IdsAsync("32", "3.2.1", "second-level")).Should().Equal("AR_DEIS");
        (await IdsAsync("32", "3.2.1", "municipality")).Should().BeEmpty("vital statistics are representative down to the second level only");
        (await IdsAsync("484", "3.2.1", "region")).Should().BeEmpty("Mexico's only source of 3.2.1 is a national estimate");
        (await IdsAsync("484", "3.2.1", "national")).Should().Equal("MX_CONAPO");
        (await IdsAsync("484", "3-2-1")).Should().Equal("MX_CONAPO");
        (await IdsAsync(indicator: "1.4.1", level: "municipality")).Should().BeEquivalentTo("AR_CENSO", "CL_CENSO");
        (await IdsAsync(indicator: "SL_TLF_UEM")).Should().Equal("AR_EPH");
        (await IdsAsync("152", type: "household-survey")).Should().Equal("CL_CASEN");
        (await IdsAsync("032", "1.2.1")).Should().Equal("AR_EPH");

        var bad = await FluentActions.Awaiting(() => IdsAsync(level: "provincial")).Should().ThrowAsync<RpcException>();
        bad.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        bad.Which.Status.Detail.Should().Contain("national, region, second-level, municipality");
    }

    [Fact]
    public async Task A_subnational_area_is_placed_by_its_depth_under_the_country_and_its_coverage()
    {
        // A commune (great-grandchild of Chile): only the census is representative there.
        (await IdsAsync(area: "CL_RM_STGO_13101", indicator: "1.4.1")).Should().Equal("CL_CENSO");
        (await IdsAsync(area: "CL_RM_STGO_13101", indicator: "1.2.1")).Should().BeEmpty("CASEN is representative by region only");
        (await IdsAsync(area: "CL_RM", indicator: "1.2.1")).Should().Equal("CL_CASEN");
        // The EPH covers Buenos Aires and Córdoba provinces (first level) only.
        (await IdsAsync(area: "AR_X", indicator: "8.5.2")).Should().Equal("AR_EPH");
        (await IdsAsync(area: "AR_B_LP", indicator: "8.5.2")).Should().BeEmpty();
        (await IdsAsync(area: "AR_B_LP", indicator: "3.2.1")).Should().Equal("AR_DEIS");
        (await IdsAsync(area: "484")).Should().Equal("MX_CONAPO", "MX_ENIGH");
        (await IdsAsync(area: "MX_15_V_106")).Should().BeEmpty();

        var unknown = await FluentActions.Awaiting(() => IdsAsync(area: "XX_NOWHERE")).Should().ThrowAsync<RpcException>();
        unknown.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        unknown.Which.Status.Detail.Should().Contain("XX_NOWHERE");
    }

    [Fact]
    public async Task Indicators_without_a_source_and_without_a_subnational_source()
    {
        var mexico = await Catalog.ListGapsAsync(new ListGapsRequest { Country = "484" });

        mexico.FrameworkIndicators.Should().BeGreaterThan(200);
        var gaps = mexico.Gaps.ToDictionary(g => g.Indicator, g => g.Gap);
        gaps["3.2.1"].Should().Be("no-subnational-source");
        gaps["5.5.1"].Should().Be("no-source");
        gaps.Should().NotContainKey("1.2.1", "the ENIGH is representative by state");
        gaps.Should().NotContainKey("10.1.1");
        mexico.Gaps.Should().OnlyContain(g => g.Country == "484" && g.CountryName.Length > 0 && g.IndicatorName.Length > 0);
        gaps.Count(g => g.Value == "no-source").Should().Be(mexico.FrameworkIndicators - 3);

        var region = await Catalog.ListGapsAsync(new ListGapsRequest());
        region.Gaps.Select(g => g.Country).Distinct().Should().Equal(["32", "152", "484"], "countries come in M49 numeric order");
        region.Gaps.Should().NotContain(g => g.Country == "32" && g.Indicator == "3.2.1", "Argentina's vital statistics reach the second level");
        region.Gaps.Should().ContainSingle(g => g.Country == "152" && g.Indicator == "3.2.1").Which.Gap.Should().Be("no-source");

        var unknown = await FluentActions.Awaiting(() => Catalog.ListGapsAsync(new ListGapsRequest { Country = "99999" }).ResponseAsync).Should().ThrowAsync<RpcException>();
        unknown.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task Observations_citing_an_operation_in_SOURCE_DETAIL_national_and_subnational()
    {
        // INDEC reports Argentina, its provinces and municipalities on the national dataflow of the three countries.
        await server.RegisterAgreementAsync("INDEC", "MDGX:DF_SDG_LAC(1.0)", "32");
        var indec = new DataExchangeService.DataExchangeServiceClient(server.As("INDEC", "provider"));
        var national = Sdg("SH_DYN_MORT", "32", "N", ("2020", 9.2, "C"), ("2021", 8.9, "C"));
        national.Observations[0].Attributes["SOURCE_DETAIL"] = "DEIS, AR_DEIS 2020";
        national.Observations[1].Attributes["SOURCE_DETAIL"] = "AR_DEIS_OLD";
        (await indec.PushAsync(Header(sender: "INDEC"), [national])).Inserted.Should().Be(2);
        var municipal = Sdg("SH_DYN_MORT", "AR_B_LP_01", "N", ("2021", 7.5, "C"));
        municipal.Observations[0].Attributes["SOURCE_DETAIL"] = "AR_DEIS";
        var header = Header(sender: "INDEC");
        header.Dataflow = "MDGX:DF_SDG_LAC(1.0)";
        (await indec.PushAsync(header, [municipal])).Inserted.Should().Be(1, "a municipality of the area codelist is a REF_AREA of the national dataflow");

        var citations = await Catalog.ListCitationsAsync(new ListCitationsRequest { OperationId = "AR_DEIS" });

        citations.Citations.Select(c => $"{c.Dataflow} {c.RefArea} {c.TimePeriod} {c.ObsValue} {c.SourceDetail}").Should().BeEquivalentTo(
            "MDGX:DF_SDG(1.0) 32 2020 9.2 DEIS, AR_DEIS 2020", "MDGX:DF_SDG_LAC(1.0) AR_B_LP_01 2021 7.5 AR_DEIS");
        citations.Truncated.Should().BeFalse();
        (await Catalog.ListCitationsAsync(new ListCitationsRequest { OperationId = "AR_DEIS", Dataflow = "MDGX:DF_SDG_LAC(1.0)" })).Citations.Should().ContainSingle();
        (await Catalog.ListCitationsAsync(new ListCitationsRequest { OperationId = "CL_CASEN" })).Citations.Should().BeEmpty();
        var missing = await FluentActions.Awaiting(() => Catalog.ListCitationsAsync(new ListCitationsRequest { OperationId = "NOPE" }).ResponseAsync).Should().ThrowAsync<RpcException>();
        missing.Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task Embargoed_citations_are_seen_only_by_those_who_may_see_the_values()
    {
        var ine = new DataExchangeService.DataExchangeServiceClient(server.As("INE_CL_EMB", "provider"));
        var series = Sdg("SI_POV_DAY1", "152", "N", ("2022", 0.6, "C"));
        series.Observations[0].Attributes["SOURCE_DETAIL"] = "CL_CASEN 2022";
        var header = Header(sender: "INE_CL_EMB");
        header.EmbargoUntil = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30));
        (await ine.PushAsync(header, [series])).Inserted.Should().Be(1);

        (await Catalog.ListCitationsAsync(new ListCitationsRequest { OperationId = "CL_CASEN" })).Citations.Should().BeEmpty("an agency does not see values under embargo");
        (await new CatalogService.CatalogServiceClient(server.Coordinator).ListCitationsAsync(new ListCitationsRequest { OperationId = "CL_CASEN" })).Citations.Should().ContainSingle();
        (await new CatalogService.CatalogServiceClient(server.As("INE_CL_EMB", "provider")).ListCitationsAsync(new ListCitationsRequest { OperationId = "CL_CASEN" })).Citations.Should().ContainSingle();
    }
}
