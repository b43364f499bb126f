using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx.Metadata;
using MdgExchange.Server.Tests.Infrastructure;
using MetadataReport = MdgExchange.Protos.V1.MetadataReport;
using MetadataValue = MdgExchange.Protos.V1.MetadataValue;

namespace MdgExchange.Server.Tests;

/// <summary>
/// Reference metadata over real gRPC: the seeded SDG MSD, national and international reports from real and fixture
/// files, their versions and asOf reads, the comparison concept by concept, exports, and bad input that stores nothing.
/// </summary>
public sealed class MetadataServiceTests(ClockServerFixture server) : IClassFixture<ClockServerFixture>
{
    private static MetadataService.MetadataServiceClient Client(CallInvoker invoker) => new(invoker);

    private static byte[] File(string folder, string name) =>
        System.IO.File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, folder, "metadata", name));

    private static SubmitMetadataRequest FileRequest(byte[] content, string name, string? area = null, string? lang = null) =>
        new() { Content = ByteString.CopyFrom(content), FileName = name, RefArea = area ?? "", Lang = lang ?? "" };

    private Task<ListMetadataReportsResponse> ListAsync(ListMetadataReportsRequest request) => Client(server.Coordinator).ListMetadataReportsAsync(request).ResponseAsync;

    private async Task<RpcException> RefusedAsync(CallInvoker caller, SubmitMetadataRequest request, StatusCode code)
    {
        var error = await FluentActions.Awaiting(() => Client(caller).SubmitMetadataAsync(request).ResponseAsync).Should().ThrowAsync<RpcException>();
        error.Which.StatusCode.Should().Be(code, error.Which.Status.Detail);
        return error.Which;
    }

    private async Task<TransferRecord> TransferAsync(RpcException error)
    {
        var id = error.GetRpcStatus()!.GetDetail<RequestInfo>().RequestId;
        return await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = id });
    }

    [Fact]
    public async Task The_seeded_SDG_MSD_has_its_concepts_named_in_English_and_Spanish()
    {
        var msd = await new StructureService.StructureServiceClient(server.Anonymous).GetArtefactAsync(new GetArtefactRequest { Ref = "IAEG-SDGs:SDG_MSD(1.0)", Type = ArtefactType.MetadataStructure });

        msd.Artefact.MetadataStructure.Attributes.Should().HaveCount(44);
        msd.Artefact.MetadataStructure.Attributes.Single(a => a.Path == "META_LAST_UPDATE").TextType.Should().Be("GregorianDay");
        var flow = await new StructureService.StructureServiceClient(server.Anonymous).GetArtefactAsync(new GetArtefactRequest { Ref = "MDGX:MDF_SDG(1.0)", Type = ArtefactType.Metadataflow });
        flow.Artefact.Metadataflow.Structure.Id.Should().Be("SDG_MSD");
        var concepts = await new StructureService.StructureServiceClient(server.Anonymous).GetArtefactAsync(new GetArtefactRequest { Ref = "IAEG-SDGs:SDG_META_CONCEPTS(1.0)", Type = ArtefactType.ConceptScheme });
        var definition = concepts.Artefact.ItemScheme.Items.Single(i => i.Id == "STAT_CONC_DEF");
        definition.Names.Select(n => (n.Lang, n.Text)).Should().Equal(("en", "Definition, concepts and classifications"), ("es", "Definición, conceptos y clasificaciones"));
    }

    [Fact]
    public async Task National_and_international_metadata_of_an_indicator_are_compared_concept_by_concept()
    {
        var unicef = await Client(server.AsOrganisation("UNICEF")).SubmitMetadataAsync(FileRequest(File("data", "unicef_3-2-1.csv"), "unicef_3-2-1.csv"));
        var inegi = await Client(server.AsOrganisation("INEGI")).SubmitMetadataAsync(FileRequest(File("data", "inegi_3-2-1_484.csv"), "inegi_3-2-1_484.csv"));

        unicef.Reports.Single().Should().BeEquivalentTo(new { Organisation = "UNICEF", SetId = "SDG_3_2_1", Version = 1, Outcome = "created", TargetCode = "3.2.1", RefArea = "" });
        inegi.Reports.Single().Should().BeEquivalentTo(new { Organisation = "INEGI", SetId = "SDG_3_2_1_484", Version = 1, Outcome = "created", TargetCode = "3.2.1", RefArea = "484" });

        var compared = await Client(server.Coordinator).CompareMetadataAsync(new CompareMetadataRequest { Target = "3-2-1", RefArea = "484", Lang = "es" });

        compared.Target.Should().Be("3.2.1");
        var comparison = compared.Comparisons.Should().ContainSingle().Subject;
        (comparison.National.Organisation, comparison.International.Organisation).Should().Be(("INEGI", "UNICEF"));
        var byConcept = comparison.Concepts.ToDictionary(c => c.Concept);
        byConcept["STAT_CONC_DEF"].Status.Should().Be(ConceptStatus.Different);
        byConcept["STAT_CONC_DEF"].NationalLang.Should().Be("es", "both sides have Spanish, the language asked for");
        byConcept["STAT_CONC_DEF"].ConceptName.Should().Be("Definición, conceptos y clasificaciones");
        byConcept["UNIT_MEASURE"].Should().BeEquivalentTo(new { Status = ConceptStatus.Different, NationalText = "Defunciones por 1 000 nacidos vivos", InternationalText = "Muertes por 1.000 nacidos vivos" }, o => o.ExcludingMissingMembers());
        byConcept["DATA_COMP"].Should().BeEquivalentTo(new { Status = ConceptStatus.Different, NationalLang = "es", InternationalLang = "en" }, o => o.ExcludingMissingMembers());
        byConcept["ADJUSTMENT"].Status.Should().Be(ConceptStatus.MissingNational);
        byConcept["IMPUTATION"].Status.Should().Be(ConceptStatus.MissingNational);
        byConcept["COLL_METHOD"].Status.Should().Be(ConceptStatus.MissingInternational);
        byConcept["CONTACT_ORGANISATION"].Should().BeEquivalentTo(new { Status = ConceptStatus.MissingInternational, NationalText = "Dirección General de Estadísticas Sociodemográficas" }, o => o.ExcludingMissingMembers());
        comparison.Concepts.Select(c => c.Concept).Should().StartWith(["ADJUSTMENT", "COLL_METHOD", "COMPARABILITY"], "concepts come in the MSD's order");
        (comparison.Different, comparison.MissingNational, comparison.MissingInternational).Should().Be((4, 4, 3));
    }

    [Fact]
    public async Task Texts_that_differ_only_in_markup_case_and_spacing_are_the_same_and_a_missing_key_concept_is_shown()
    {
        var who = new MetadataReport { TargetCode = "3.1.2", Values = { new MetadataValue { Concept = "STAT_CONC_DEF", Lang = "en", Text = "<p>Proportion of births attended by <b>skilled</b> health personnel.</p>" } } };
        var national = new MetadataReport { TargetCode = "3.1.2", RefArea = "218", Values = { new MetadataValue { Concept = "STAT_CONC_DEF", Lang = "en", Text = "proportion of births attended by skilled   health personnel" } } };
        await Client(server.AsOrganisation("WHO")).SubmitMetadataAsync(new SubmitMetadataRequest { Reports = { who } });
        await Client(server.AsOrganisation("INEC_EC")).SubmitMetadataAsync(new SubmitMetadataRequest { Reports = { national } });

        var comparison = (await Client(server.AsOrganisation("INEC_EC")).CompareMetadataAsync(new CompareMetadataRequest { Target = "3.1.2", RefArea = "218" })).Comparisons.Single();

        comparison.Concepts.Single(c => c.Concept == "STAT_CONC_DEF").Should().BeEquivalentTo(new { Status = ConceptStatus.Same, Similarity = 1.0 }, o => o.ExcludingMissingMembers());
        comparison.Concepts.Single(c => c.Concept == "DATA_COMP").Status.Should().Be(ConceptStatus.MissingBoth);
        comparison.MissingBoth.Should().Be(8, "the key concepts other than the definition are reported by neither side");
    }

    [Fact]
    public async Task A_new_version_keeps_the_old_one_and_reads_accept_as_of()
    {
        var ilo = Client(server.AsOrganisation("ILO"));
        var first = new MetadataReport { TargetCode = "8.5.2", Values = { new MetadataValue { Concept = "STAT_CONC_DEF", Lang = "en", Text = "Unemployment rate, first definition" } } };
        var v1 = await ilo.SubmitMetadataAsync(new SubmitMetadataRequest { Reports = { first } });
        var between = server.Clock.GetUtcNow().AddHours(1);
        server.Clock.Advance(TimeSpan.FromHours(2));
        var second = first.Clone();
        second.Values[0].Text = "Unemployment rate, revised definition";
        second.Values.Add(new MetadataValue { Concept = "DATA_COMP", Lang = "en", Text = "Unemployed divided by labour force" });
        var v2 = await ilo.SubmitMetadataAsync(new SubmitMetadataRequest { Reports = { second } });
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await ilo.SubmitMetadataAsync(new SubmitMetadataRequest { Reports = { second } });

        (v1.Reports[0].Version, v2.Reports[0].Version, v2.Reports[0].Outcome).Should().Be((1, 2, "updated"));
        again.Reports[0].Should().BeEquivalentTo(new { Version = 2, Outcome = "unchanged" }, o => o.ExcludingMissingMembers());
        var current = await Client(server.Coordinator).GetMetadataReportAsync(new GetMetadataReportRequest { Organisation = "ILO", SetId = "SDG_8_5_2" });
        current.Version.Should().Be(2);
        current.ValidTo.Should().BeNull();
        var asOf = await Client(server.Coordinator).GetMetadataReportAsync(new GetMetadataReportRequest { Organisation = "ILO", SetId = "SDG_8_5_2", AsOf = Timestamp.FromDateTimeOffset(between) });
        asOf.Version.Should().Be(1);
        asOf.Values.Select(v => v.Text).Should().Equal("Unemployment rate, first definition");
        asOf.ValidTo.ToDateTimeOffset().Should().Be(current.ValidFrom.ToDateTimeOffset());
        var history = await ListAsync(new ListMetadataReportsRequest { Organisation = "ILO", SetId = "SDG_8_5_2", AllVersions = true });
        history.Reports.Select(r => r.Version).Should().Equal(1, 2);
        (await ListAsync(new ListMetadataReportsRequest { Target = "8.5.2", AsOf = Timestamp.FromDateTimeOffset(between.AddHours(-2)) })).Reports.Should().BeEmpty("nothing existed before the first submission");
        var transfer = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = v2.TransferId });
        transfer.Should().BeEquivalentTo(new { Kind = "metadata-submit", Outcome = "completed", Sender = "ILO", Artefacts = 1L, Format = "protobuf" }, o => o.ExcludingMissingMembers());
        transfer.SeriesCodes.Should().Equal("8.5.2");
    }

    [Fact]
    public async Task Append_adds_to_the_current_version_and_replace_starts_over()
    {
        var wb = Client(server.AsOrganisation("WB"));
        const string Header = "MDSTRUCTURE,MDSTRUCTURE_ID,METADATASET_ID,ACTION,TARGET_TYPES,TARGET_IDS,";
        await wb.SubmitMetadataAsync(FileRequest(Encoding.UTF8.GetBytes(Header + "STAT_CONC_DEF[en],DATA_COMP[en]\nmetadataflow,MDGX:MDF_SDG(1.0),WB:SDG_1_1_1,I,code,MDGX:CL_FRAMEWORK_SDG(1.0).1-1-1,en:Below $2.15 a day,en:Share of people\n"), "wb.csv"));
        await wb.SubmitMetadataAsync(FileRequest(Encoding.UTF8.GetBytes(Header + "REG_AGG[en]\nmetadataflow,MDGX:MDF_SDG(1.0),WB:SDG_1_1_1,A,code,MDGX:CL_FRAMEWORK_SDG(1.0).1-1-1,en:Population-weighted\n"), "wb.csv"));

        var appended = await Client(server.Coordinator).GetMetadataReportAsync(new GetMetadataReportRequest { Organisation = "WB", SetId = "SDG_1_1_1" });
        appended.Values.Select(v => v.Concept).Should().BeEquivalentTo(["STAT_CONC_DEF", "DATA_COMP", "REG_AGG"]);

        await wb.SubmitMetadataAsync(FileRequest(Encoding.UTF8.GetBytes(Header + "REG_AGG[en]\nmetadataflow,MDGX:MDF_SDG(1.0),WB:SDG_1_1_1,R,code,MDGX:CL_FRAMEWORK_SDG(1.0).1-1-1,en:Population-weighted means\n"), "wb.csv"));
        var replaced = await Client(server.Coordinator).GetMetadataReportAsync(new GetMetadataReportRequest { Organisation = "WB", SetId = "SDG_1_1_1" });
        (replaced.Version, replaced.Values.Single().Concept).Should().Be((3, "REG_AGG"));
    }

    [Fact]
    public async Task A_real_Open_SDG_page_is_national_metadata_for_the_area_given()
    {
        var submitted = await Client(server.AsOrganisation("TAJSTAT")).SubmitMetadataAsync(FileRequest(File("datasets", "tajstat_national_meta_1-2-1.md"), "tajstat_national_meta_1-2-1.md", area: "762"));

        submitted.Reports.Single().Should().BeEquivalentTo(new { SetId = "SDG_1_2_1_762", TargetCode = "1.2.1", RefArea = "762", Outcome = "created" }, o => o.ExcludingMissingMembers());
        submitted.Warnings.Single().Should().Contain("graph_title").And.Contain("reporting_status");
        var report = (await ListAsync(new ListMetadataReportsRequest { Target = "1.2.1", RefArea = "762" })).Reports.Single();
        report.ReportingType.Should().Be("N");
        report.Values.Single(v => v.Concept == "STAT_CONC_DEF").Text.Should().StartWith("Monitoring national poverty is important");
        report.Values.Single(v => v.Concept == "SDG_CUSTODIAN_AGENCIES").ConceptName.Should().Be("Custodian agencies");

        var noArea = await RefusedAsync(server.AsOrganisation("TAJSTAT"), FileRequest(File("datasets", "tajstat_national_meta_3-1-2.md"), "tajstat_national_meta_3-1-2.md"), StatusCode.InvalidArgument);
        noArea.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.Should().Be("ref_area");
    }

    [Fact]
    public async Task Bad_rows_are_named_by_row_and_column_and_store_nothing()
    {
        const string Header = "MDSTRUCTURE,MDSTRUCTURE_ID,METADATASET_ID,ACTION,TARGET_TYPES,TARGET_IDS,STAT_CONC_DEF[en],STAT_DEF[en]\n";
        var csv = Header
            + "metadataflow,MDGX:MDF_SDG(1.0),UIS:SDG_4_1_1,I,code,MDGX:CL_FRAMEWORK_SDG(1.0).4-1-1,en:Fine,en:unknown concept\n"
            + "metadataflow,MDGX:MDF_SDG(1.0),UIS:SDG_4_1_2,I,code,MDGX:CL_FRAMEWORK_SDG(1.0).4-1-99,en:Wrong target,\n"
            + "metadataflow,MDGX:MDF_SDG(1.0),UIS:SDG_4,I,code,MDGX:CL_FRAMEWORK_SDG(1.0).4,en:A goal is not an indicator,\n"
            + "metadataflow,MDGX:MDF_SDG(9.9),UIS:SDG_4_2_2,I,code,IAEG-SDGs:CL_SERIES(1.0).SE_PRE_PARTN,en:Unknown flow,\n";

        var error = await RefusedAsync(server.AsOrganisation("UIS"), FileRequest(Encoding.UTF8.GetBytes(csv), "uis.csv"), StatusCode.InvalidArgument);

        var violations = error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations;
        violations.Select(v => v.Field).Should().BeEquivalentTo(["row[2].STAT_DEF[en]", "row[3].TARGET_IDS", "row[4].TARGET_IDS", "row[5].MDSTRUCTURE_ID"]);
        violations.Single(v => v.Field == "row[2].STAT_DEF[en]").Description.Should().Contain("'STAT_DEF' is not a metadata attribute of IAEG-SDGs:SDG_MSD(1.0)");
        violations.Single(v => v.Field == "row[3].TARGET_IDS").Description.Should().Contain("has no code '4-1-99'");
        violations.Single(v => v.Field == "row[4].TARGET_IDS").Description.Should().Contain("goal of the framework, not an indicator");
        (await ListAsync(new ListMetadataReportsRequest { Organisation = "UIS" })).Reports.Should().BeEmpty("one bad row refuses the whole file");
        (await TransferAsync(error)).Should().BeEquivalentTo(new { Kind = "metadata-submit", Outcome = "rejected", Sender = "UIS", Format = "sdmx-csv-2.0" }, o => o.ExcludingMissingMembers());

        var malformed = await RefusedAsync(server.AsOrganisation("UIS"), FileRequest(Encoding.UTF8.GetBytes(Header + "metadataflow,MDGX:MDF_SDG(1.0),UIS:S,I,code\n"), "uis.csv"), StatusCode.InvalidArgument);
        malformed.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Should().BeEquivalentTo(new { Field = "row[2].TARGET_IDS", Description = "the row has 5 fields, the header 8" }, o => o.ExcludingMissingMembers());
        var date = await RefusedAsync(server.AsOrganisation("UIS"), new SubmitMetadataRequest { Reports = { new MetadataReport { TargetCode = "4.1.1", Values = { new MetadataValue { Concept = "META_LAST_UPDATE", Text = "last spring" } } } } }, StatusCode.InvalidArgument);
        date.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Should().BeEquivalentTo(new { Field = "reports[0].values[0].concept", Description = "'META_LAST_UPDATE': 'last spring' is not a date (YYYY-MM-DD)" }, o => o.ExcludingMissingMembers());
    }

    [Fact]
    public async Task Organisations_submit_only_their_own_sets_and_providers_only_for_their_areas()
    {
        var csv = File("data", "unicef_3-2-1.csv");
        var other = await RefusedAsync(server.AsOrganisation("INDEC"), FileRequest(csv, "unicef_3-2-1.csv"), StatusCode.PermissionDenied);
        other.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata.Should().ContainKey("row[2].METADATASET_ID");
        (await TransferAsync(other)).Outcome.Should().Be("rejected");

        var chile = server.AsProviderOf("INE_CL", "152");
        var report = new MetadataReport { TargetCode = "3.2.1", RefArea = "484", Values = { new MetadataValue { Concept = "STAT_CONC_DEF", Text = "x" } } };
        var wrongArea = await RefusedAsync(chile, new SubmitMetadataRequest { Reports = { report } }, StatusCode.PermissionDenied);
        wrongArea.Status.Detail.Should().Contain("area 484");
        report.RefArea = "152";
        (await Client(chile).SubmitMetadataAsync(new SubmitMetadataRequest { Reports = { report } })).Reports.Single().Outcome.Should().Be("created");

        var asOther = await RefusedAsync(chile, new SubmitMetadataRequest { Organisation = "UNICEF", Reports = { report } }, StatusCode.PermissionDenied);
        asOther.Status.Detail.Should().Contain("may not submit metadata as UNICEF");
        await RefusedAsync(server.Admin, new SubmitMetadataRequest { Reports = { report } }, StatusCode.PermissionDenied);
        var anonymous = await FluentActions.Awaiting(() => Client(server.Anonymous).ListMetadataReportsAsync(new ListMetadataReportsRequest()).ResponseAsync).Should().ThrowAsync<RpcException>();
        anonymous.Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
    }

    [Fact]
    public async Task Exports_in_SDMX_CSV_2_0_and_JSON_read_back_and_are_recorded()
    {
        await Client(server.AsOrganisation("FAO")).SubmitMetadataAsync(new SubmitMetadataRequest
        {
            Reports =
            {
                new MetadataReport
                {
                    TargetKind = "series", TargetCode = "AG_PRD_FIESS", RefArea = "32",
                    Values =
                    {
                        new MetadataValue { Concept = "STAT_CONC_DEF", Lang = "en", Text = "<p>Food insecurity \"FIES\", severe</p>" },
                        new MetadataValue { Concept = "STAT_CONC_DEF", Lang = "es", Text = "<p>Inseguridad alimentaria grave; escala FIES</p>" },
                    },
                },
            },
        });

        var filter = new ListMetadataReportsRequest { Organisation = "FAO" };
        var csv = await Client(server.AsOrganisation("UNSD")).ExportMetadataAsync(new ExportMetadataRequest { Filter = filter });
        var json = await Client(server.AsOrganisation("UNSD")).ExportMetadataAsync(new ExportMetadataRequest { Filter = filter, Format = "json" });

        csv.MediaType.Should().StartWith("application/vnd.sdmx.metadata+csv; version=2.0.0");
        var set = MetadataCsvReader.Read(new MemoryStream(csv.Content.ToByteArray())).Single();
        (set.SetAgency, set.SetId, set.SetVersion).Should().Be(("FAO", "AG_PRD_FIESS_32", "1.0"));
        set.Targets.Should().Equal(("code", "IAEG-SDGs:CL_SERIES(1.0).AG_PRD_FIESS"), ("code", "IAEG-SDGs:CL_AREA(1.0).32"));
        set.Values.Should().Equal(("STAT_CONC_DEF", "en", "<p>Food insecurity \"FIES\", severe</p>"), ("STAT_CONC_DEF", "es", "<p>Inseguridad alimentaria grave; escala FIES</p>"));
        using var document = JsonDocument.Parse(json.Content.ToByteArray());
        var report = document.RootElement.GetProperty("reports").EnumerateArray().Single();
        report.GetProperty("targetCode").GetString().Should().Be("AG_PRD_FIESS");
        report.GetProperty("values")[0].GetProperty("conceptName").GetString().Should().Be("Definition, concepts and classifications");
        var transfer = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = json.TransferId });
        transfer.Should().BeEquivalentTo(new { Kind = "metadata-export", Outcome = "completed", Receiver = "UNSD", Artefacts = 1L, Format = "json" }, o => o.ExcludingMissingMembers());

        var bad = await FluentActions.Awaiting(() => Client(server.AsOrganisation("UNSD")).ExportMetadataAsync(new ExportMetadataRequest { Format = "xlsx" }).ResponseAsync).Should().ThrowAsync<RpcException>();
        bad.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task A_national_MSD_in_SDMX_ML_2_1_is_registered_and_takes_reports_with_nested_attributes()
    {
        var registered = await new StructureService.StructureServiceClient(server.Admin).SubmitBytesAsync(File("data", "inegi_national_msd.xml"));
        registered.Applied.Should().BeTrue(registered.ToString());

        var csv = "MDSTRUCTURE[;],MDSTRUCTURE_ID,METADATASET_ID,TARGET_TYPES,TARGET_IDS,DEFINICION[es],CONTACTO.NOMBRE[][es]\n"
            + "metadataflow,INEGI:MDF_NAT(1.0),INEGI:FICHA_3_2_1,code;code,MDGX:CL_FRAMEWORK_SDG(1.0).3-2-1;IAEG-SDGs:CL_AREA(1.0).484,\"es:<p>Probabilidad de morir antes de los cinco años</p>\",\"\"\"es:Ana\"\";\"\"es:Luis\"\"\"\n";
        var submitted = await Client(server.AsOrganisation("INEGI")).SubmitMetadataAsync(FileRequest(Encoding.UTF8.GetBytes(csv), "ficha.csv"));

        submitted.Reports.Single().Outcome.Should().Be("created");
        var report = await Client(server.Coordinator).GetMetadataReportAsync(new GetMetadataReportRequest { Organisation = "INEGI", SetId = "FICHA_3_2_1" });
        report.Metadataflow.Should().Be("INEGI:MDF_NAT(1.0)");
        report.Values.Select(v => (v.Concept, v.Text, v.ConceptName)).Should().Equal(
            ("DEFINICION", "<p>Probabilidad de morir antes de los cinco años</p>", "Definición"),
            ("CONTACTO.NOMBRE", "Ana", "Nombre"),
            ("CONTACTO.NOMBRE", "Luis", "Nombre"));

        var presentational = csv.Replace("CONTACTO.NOMBRE[][es]", "CONTACTO[][es]", StringComparison.Ordinal);
        var refused = await RefusedAsync(server.AsOrganisation("INEGI"), FileRequest(Encoding.UTF8.GetBytes(presentational), "ficha.csv"), StatusCode.InvalidArgument);
        refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Should().BeEquivalentTo(new { Field = "row[2].CONTACTO[][es]" }, o => o.ExcludingMissingMembers());
    }
}
