using MdgExchange.Domain.Structure;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx.Ml;
using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;
using Annotation = MdgExchange.Domain.Structure.Annotation;
using ArtefactRef = MdgExchange.Domain.Structure.ArtefactRef;
using ArtefactType = MdgExchange.Domain.Structure.ArtefactType;
using Code = MdgExchange.Domain.Structure.Code;

namespace MdgExchange.Server.Tests;

/// <summary>
/// A national proxy series under a national code and an ISO area code, pushed to a national dataflow of the SDG DSD,
/// meets UNICEF's global series through the registered series mapping and area alias.
/// </summary>
public sealed class DiscrepancyMappingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Mappings_and_aliases_pair_a_national_proxy_in_a_national_dataflow_with_the_global_series()
    {
        var series = new Codelist
        {
            AgencyId = "MDGX", Id = "CL_SERIES_MAP_ARG", Version = "1.0", Names = [new("es", "Series nacionales de Argentina")],
            Items = [new Code
            {
                Id = "AR_MORT_5", Names = [new("es", "Mortalidad de menores de 5 años (estadísticas vitales)")],
                Annotations = [new Annotation { Type = "MDGX_GLOBAL_SERIES", Title = "SH_DYN_MORT" }, new Annotation { Type = "MDGX_PROXY", Title = "vital statistics only" }],
            }],
        };
        var areas = new Codelist
        {
            AgencyId = "MDGX", Id = "CL_AREA_ALIAS_ISO", Version = "1.0", Names = [new("en", "ISO alpha-3 aliases")],
            Items = [new Code { Id = "ARG", Names = [new("en", "Argentina")], Annotations = [new Annotation { Type = "MDGX_AREA", Title = "32" }] }],
        };
        var flow = new Dataflow
        {
            AgencyId = "MDGX", Id = "DF_SDG_ARG", Version = "1.0", Names = [new("es", "ODS, Argentina")], Structure = new ArtefactRef(ArtefactType.DataStructure, "IAEG-SDGs", "SDG", "1.0"),
            Annotations = [new Annotation { Type = "MDGX_CODELIST_EXTENSION", Title = "SERIES=MDGX:CL_SERIES_MAP_ARG(1.0)" }, new Annotation { Type = "MDGX_CODELIST_EXTENSION", Title = "REF_AREA=MDGX:CL_AREA_ALIAS_ISO(1.0)" }],
        };
        using (var file = new MemoryStream())
        {
            StructureWriter.Write(file, new StructureHeader(), [series, areas, flow]);
            var submitted = await new StructureService.StructureServiceClient(server.Admin).SubmitBytesAsync(file.ToArray());
            submitted.Applied.Should().BeTrue(submitted.ToString());
        }

        await server.RegisterAgreementAsync("DEIS_AR", "MDGX:DF_SDG_ARG(1.0)");
        var deis = new DataExchangeService.DataExchangeServiceClient(server.As("DEIS_AR", Roles.Provider));
        var header = Header("DEIS_AR");
        header.Dataflow = "MDGX:DF_SDG_ARG(1.0)";
        await deis.PushAsync(header, [Sdg("AR_MORT_5", "ARG", "N", ("2017", 9.3, "C"))]);
        await new DataExchangeService.DataExchangeServiceClient(server.AsOrganisation("UNICEF")).PushAsync(Header("UNICEF"), [Sdg("SH_DYN_MORT", "32", "G", ("2017", 10.2, "E"))]);

        await new DiscrepancyService.DiscrepancyServiceClient(server.Coordinator).RunAnalysisAsync(new RunAnalysisRequest { Dataflow = "MDGX:DF_SDG(1.0)", Series = { "SH_DYN_MORT" }, Areas = { "32" } });
        var pair = (await new DiscrepancyService.DiscrepancyServiceClient(server.Coordinator).ListPairsAsync(new ListPairsRequest { Series = { "SH_DYN_MORT" }, Areas = { "32" } })).Pairs.Single();

        (pair.Series, pair.Area, pair.Period, pair.NationalOrganisation, pair.NationalValue, pair.InternationalValue).Should().Be(("SH_DYN_MORT", "32", "2017", "DEIS_AR", 9.3, 10.2));
        pair.Codes.Select(c => c.Code).Should().BeEquivalentTo(["DEF", "EST", "CRD"], "a proxy, an estimate, never consulted");
        pair.Codes.Single(c => c.Code == "DEF").Facts.Should().Contain("a series-code mapping marks the national series as a proxy");
    }
}
