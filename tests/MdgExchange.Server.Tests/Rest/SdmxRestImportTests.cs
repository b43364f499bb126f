using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx.Data;
using MdgExchange.Server.Tests.Infrastructure;

namespace MdgExchange.Server.Tests.Rest;

/// <summary>
/// The maintenance API: structures and data POSTed over SDMX REST go through the same validation and transfer
/// recording as gRPC; the real Kenya file is imported through its national dataflow and read back in every way.
/// </summary>
public sealed class SdmxRestImportTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string RegistryType = "application/vnd.sdmx.registry+xml";

    [Fact]
    public async Task The_real_Kenya_file_is_imported_over_REST_and_reads_back_identical_over_REST_and_gRPC()
    {
        using var admin = await HttpAsync("MDGX", "admin");
        using (var extensions = await PostAsync(admin, "/sdmx/v2/structure", await File.ReadAllBytesAsync(TestFiles.Data("exchange", "ke1_national_extensions.xml")), "application/vnd.sdmx.structure+xml;version=2.1"))
        {
            var body = await extensions.Content.ReadAsByteArrayAsync();
            extensions.StatusCode.Should().Be(HttpStatusCode.Created, Encoding.UTF8.GetString(body));
            extensions.Content.Headers.ContentType!.MediaType.Should().Be(RegistryType);
            SdmxRestFixture.XsdProblems(body).Should().BeEmpty();
            Results(body).Should().OnlyContain(r => r.Status == "Success");
        }

        using (var agreement = await PostAsync(admin, "/sdmx/rest/structure", ProvisionAgreementFile.For("KNBS", "KE1:DF_SDG_KE(1.0)"), "application/xml"))
        {
            agreement.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var kenya = TestFiles.Dataset("sdmx", "KE1_SDG_StructureSpecific_SDMX2.1.xml");
        using var knbs = await HttpAsync("KNBS", "provider");
        using var pushed = await PostAsync(knbs, "/sdmx/v2/data/dataflow/KE1/DF_SDG_KE/1.0", await File.ReadAllBytesAsync(kenya), "application/vnd.sdmx.structurespecificdata+xml;version=2.1");
        var result = await pushed.Content.ReadAsStringAsync();
        pushed.StatusCode.Should().Be(HttpStatusCode.Created, result);

        var dsd = SdgDsd();
        using var file = File.OpenRead(kenya);
        using var reader = DataReaderFactory.Open(file);
        var expected = reader.ReadSeries(dsd).ToList();
        using var json = System.Text.Json.JsonDocument.Parse(result);
        json.RootElement.GetProperty("observations").GetInt64().Should().Be(expected.Sum(s => s.Observations.Count));
        json.RootElement.GetProperty("inserted").GetInt64().Should().Be(expected.Sum(s => s.Observations.Count));

        // Read back over REST in SDMX-CSV 2.0 and over gRPC: the same series.
        using var anonymous = await HttpAsync(null, null);
        using var csv = await SdmxRestFixture.GetAsync(anonymous, "/sdmx/rest/data/KE1,DF_SDG_KE,1.0/all", "application/vnd.sdmx.data+csv;version=2.0.0");
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        using var csvReader = DataReaderFactory.Open(new MemoryStream(await csv.Content.ReadAsByteArrayAsync()));
        SdmxRestDataTests.SameData(csvReader.ReadSeries(dsd).ToList(), expected);

        // The national series in SDMX-ML and SDMX-JSON too: schema-valid, and the same data.
        using (var generic = await SdmxRestFixture.GetAsync(anonymous, "/sdmx/rest/data/KE1,DF_SDG_KE,1.0/all", "application/vnd.sdmx.genericdata+xml;version=2.1"))
        {
            var xml = await generic.Content.ReadAsByteArrayAsync();
            SdmxRestFixture.XsdProblems(xml).Should().BeEmpty();
            using var xmlReader = DataReaderFactory.Open(new MemoryStream(xml));
            SdmxRestDataTests.SameData(xmlReader.ReadSeries(dsd).ToList(), expected);
        }

        foreach (var (mediaType, schema) in new[] { ("application/vnd.sdmx.data+json;version=1.0.0", MdgExchange.Sdmx.Tests.Json.SdmxJsonSchemas.Data10), ("application/vnd.sdmx.data+json;version=2.0.0", MdgExchange.Sdmx.Tests.Json.SdmxJsonSchemas.Data20) })
        {
            using var json2 = await SdmxRestFixture.GetAsync(anonymous, "/sdmx/rest/data/KE1,DF_SDG_KE,1.0/all", mediaType);
            var body = await json2.Content.ReadAsByteArrayAsync();
            MdgExchange.Sdmx.Tests.Json.SdmxJsonSchemas.ShouldBeValid(Encoding.UTF8.GetString(body), schema);
            SdmxRestDataTests.SameData(MdgExchange.Sdmx.Tests.Json.SdmxJsonData.Read(body), expected);
        }

        var pulled = await new DataExchangeService.DataExchangeServiceClient(server.Channel).PullAllAsync(new PullSeriesRequest { Dataflow = "KE1:DF_SDG_KE(1.0)" });
        pulled.Sum(p => p.Observations.Count).Should().Be(expected.Sum(s => s.Observations.Count));

        var transfer = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = json.RootElement.GetProperty("transferId").GetString() });
        (transfer.Kind, transfer.Channel, transfer.Format, transfer.Sender, transfer.Outcome).Should().Be(("push", "rest", "sdmx-ml-2.1-structure-specific", "KNBS", "completed"));
    }

    [Fact]
    public async Task A_structure_submission_answers_per_artefact_201_200_409_and_207_when_they_differ()
    {
        using var admin = await HttpAsync("MDGX", "admin");
        var first = Codelist("CL_REST_A", "1.0", "Alpha") + Codelist("CL_REST_B", "1.0", "Beta");
        using (var created = await PostAsync(admin, "/sdmx/v2/structure", Message(first)))
        {
            created.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        using (var again = await PostAsync(admin, "/sdmx/v2/structure", Message(first)))
        {
            again.StatusCode.Should().Be(HttpStatusCode.OK, "resubmitting the same final artefacts changes nothing");
        }

        // CL_REST_A changed although final: a conflict; CL_REST_C is new: created. Different outcomes: 207.
        var mixed = Codelist("CL_REST_A", "1.0", "Alpha changed") + Codelist("CL_REST_C", "1.0", "Gamma");
        using (var multi = await PostAsync(admin, "/sdmx/v2/structure", Message(mixed)))
        {
            var body = await multi.Content.ReadAsByteArrayAsync();
            multi.StatusCode.Should().Be(HttpStatusCode.MultiStatus, Encoding.UTF8.GetString(body));
            SdmxRestFixture.XsdProblems(body).Should().BeEmpty();
            var results = Results(body);
            results.Single(r => r.Urn.Contains("CL_REST_A", StringComparison.Ordinal)).Status.Should().Be("Failure");
            results.Single(r => r.Urn.Contains("CL_REST_C", StringComparison.Ordinal)).Status.Should().Be("Success");
        }

        using (var conflict = await PostAsync(admin, "/sdmx/v2/structure", Message(Codelist("CL_REST_B", "1.0", "Beta changed"))))
        {
            conflict.StatusCode.Should().Be(HttpStatusCode.Conflict);
        }

        using var anonymous = await HttpAsync(null, null);
        using var read = await SdmxRestFixture.GetAsync(anonymous, "/sdmx/rest/codelist/MDGX/CL_REST_A/1.0");
        (await read.Content.ReadAsStringAsync()).Should().Contain("Alpha").And.NotContain("Alpha changed");
    }

    [Fact]
    public async Task Submitting_needs_the_admin_and_pushing_a_provider_or_agency_and_refusals_are_SDMX_errors()
    {
        using var anonymous = await HttpAsync(null, null);
        using (var unauthenticated = await PostAsync(anonymous, "/sdmx/v2/structure", Message(Codelist("CL_REST_X", "1.0", "X"))))
        {
            unauthenticated.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            unauthenticated.Headers.WwwAuthenticate.Should().NotBeEmpty();
            var body = await unauthenticated.Content.ReadAsByteArrayAsync();
            SdmxRestFixture.XsdProblems(body).Should().BeEmpty();
            XDocument.Parse(Encoding.UTF8.GetString(body)).Descendants().Single(e => e.Name.LocalName == "ErrorMessage").Attribute("code")!.Value.Should().Be("110");
        }

        using var provider = await HttpAsync("INEGI", "provider");
        using (var forbidden = await PostAsync(provider, "/sdmx/v2/structure", Message(Codelist("CL_REST_X", "1.0", "X"))))
        {
            forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);

            // Refused over HTTP as over gRPC: recorded as a rejected transfer, who tried what.
            var refusal = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = forbidden.Headers.GetValues("X-Transfer-Id").Single() });
            refusal.Outcome.Should().Be("rejected");
            refusal.Channel.Should().Be("http");
            refusal.Sender.Should().Be("INEGI");
            refusal.ErrorSummary.Should().Contain("PERMISSION_DENIED").And.Contain("POST /sdmx/v2/structure");
        }

        using var coordinator = await HttpAsync("CEPAL", "coordinator");
        using var push = await PostAsync(coordinator, "/sdmx/v2/data/dataflow/MDGX/DF_SDG/1.0", Encoding.UTF8.GetBytes("DATAFLOW,FREQ\n"), "application/vnd.sdmx.data+csv;version=1.0.0");
        push.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Invalid_data_are_refused_with_the_row_and_rule_nothing_is_stored_and_the_refusal_is_recorded()
    {
        await server.RegisterAgreementAsync("INEGI");
        using var inegi = await HttpAsync("INEGI", "provider");
        var dims = "FREQ,REPORTING_TYPE,SERIES,REF_AREA,SEX,AGE,URBANISATION,INCOME_WEALTH_QUANTILE,EDUCATION_LEV,OCCUPATION,CUST_BREAKDOWN,COMPOSITE_BREAKDOWN,DISABILITY_STATUS,ACTIVITY,PRODUCT";
        var total = string.Join(',', Enumerable.Repeat("_T", 11));
        var csv = $"STRUCTURE,STRUCTURE_ID,ACTION,{dims},TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS,NATURE\n"
            + $"dataflow,MDGX:DF_SDG(1.0),I,A,N,SH_DYN_MORT,484,{total},2019,15.2,PER_1000_LIVE_BIRTHS,0,A,C\n"
            + $"dataflow,MDGX:DF_SDG(1.0),I,A,N,SH_DYN_MORT,484,{total},2020,12;5,PER_1000_LIVE_BIRTHS,0,A,C\n";
        using var refused = await PostAsync(inegi, "/sdmx/rest/data/MDGX,DF_SDG,1.0", Encoding.UTF8.GetBytes(csv), "application/vnd.sdmx.data+csv;version=2.0.0");
        var body = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        body.Should().Contain("line 3").And.Contain("OBS_VALUE");
        var transferId = refused.Headers.GetValues("X-Transfer-Id").Single();

        var transfer = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = transferId });
        (transfer.Channel, transfer.Outcome).Should().Be(("rest", "rejected"));
        var pulled = await new DataExchangeService.DataExchangeServiceClient(server.Coordinator).PullAllAsync(new PullSeriesRequest { Dataflow = DataClientExtensions.Flow, Key = DataClientExtensions.SdgKey("SH_DYN_MORT", "484", "N") });
        pulled.Should().BeEmpty("a refused push stores nothing, not even its valid first row");

        // A header the reader refuses at once (no TIME_PERIOD column) is a refusal too, not a failure.
        var noPeriod = $"STRUCTURE,STRUCTURE_ID,ACTION,{dims},OBS_VALUE\n" + $"dataflow,MDGX:DF_SDG(1.0),I,A,N,SH_DYN_MORT,484,{total},15.2\n";
        using var headless = await PostAsync(inegi, "/sdmx/rest/data/MDGX,DF_SDG,1.0", Encoding.UTF8.GetBytes(noPeriod), "application/vnd.sdmx.data+csv;version=2.0.0");
        headless.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await headless.Content.ReadAsStringAsync()).Should().Contain("TIME_PERIOD");
        var recorded = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = headless.Headers.GetValues("X-Transfer-Id").Single() });
        recorded.Outcome.Should().Be("rejected");
    }

    private async Task<HttpClient> HttpAsync(string? organisation, string? role)
    {
        var http = new HttpClient { BaseAddress = server.HttpAddress };
        if (organisation is not null)
        {
            http.DefaultRequestHeaders.Add("x-api-key", await server.KeyAsync(organisation, role!));
        }

        return http;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, byte[] body, string contentType = "application/xml")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await http.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    private static List<(string Urn, string Status)> Results(byte[] body) =>
        XDocument.Parse(Encoding.UTF8.GetString(body)).Descendants().Where(e => e.Name.LocalName == "SubmissionResult")
            .Select(r => (r.Descendants().Single(e => e.Name.LocalName == "URN").Value, r.Descendants().Single(e => e.Name.LocalName == "StatusMessage").Attribute("status")!.Value))
            .ToList();

    private static MdgExchange.Domain.Structure.DataStructureDefinition SdgDsd()
    {
        using var file = File.OpenRead(TestFiles.SdgDsd);
        return MdgExchange.Sdmx.Ml.StructureReader.Read(file).Artefacts.OfType<MdgExchange.Domain.Structure.DataStructureDefinition>().Single();
    }

    private static string Codelist(string id, string version, string name) =>
        $"""
        <str:Codelist id="{id}" agencyID="MDGX" version="{version}" isFinal="true">
          <com:Name xml:lang="en">{name}</com:Name>
          <str:Code id="A"><com:Name xml:lang="en">A</com:Name></str:Code>
        </str:Codelist>
        """;

    private static byte[] Message(string codelists) => Encoding.UTF8.GetBytes(
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
          <mes:Header><mes:ID>REST_TEST</mes:ID><mes:Test>false</mes:Test><mes:Prepared>2026-11-30T00:00:00Z</mes:Prepared><mes:Sender id="MDGX"/></mes:Header>
          <mes:Structures><str:Codelists>{codelists}</str:Codelists></mes:Structures>
        </mes:Structure>
        """);
}
