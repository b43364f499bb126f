using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using MdgExchange.Domain.Structure;
using Annotation = MdgExchange.Domain.Structure.Annotation;
using ArtefactRef = MdgExchange.Domain.Structure.ArtefactRef;
using ArtefactType = MdgExchange.Domain.Structure.ArtefactType;
using Code = MdgExchange.Domain.Structure.Code;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx.Ml;
using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Server.Tests.Infrastructure;
using MdgExchange.Storage;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>
/// A national provider reports only what its provision agreements allow: the dataflows they name and, when an
/// Allowed constraint lists areas, those areas and the areas below them (a country's subnational areas).
/// </summary>
public sealed class ProvisionAgreementTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>A key for a provider that has no agreement at all (the fixture's own providers get one).</summary>
    private async Task<DataExchangeService.DataExchangeServiceClient> WithoutAgreementAsync(string organisation)
    {
        var (record, token) = ApiKeys.Create(organisation, Roles.Provider, "no agreement", DateTimeOffset.UtcNow, "tests", null);
        await server.GetService<IKeyStore>().AddAsync(record, CancellationToken.None);
        return new(server.Channel.Intercept(m =>
        {
            m.Add(ApiKeyAuthenticationHandler.Header, token);
            return m;
        }));
    }

    [Fact]
    public async Task A_provider_without_a_provision_agreement_reports_nothing()
    {
        var client = await WithoutAgreementAsync("ONEI");

        var error = await FluentActions.Awaiting(() => client.PushAsync(Header(sender: "ONEI"), [Sdg("SH_DYN_MORT", "192", "N", ("2015", 4.3, "C"))])).Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        error.Which.Status.Detail.Should().Contain("no provision agreement").And.Contain("MDGX:DF_SDG(1.0)");
        (await client.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SH_DYN_MORT.192..........." })).Should().BeEmpty();
    }

    [Fact]
    public async Task A_provider_of_one_country_reports_that_country_and_is_refused_another()
    {
        var client = await WithoutAgreementAsync("DANE_CO");
        await server.RegisterAgreementAsync("DANE_CO", Flow, "170");

        (await client.PushAsync(Header(sender: "DANE_CO"), [Sdg("SH_STA_STNT", "170", "N", ("2015", 10.8, "C"))])).Inserted.Should().Be(1);

        var other = await FluentActions.Awaiting(() => client.PushAsync(Header(sender: "DANE_CO"), [Sdg("SH_STA_STNT", "170", "N", ("2016", 10.5, "C")), Sdg("SH_STA_STNT", "862", "N", ("2016", 13.4, "C"))])).Should().ThrowAsync<RpcException>();
        other.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        var refused = other.Which.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata;
        refused.Keys.Should().Equal("series[1].key.REF_AREA");
        refused["series[1].key.REF_AREA"].Should().Contain("not 862");
        (await client.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SH_STA_STNT.170..........." })).Single().Observations.Should().ContainSingle("the refused push stored nothing, not even its allowed series");
    }

    [Fact]
    public async Task A_countrys_agreement_covers_its_subnational_areas_through_the_national_area_codelist()
    {
        // Chile's regions in a national codelist that extends REF_AREA on a national dataflow of the SDG DSD.
        var regions = new Codelist
        {
            AgencyId = "MDGX", Id = "CL_AREA_CHL", Version = "1.0", Names = [new("es", "Chile y sus regiones")],
            Items = [new Code { Id = "152", Names = [new("es", "Chile")] }, new Code { Id = "CL_RM", ParentId = "152", Names = [new("es", "Región Metropolitana")] }],
        };
        var flow = new Dataflow
        {
            AgencyId = "MDGX", Id = "DF_SDG_CHL", Version = "1.0", Names = [new("es", "ODS, Chile")], Structure = new ArtefactRef(ArtefactType.DataStructure, "IAEG-SDGs", "SDG", "1.0"),
            Annotations = [new Annotation { Type = "MDGX_CODELIST_EXTENSION", Title = "REF_AREA=MDGX:CL_AREA_CHL(1.0)" }],
        };
        using (var file = new MemoryStream())
        {
            StructureWriter.Write(file, new StructureHeader(), [regions, flow]);
            (await new StructureService.StructureServiceClient(server.Admin).SubmitBytesAsync(file.ToArray())).Applied.Should().BeTrue();
        }

        var client = await WithoutAgreementAsync("INE_CL");
        await server.RegisterAgreementAsync("INE_CL", "MDGX:DF_SDG_CHL(1.0)", "152");
        var header = Header(sender: "INE_CL");
        header.Dataflow = "MDGX:DF_SDG_CHL(1.0)";

        (await client.PushAsync(header, [Sdg("SH_DYN_MORT", "CL_RM", "N", ("2015", 6.9, "C"))])).Inserted.Should().Be(1);
        var outside = await FluentActions.Awaiting(() => client.PushAsync(header, [Sdg("SH_DYN_MORT", "32", "N", ("2015", 9.9, "C"))])).Should().ThrowAsync<RpcException>();
        outside.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        var otherFlow = await FluentActions.Awaiting(() => client.PushAsync(Header(sender: "INE_CL"), [Sdg("SH_DYN_MORT", "152", "N", ("2015", 6.9, "C"))])).Should().ThrowAsync<RpcException>();
        otherFlow.Which.Status.Detail.Should().Contain("no provision agreement for MDGX:DF_SDG(1.0)");
    }

    [Fact]
    public async Task The_shipped_example_agreement_lets_INDEC_report_Argentina_only()
    {
        var result = await new StructureService.StructureServiceClient(server.Admin).SubmitFileAsync(TestFiles.Data("registry", "indec_provision_agreement.xml"));
        result.Applied.Should().BeTrue(result.ToString());
        var client = await WithoutAgreementAsync("INDEC");

        (await client.PushAsync(Header(sender: "INDEC"), [Sdg("SE_PRE_PARTN", "32", "N", ("2019", 96.8, "C"))])).Inserted.Should().Be(1);
        var brazil = await FluentActions.Awaiting(() => client.PushAsync(Header(sender: "INDEC"), [Sdg("SE_PRE_PARTN", "76", "N", ("2019", 95.0, "C"))])).Should().ThrowAsync<RpcException>();
        brazil.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
    }
}
