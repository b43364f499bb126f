using Grpc.Health.V1;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using MdgExchange.Storage;

namespace MdgExchange.Server.Tests;

/// <summary>A fresh install: migrated, seeded with the real SDG DSD, the frameworks and the typology.</summary>
public sealed class SeedTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private StructureService.StructureServiceClient Client => new(server.Channel);

    [Fact]
    public async Task Fresh_install_holds_the_SDG_DSD_with_its_dimensions_in_order()
    {
        var dsd = await Client.GetArtefactAsync(new GetArtefactRequest { Ref = "IAEG-SDGs:SDG(1.0)", Type = ArtefactType.DataStructure });

        dsd.Artefact.IsFinal.Should().BeTrue();
        dsd.Artefact.DataStructure.Dimensions.Select(d => d.Component.Id).Should().Equal(
            "FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA", "SEX", "AGE", "URBANISATION", "INCOME_WEALTH_QUANTILE",
            "EDUCATION_LEV", "OCCUPATION", "CUST_BREAKDOWN", "COMPOSITE_BREAKDOWN", "DISABILITY_STATUS", "ACTIVITY", "PRODUCT", "TIME_PERIOD");
        dsd.Artefact.DataStructure.Dimensions.Last().IsTime.Should().BeTrue();
        dsd.Artefact.DataStructure.Attributes.Should().HaveCount(16);
        dsd.Artefact.DataStructure.PrimaryMeasure.Id.Should().Be("OBS_VALUE");
        dsd.Artefact.DataStructure.Attributes.Single(a => a.Component.Id == "UNIT_MEASURE").Mandatory.Should().BeTrue();
    }

    [Fact]
    public async Task Fresh_install_holds_the_twenty_codelists_of_the_DSD_file_and_a_dataflow_on_it()
    {
        var codelists = await Client.ListArtefactsAsync(new ListArtefactsRequest { Type = ArtefactType.Codelist });
        var fromFile = codelists.Artefacts.Where(a => a.Ref.AgencyId is "IAEG-SDGs" or "SDMX").ToList();
        fromFile.Should().HaveCount(20);

        var series = await Client.AllCodesAsync("IAEG-SDGs:CL_SERIES(1.0)");
        series.Should().HaveCount(465);
        series.Should().Contain(c => c.Id == "SH_DYN_MORT");
        (await Client.AllCodesAsync("IAEG-SDGs:CL_AREA(1.0)")).Should().HaveCount(572);

        var flow = await Client.GetArtefactAsync(new GetArtefactRequest { Ref = "MDGX:DF_SDG(latest)", Type = ArtefactType.Dataflow });
        flow.Artefact.Dataflow.Structure.Id.Should().Be("SDG");
        flow.Artefact.Ref.Version.Should().Be("1.0");
    }

    [Fact]
    public async Task The_SDG_framework_has_17_goals_169_targets_and_bilingual_indicators()
    {
        var codes = await Client.AllCodesAsync("MDGX:CL_FRAMEWORK_SDG(1.0)");
        string Level(Item c) => c.Annotations.Single(a => a.Type == "FRAMEWORK_LEVEL").Title;

        codes.Count(c => Level(c) == "GOAL").Should().Be(17);
        codes.Count(c => Level(c) == "TARGET").Should().Be(169);
        codes.Count(c => Level(c) == "INDICATOR").Should().BeGreaterThan(230);
        var indicator = codes.Single(c => c.Id == "3-2-1");
        indicator.ParentId.Should().Be("3-2");
        codes.Single(c => c.Id == "3-2").ParentId.Should().Be("3");
        indicator.Names.Select(n => n.Lang).Should().BeEquivalentTo(["en", "es"]);
        indicator.Names.Single(n => n.Lang == "es").Text.Should().Contain("mortalidad");
        indicator.Annotations.Single(a => a.Type == "NOTATION").Title.Should().Be("3.2.1");
    }

    [Fact]
    public async Task The_MDG_framework_has_8_goals_21_targets_and_60_indicators()
    {
        var codes = await Client.AllCodesAsync("MDGX:CL_FRAMEWORK_MDG(1.0)");
        string Level(Item c) => c.Annotations.Single(a => a.Type == "FRAMEWORK_LEVEL").Title;

        codes.Count(c => Level(c) == "GOAL").Should().Be(8);
        codes.Count(c => Level(c) == "TARGET").Should().Be(21);
        codes.Count(c => Level(c) == "INDICATOR").Should().Be(60);
        codes.Where(c => Level(c) != "GOAL").Should().OnlyContain(c => codes.Any(p => p.Id == c.ParentId));
    }

    [Fact]
    public async Task The_discrepancy_typology_has_its_sixteen_codes_in_English_and_Spanish()
    {
        var codes = await Client.AllCodesAsync("MDGX:CL_DISCREPANCY_TYPE(1.0)");

        codes.Select(c => c.Id).Should().BeEquivalentTo(
            ["SRC", "DEF", "MTH", "DEN", "ADJ", "EST", "MOD", "GLB", "VIN", "REF", "UNT", "DIS", "RND", "ERR", "NAV", "CRD"]);
        codes.Should().OnlyContain(c => c.Names.Any(n => n.Lang == "es") && c.Names.Any(n => n.Lang == "en"));
    }

    [Fact]
    public async Task A_second_start_on_the_same_database_changes_nothing()
    {
        var before = await Client.RegistrySnapshotAsync();
        var transfers = server.GetService<ITransferStore>();
        var transfersBefore = await transfers.ListAsync(null, null, null, 1000, CancellationToken.None);

        await using (var second = await server.StartAsync())
        {
            await second.StopAsync();
        }

        (await Client.RegistrySnapshotAsync()).Should().Equal(before);
        (await transfers.ListAsync(null, null, null, 1000, CancellationToken.None)).Should().HaveCount(transfersBefore.Count);
    }

    [Fact]
    public async Task Health_checks_report_serving_over_gRPC_and_HTTP()
    {
        var health = new Health.HealthClient(server.Channel);
        (await health.CheckAsync(new HealthCheckRequest())).Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);

        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(server.HttpAddress, "/healthz"));
        response.IsSuccessStatusCode.Should().BeTrue();
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
        response.Version.Should().Be(new Version(1, 1));
    }

    [Fact]
    public async Task Server_reflection_lists_the_structure_service()
    {
        var reflection = new global::Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(server.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        await call.ResponseStream.MoveNext(CancellationToken.None);

        call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name)
            .Should().Contain(["mdgexchange.v1.StructureService", "grpc.health.v1.Health"]);
    }
}
