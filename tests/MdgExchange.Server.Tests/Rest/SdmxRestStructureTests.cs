using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Tests.Json;

namespace MdgExchange.Server.Tests.Rest;

/// <summary>
/// SDMX REST structure queries (1.5 and 2.x) and availability on the seeded registry (the real SDG DSD, its
/// codelists and concept schemes, the dataflow, the MSD): XSD- and JSON-Schema-valid, with references, stubs and
/// item queries as the standard says.
/// </summary>
public sealed class SdmxRestStructureTests(SdmxRestFixture server) : IClassFixture<SdmxRestFixture>
{
    [Fact]
    public async Task A_dataflow_with_all_its_references_is_a_valid_structure_message_holding_the_DSD_and_its_codelists()
    {
        using var http = await server.HttpAsync();
        using var response = await SdmxRestFixture.GetAsync(http, "/sdmx/rest/dataflow/MDGX/DF_SDG/latest?references=descendants", "application/vnd.sdmx.structure+xml;version=2.1");
        var body = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.sdmx.structure+xml");
        SdmxRestFixture.XsdProblems(body).Should().BeEmpty();

        var message = MdgExchange.Sdmx.Ml.StructureReader.Read(new MemoryStream(body));
        message.Artefacts.Should().Contain(a => a is Dataflow && a.Id == "DF_SDG");
        var dsd = message.Artefacts.OfType<DataStructureDefinition>().Single();
        dsd.Dimensions.Select(d => d.Id).Should().Equal(server.Dsd.Dimensions.Select(d => d.Id));
        message.Artefacts.OfType<Codelist>().Select(c => c.Id).Should().Contain(["CL_AREA", "CL_SERIES", "CL_FREQ"]);
        message.Artefacts.OfType<ConceptScheme>().Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("application/vnd.sdmx.structure+json;version=1.0.0", SdmxJsonSchemas.Structure10)]
    [InlineData("application/vnd.sdmx.structure+json;version=2.0.0", SdmxJsonSchemas.Structure20)]
    public async Task The_same_query_in_SDMX_JSON_is_valid_against_its_schema(string mediaType, string schema)
    {
        using var http = await server.HttpAsync();
        using var response = await SdmxRestFixture.GetAsync(http, "/sdmx/rest/dataflow/MDGX/DF_SDG/latest?references=descendants", mediaType);
        var json = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        SdmxJsonSchemas.ShouldBeValid(json, schema);
        json.Should().Contain("CL_AREA").And.Contain("DF_SDG");
    }

    [Fact]
    public async Task An_item_query_returns_a_partial_codelist_with_only_those_codes()
    {
        using var http = await server.HttpAsync();
        using var response = await SdmxRestFixture.GetAsync(http, "/sdmx/rest/codelist/IAEG-SDGs/CL_AREA/latest/32+76");
        var body = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        SdmxRestFixture.XsdProblems(body).Should().BeEmpty();
        var codelist = MdgExchange.Sdmx.Ml.StructureReader.Read(new MemoryStream(body)).Artefacts.OfType<Codelist>().Single();
        codelist.Items.Select(c => c.Id).Should().BeEquivalentTo(["32", "76"]);
        codelist.IsPartial.Should().BeTrue();

        using var v2 = await SdmxRestFixture.GetAsync(http, "/sdmx/v2/structure/codelist/IAEG-SDGs/CL_AREA/+/32,76", "application/vnd.sdmx.structure+json;version=2.0.0");
        var json = await v2.Content.ReadAsStringAsync();
        v2.StatusCode.Should().Be(HttpStatusCode.OK, json);
        SdmxJsonSchemas.ShouldBeValid(json, SdmxJsonSchemas.Structure20);
        json.Should().Contain("\"32\"").And.Contain("\"76\"").And.NotContain("\"484\"");
    }

    [Fact]
    public async Task Stubs_carry_no_content_and_point_to_where_the_full_artefact_is()
    {
        using var http = await server.HttpAsync();
        using var response = await SdmxRestFixture.GetAsync(http, "/sdmx/rest/codelist/IAEG-SDGs/all/latest?detail=allstubs");
        var body = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        SdmxRestFixture.XsdProblems(body).Should().BeEmpty();
        var codelists = MdgExchange.Sdmx.Ml.StructureReader.Read(new MemoryStream(body)).Artefacts.OfType<Codelist>().ToList();
        codelists.Should().HaveCountGreaterThan(10);
        codelists.Should().OnlyContain(c => c.Items.Count == 0 && c.IsExternalReference && c.StructureUrl!.EndsWith($"/sdmx/rest/codelist/IAEG-SDGs/{c.Id}/{c.Version}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Parents_of_a_codelist_are_the_structures_using_it()
    {
        using var http = await server.HttpAsync();
        using var response = await SdmxRestFixture.GetAsync(http, "/sdmx/rest/codelist/IAEG-SDGs/CL_SERIES/latest?references=parents&detail=referencestubs");
        var message = MdgExchange.Sdmx.Ml.StructureReader.Read(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        message.Artefacts.Should().Contain(a => a is Codelist && a.Id == "CL_SERIES" && !a.IsExternalReference);
        message.Artefacts.Should().Contain(a => a is DataStructureDefinition && a.IsExternalReference);
    }

    [Fact]
    public async Task Availability_in_available_mode_keeps_the_other_choices_of_the_selected_dimension_and_references_bring_the_structures()
    {
        using var http = await server.HttpAsync();
        var lac = server.Lac.Select(s => s.Key["REF_AREA"]).Distinct().ToList();
        var area = lac.Order(StringComparer.Ordinal).First();
        var seriesOfArea = server.Lac.Where(s => s.Key["REF_AREA"] == area).Select(s => s.Key["SERIES"]).Distinct().ToList();
        var path = $"/sdmx/rest/availableconstraint/MDGX,DF_SDG,1.0/A.G..{area}...........";

        var exact = await ConstraintAsync(http, path);
        exact.Single(k => k.Id == "REF_AREA").Values.Should().Equal(area);
        exact.Single(k => k.Id == "SERIES").Values.Should().BeEquivalentTo(seriesOfArea);

        var available = await ConstraintAsync(http, path + "?mode=available&references=all");
        available.Single(k => k.Id == "REF_AREA").Values.Should().BeEquivalentTo(lac, "with the other dimensions as selected, every LAC area has data");
        available.Single(k => k.Id == "SERIES").Values.Should().BeEquivalentTo(seriesOfArea, "the series stay those of the selected area");

        using var withReferences = await SdmxRestFixture.GetAsync(http, path + "?mode=available&references=all");
        var message = MdgExchange.Sdmx.Ml.StructureReader.Read(new MemoryStream(await withReferences.Content.ReadAsByteArrayAsync()));
        message.Artefacts.Should().Contain(a => a is Dataflow).And.Contain(a => a is DataStructureDefinition).And.Contain(a => a is Codelist && a.Id == "CL_AREA");
        (await SdmxRestFixture.GetAsync(http, path + "?mode=sometimes")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static async Task<List<ComponentValueSet>> ConstraintAsync(HttpClient http, string path)
    {
        using var response = await SdmxRestFixture.GetAsync(http, path);
        var body = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        SdmxRestFixture.XsdProblems(body).Should().BeEmpty();
        return MdgExchange.Sdmx.Ml.StructureReader.Read(new MemoryStream(body)).Artefacts.OfType<ContentConstraint>().Single().CubeRegions.Single().KeyValues;
    }

    [Fact]
    public async Task SDMX_JSON_names_follow_Accept_Language_and_keep_every_language()
    {
        using var http = await server.HttpAsync();
        async Task<JsonElement> DataflowAsync(string? language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/sdmx/rest/dataflow/MDGX/DF_SDG/latest", UriKind.Relative));
            request.Headers.Accept.ParseAdd("application/vnd.sdmx.structure+json;version=2.0.0");
            if (language is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(language);
            }

            using var response = await http.SendAsync(request);
            var json = await response.Content.ReadAsStringAsync();
            SdmxJsonSchemas.ShouldBeValid(json, SdmxJsonSchemas.Structure20);
            return JsonDocument.Parse(json).RootElement.GetProperty("data").GetProperty("dataflows")[0].Clone();
        }

        var spanish = await DataflowAsync("es-AR, en;q=0.5");
        spanish.GetProperty("name").GetString().Should().Be("Indicadores ODS, nacionales e internacionales");
        spanish.GetProperty("names").GetProperty("en").GetString().Should().Be("SDG indicators, national and international");
        (await DataflowAsync(null)).GetProperty("name").GetString().Should().Be("SDG indicators, national and international");
    }

    [Fact]
    public async Task Browser_pages_elsewhere_may_call_the_API_CORS_preflight_and_exposed_headers()
    {
        using var http = await server.HttpAsync();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri("/sdmx/rest/data/MDGX,DF_SDG,1.0/all", UriKind.Relative));
        preflight.Headers.Add("Origin", "https://explorer.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-api-key, accept");
        using var allowed = await http.SendAsync(preflight);
        ((int)allowed.StatusCode).Should().BeInRange(200, 204);
        allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
        string.Join(',', allowed.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant().Should().Contain("x-api-key");

        using var get = new HttpRequestMessage(HttpMethod.Get, new Uri("/sdmx/rest/data/MDGX,DF_SDG,1.0/A.G.............?lastNObservations=1", UriKind.Relative));
        get.Headers.Add("Origin", "https://explorer.example.org");
        using var data = await http.SendAsync(get);
        data.StatusCode.Should().Be(HttpStatusCode.OK);
        data.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
        data.Headers.GetValues("Access-Control-Expose-Headers").Single().Should().Contain("X-Transfer-Id");
    }

    [Fact]
    public async Task Referencepartial_restricts_the_codelists_to_what_the_dataflow_constraint_allows()
    {
        var flow = new Dataflow
        {
            AgencyId = "MDGX", Id = "DF_REST_PARTIAL", Version = "1.0", IsFinal = true, Names = [new("en", "Under-five mortality, two countries")],
            Structure = new ArtefactRef(ArtefactType.DataStructure, "IAEG-SDGs", "SDG", "1.0"),
        };
        var constraint = new ContentConstraint
        {
            AgencyId = "MDGX", Id = "CC_REST_PARTIAL", Version = "1.0", IsFinal = true, Names = [new("en", "Two countries, one series")],
            Role = ConstraintRole.Allowed, Attachments = [flow.Ref],
            CubeRegions = [new CubeRegion { KeyValues = [new ComponentValueSet { Id = "REF_AREA", Values = ["32", "76"] }, new ComponentValueSet { Id = "SERIES", Values = ["SH_DYN_MORT"] }] }],
        };
        using var body = new MemoryStream();
        MdgExchange.Sdmx.Ml.StructureWriter.Write(body, new MdgExchange.Sdmx.Ml.StructureHeader(), [flow, constraint]);
        using var admin = await server.HttpAsync("MDGX", "admin");
        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        (await admin.PostAsync(new Uri("/sdmx/v2/structure", UriKind.Relative), content)).StatusCode.Should().Be(HttpStatusCode.Created);

        using var http = await server.HttpAsync();
        (await SdmxRestFixture.GetAsync(http, "/sdmx/rest/allowedconstraint/MDGX/CC_REST_PARTIAL/latest")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SdmxRestFixture.GetAsync(http, "/sdmx/rest/actualconstraint/MDGX/CC_REST_PARTIAL/latest")).StatusCode.Should().Be(HttpStatusCode.NotFound, "it is an Allowed constraint");
        using var partial = await SdmxRestFixture.GetAsync(http, "/sdmx/rest/dataflow/MDGX/DF_REST_PARTIAL/latest?references=all&detail=referencepartial");
        var xml = await partial.Content.ReadAsByteArrayAsync();
        partial.StatusCode.Should().Be(HttpStatusCode.OK);
        SdmxRestFixture.XsdProblems(xml).Should().BeEmpty();
        var message = MdgExchange.Sdmx.Ml.StructureReader.Read(new MemoryStream(xml));
        var areas = message.Artefacts.OfType<Codelist>().Single(c => c.Id == "CL_AREA");
        areas.IsPartial.Should().BeTrue();
        areas.Items.Select(c => c.Id).Should().Contain(["32", "76"]).And.NotContain("484");
        areas.Items.Should().OnlyContain(c => c.Id == "32" || c.Id == "76" || areas.Items.Any(child => child.ParentId == c.Id), "only the allowed codes and their parents");
        message.Artefacts.OfType<Codelist>().Single(c => c.Id == "CL_SERIES").Items.Select(c => c.Id).Should().Equal("SH_DYN_MORT");
        message.Artefacts.OfType<Codelist>().Single(c => c.Id == "CL_FREQ").IsPartial.Should().BeFalse("nothing restricts the frequency");

        using var full = await SdmxRestFixture.GetAsync(http, "/sdmx/rest/dataflow/MDGX/DF_REST_PARTIAL/latest?references=all");
        MdgExchange.Sdmx.Ml.StructureReader.Read(new MemoryStream(await full.Content.ReadAsByteArrayAsync())).Artefacts.OfType<Codelist>().Single(c => c.Id == "CL_AREA").Items.Count
            .Should().BeGreaterThan(200);
    }

    [Fact]
    public async Task Unknown_artefacts_are_404_unsupported_types_501_and_bad_parameters_400()
    {
        using var http = await server.HttpAsync();
        (await SdmxRestFixture.GetAsync(http, "/sdmx/rest/codelist/IAEG-SDGs/CL_NOT_THERE/latest")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SdmxRestFixture.GetAsync(http, "/sdmx/rest/hierarchicalcodelist/all/all/latest")).StatusCode.Should().Be(HttpStatusCode.NotImplemented);
        (await SdmxRestFixture.GetAsync(http, "/sdmx/rest/codelist/IAEG-SDGs/CL_AREA/latest?references=nonsense")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SdmxRestFixture.GetAsync(http, "/sdmx/rest/codelist/IAEG-SDGs/CL_AREA/latest", "application/vnd.sdmx.genericdata+xml;version=2.1")).StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task Semantic_version_wildcards_select_the_latest_stable_or_any_version()
    {
        using var http = await server.HttpAsync();
        foreach (var version in new[] { "+", "~", "*", "1.0", "1.+" })
        {
            using var response = await SdmxRestFixture.GetAsync(http, $"/sdmx/v2/structure/datastructure/IAEG-SDGs/SDG/{Uri.EscapeDataString(version)}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, version);
        }

        (await SdmxRestFixture.GetAsync(http, "/sdmx/v2/structure/datastructure/IAEG-SDGs/SDG/2.+")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Availability_lists_the_codes_and_time_range_present_in_the_data()
    {
        using var http = await server.HttpAsync();
        using var response = await SdmxRestFixture.GetAsync(http, "/sdmx/rest/availableconstraint/MDGX,DF_SDG,1.0/A.G............./all/REF_AREA");
        var body = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        SdmxRestFixture.XsdProblems(body).Should().BeEmpty();
        var constraint = MdgExchange.Sdmx.Ml.StructureReader.Read(new MemoryStream(body)).Artefacts.OfType<ContentConstraint>().Single();
        constraint.Role.Should().Be(ConstraintRole.Actual);
        var areas = constraint.CubeRegions.Single().KeyValues.Single(k => k.Id == "REF_AREA").Values;
        areas.Should().BeEquivalentTo(server.Lac.Select(s => s.Key["REF_AREA"]).Distinct());

        using var all = await SdmxRestFixture.GetAsync(http, "/sdmx/v2/availability/dataflow/MDGX/DF_SDG/1.0/A.G.*.*.*.*.*.*.*.*.*.*.*.*.*", "application/vnd.sdmx.structure+json;version=2.0.0");
        var json = await all.Content.ReadAsStringAsync();
        all.StatusCode.Should().Be(HttpStatusCode.OK, json);
        SdmxJsonSchemas.ShouldBeValid(json, SdmxJsonSchemas.Structure20);
        var first = server.Lac.SelectMany(s => s.Observations).Min(o => o.TimePeriod);
        json.Should().Contain(first!);
    }
}
