using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using MdgExchange.Domain.Data;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx.Data;
using MdgExchange.Sdmx.Tests.Json;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests.Rest;

/// <summary>
/// SDMX REST 1.5 data queries over real HTTP on the real LAC series pushed over gRPC: every format negotiated,
/// validated against its schema (XSD, JSON Schema) or parsed back (SDMX-CSV), and equal to what was pushed.
/// </summary>
public sealed class SdmxRestDataTests(SdmxRestFixture server) : IClassFixture<SdmxRestFixture>
{
    private const string AllLac = "/sdmx/rest/data/MDGX,DF_SDG,1.0/A.G.............";

    public static TheoryData<string> MediaTypes =>
    [
        "application/vnd.sdmx.genericdata+xml;version=2.1",
        "application/vnd.sdmx.structurespecificdata+xml;version=2.1",
        "application/vnd.sdmx.data+csv;version=1.0.0",
        "application/vnd.sdmx.data+csv;version=2.0.0",
        "application/vnd.sdmx.data+json;version=1.0.0",
        "application/vnd.sdmx.data+json;version=2.0.0",
    ];

    [Theory]
    [MemberData(nameof(MediaTypes))]
    public async Task Every_format_is_valid_and_carries_exactly_the_series_pushed_over_gRPC(string mediaType)
    {
        using var http = await server.HttpAsync();
        using var response = await SdmxRestFixture.GetAsync(http, AllLac, mediaType);
        var body = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        response.Content.Headers.ContentType!.MediaType.Should().Be(mediaType.Split(';')[0]);
        response.Content.Headers.ContentType.Parameters.Should().Contain(p => p.Name == "version");
        Conformance(mediaType, body);
        var back = Parse(mediaType, body);
        back.Sum(s => s.Observations.Count).Should().Be(3430);
        SameData(back, server.Lac);
    }

    [Fact]
    public async Task The_format_parameter_and_generic_media_types_choose_the_format_and_anything_else_is_406()
    {
        using var http = await server.HttpAsync();
        using (var csv = await SdmxRestFixture.GetAsync(http, AllLac + "?format=csvfile"))
        {
            csv.StatusCode.Should().Be(HttpStatusCode.OK);
            csv.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.sdmx.data+csv");
        }

        using (var xml = await SdmxRestFixture.GetAsync(http, AllLac))
        {
            xml.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.sdmx.genericdata+xml", "the SDMX 2.1 default");
        }

        using var refused = await SdmxRestFixture.GetAsync(http, AllLac, "application/pdf");
        refused.StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
        var error = await refused.Content.ReadAsStringAsync();
        error.Should().Contain("application/vnd.sdmx");
    }

    [Fact]
    public async Task Errors_are_SDMX_error_messages_with_the_standard_status_and_code()
    {
        using var http = await server.HttpAsync();
        await Expect(http, "/sdmx/rest/data/MDGX,NO_SUCH_FLOW,1.0/all", HttpStatusCode.NotFound, "100", "NO_SUCH_FLOW");
        await Expect(http, "/sdmx/rest/data/MDGX,DF_SDG,1.0/A.G.NO_SUCH_SERIES............", HttpStatusCode.NotFound, "100", "no data");
        await Expect(http, AllLac + "?startPeriod=20X5", HttpStatusCode.BadRequest, "140", "startPeriod");
        await Expect(http, AllLac + "?firstNObservations=-2", HttpStatusCode.BadRequest, "140", "firstNObservations");
        await Expect(http, "/sdmx/rest/data/MDGX,DF_SDG,1.0/A.G", HttpStatusCode.BadRequest, "140", "key");
        await Expect(http, AllLac + "?dimensionAtObservation=REF_AREA", HttpStatusCode.NotImplemented, "501", "dimensionAtObservation");
        await Expect(http, "/sdmx/rest/nonsense/path/that/is/not/sdmx/at/all", HttpStatusCode.BadRequest, "140", "not an SDMX REST resource");
    }

    [Fact]
    public async Task Periods_first_and_last_n_detail_and_the_flat_layout_select_what_the_standard_says()
    {
        using var http = await server.HttpAsync();
        var all = await ReadAsync(http, AllLac);

        var window = await ReadAsync(http, AllLac + "?startPeriod=2010&endPeriod=2015");
        window.SelectMany(s => s.Observations).Should().OnlyContain(o => string.CompareOrdinal(o.TimePeriod, "2010") >= 0 && string.CompareOrdinal(o.TimePeriod, "2015-12-31") <= 0);
        window.Sum(s => s.Observations.Count).Should().Be(all.Sum(s => s.Observations.Count(o => string.CompareOrdinal(o.TimePeriod[..4], "2010") >= 0 && string.CompareOrdinal(o.TimePeriod[..4], "2015") <= 0)));

        var last = await ReadAsync(http, AllLac + "?lastNObservations=1");
        last.Should().HaveCount(all.Count);
        last.Should().OnlyContain(s => s.Observations.Count == 1);
        foreach (var series in last)
        {
            series.Observations[0].TimePeriod.Should().Be(all.Single(a => Key(a) == Key(series)).Observations.Max(o => o.TimePeriod));
        }

        var first2 = await ReadAsync(http, AllLac + "?firstNObservations=2");
        first2.Sum(s => s.Observations.Count).Should().Be(all.Sum(s => Math.Min(2, s.Observations.Count)));

        var keys = await ReadAsync(http, AllLac + "?detail=serieskeysonly");
        keys.Select(Key).Should().BeEquivalentTo(all.Select(Key));
        keys.Should().OnlyContain(s => s.Observations.Count == 0 && s.Attributes.Count == 0);

        var dataOnly = await ReadAsync(http, AllLac + "?detail=dataonly");
        dataOnly.Should().OnlyContain(s => s.Attributes.Count == 0 && s.Observations.All(o => o.Attributes.Count == 0));
        dataOnly.Sum(s => s.Observations.Count).Should().Be(3430);

        var noData = await ReadAsync(http, AllLac + "?detail=nodata");
        noData.Should().OnlyContain(s => s.Observations.Count == 0 && s.Attributes.Count > 0);

        using var flat = await SdmxRestFixture.GetAsync(http, AllLac + "?dimensionAtObservation=AllDimensions", "application/vnd.sdmx.genericdata+xml;version=2.1");
        var flatBody = await flat.Content.ReadAsByteArrayAsync();
        SdmxRestFixture.XsdProblems(flatBody).Should().BeEmpty();
        XDocument.Parse(Encoding.UTF8.GetString(flatBody)).Descendants().Where(e => e.Name.LocalName == "Series").Should().BeEmpty("the flat layout has no series");
        SameData(Parse("application/vnd.sdmx.genericdata+xml", flatBody), server.Lac);
    }

    [Fact]
    public async Task Embargoed_values_exist_over_REST_only_for_those_who_may_see_them_and_every_read_is_a_recorded_transfer()
    {
        var push = new DataExchangeService.DataExchangeServiceClient(server.AsProviderOf("INEGI", "484"));
        var header = Header(sender: "INEGI");
        header.EmbargoUntil = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30));
        await push.PushAsync(header, [Sdg("SH_DYN_IMRT", "484", "N", ("2022", 11.9, "C"))]);
        var key = "/sdmx/rest/data/MDGX,DF_SDG,1.0/" + SdgKey("SH_DYN_IMRT", "484", "N");

        using var anonymous = await server.HttpAsync();
        using (var hidden = await SdmxRestFixture.GetAsync(anonymous, key, "application/vnd.sdmx.data+csv;version=2.0.0"))
        {
            hidden.StatusCode.Should().Be(HttpStatusCode.NotFound, "a value under embargo does not exist for the public");
        }

        using var owner = await server.HttpAsync("INEGI", "provider");
        using var seen = await SdmxRestFixture.GetAsync(owner, key, "application/vnd.sdmx.data+csv;version=2.0.0");
        seen.StatusCode.Should().Be(HttpStatusCode.OK);
        (await seen.Content.ReadAsStringAsync()).Should().Contain("11.9");
        var transferId = seen.Headers.GetValues("X-Transfer-Id").Single();

        var recorded = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = transferId });
        (recorded.Kind, recorded.Channel, recorded.Format, recorded.Outcome).Should().Be(("pull", "rest", "sdmx-csv-2.0", "completed"));
        (recorded.Series, recorded.Observations).Should().Be((1L, 1L));
    }

    [Fact]
    public async Task Gzip_is_used_when_the_client_accepts_it_and_decompresses_to_the_same_message()
    {
        using var http = await server.HttpAsync();
        using var plain = await SdmxRestFixture.GetAsync(http, AllLac + "?detail=dataonly", "application/vnd.sdmx.data+csv;version=1.0.0");
        var expected = await plain.Content.ReadAsStringAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(AllLac + "?detail=dataonly", UriKind.Relative));
        request.Headers.Accept.ParseAdd("application/vnd.sdmx.data+csv;version=1.0.0");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var zipped = await http.SendAsync(request);
        zipped.Content.Headers.ContentEncoding.Should().Equal("gzip");
        var compressed = await zipped.Content.ReadAsByteArrayAsync();
        compressed.Length.Should().BeLessThan(Encoding.UTF8.GetByteCount(expected) / 3);
        using var unzip = new StreamReader(new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress));
        var text = await unzip.ReadToEndAsync();

        // Same message but for the header's instant-dependent fields, which SDMX-CSV does not have.
        text.Should().Be(expected);
    }

    [Fact]
    public async Task IncludeHistory_returns_each_version_of_a_revised_value_in_its_own_data_set_and_updatedAfter_only_the_revision()
    {
        var push = new DataExchangeService.DataExchangeServiceClient(server.AsProviderOf("DANE", "170"));
        await push.PushAsync(Header(sender: "DANE"), [Sdg("SH_DYN_MORT", "170", "N", ("2019", 14.0, "C"), ("2020", 13.5, "C"))]);
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        var between = server.Clock.GetUtcNow();
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        await push.PushAsync(Header(sender: "DANE", action: "M"), [Sdg("SH_DYN_MORT", "170", "N", ("2020", 13.1, "C"))]);
        var path = "/sdmx/rest/data/MDGX,DF_SDG,1.0/" + SdgKey("SH_DYN_MORT", "170", "N");
        using var http = await server.HttpAsync();

        using var history = await SdmxRestFixture.GetAsync(http, path + "?includeHistory=true", "application/vnd.sdmx.genericdata+xml;version=2.1");
        var body = await history.Content.ReadAsByteArrayAsync();
        SdmxRestFixture.XsdProblems(body).Should().BeEmpty();
        var dataSets = XDocument.Parse(Encoding.UTF8.GetString(body)).Descendants().Where(e => e.Name.LocalName == "DataSet").ToList();
        dataSets.Should().HaveCountGreaterThan(1);
        dataSets.Should().Contain(d => d.Attribute("validToDate") != null, "the revised 13.5 is a past version");
        var values = dataSets.SelectMany(d => d.Descendants().Where(e => e.Name.LocalName == "ObsValue")).Select(e => e.Attribute("value")!.Value).ToList();
        values.Should().Contain(["14", "13.5", "13.1"]);

        using var json = await SdmxRestFixture.GetAsync(http, path + "?includeHistory=true", "application/vnd.sdmx.data+json;version=2.0.0");
        var jsonSeries = SdmxJsonData.Read(await json.Content.ReadAsByteArrayAsync());
        jsonSeries.SelectMany(s => s.Observations).Select(o => o.Value).Should().BeEquivalentTo([14.0, 13.5, 13.1]);
        using var csv = await SdmxRestFixture.GetAsync(http, path + "?includeHistory=true", "application/vnd.sdmx.data+csv;version=2.0.0");
        csv.StatusCode.Should().Be(HttpStatusCode.NotImplemented, "SDMX-CSV cannot tell versions apart");

        var current = await ReadAsync(http, path);
        current.Single().Observations.Select(o => o.Value).Should().Equal(14.0, 13.1);

        var updated = await ReadAsync(http, path + "?updatedAfter=" + Uri.EscapeDataString(between.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz")));
        updated.Single().Observations.Select(o => (o.TimePeriod, o.Value)).Should().Equal(("2020", (double?)13.1));
    }

    [Fact]
    public async Task ProviderRef_keeps_the_values_sent_by_that_provider()
    {
        var push = new DataExchangeService.DataExchangeServiceClient(server.AsProviderOf("INE", "152"));
        await push.PushAsync(Header(sender: "INE"), [Sdg("SH_DYN_NMRT", "152", "N", ("2021", 5.1, "C"))]);
        using var http = await server.HttpAsync();

        var ine = await ReadAsync(http, "/sdmx/rest/data/MDGX,DF_SDG,1.0/all/INE");
        ine.Should().ContainSingle().Which.Key["REF_AREA"].Should().Be("152");
        var unsd = await ReadAsync(http, "/sdmx/rest/data/MDGX,DF_SDG,1.0/all/UNSD");
        unsd.Sum(s => s.Observations.Count).Should().Be(3430);
        using var none = await SdmxRestFixture.GetAsync(http, "/sdmx/rest/data/MDGX,DF_SDG,1.0/all/NOBODY");
        none.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_dsd_level_key_with_alternatives_selects_those_areas()
    {
        using var http = await server.HttpAsync();
        var areas = server.Lac.Select(s => s.Key["REF_AREA"]).Distinct().Order(StringComparer.Ordinal).Take(2).ToList();
        var two = await ReadAsync(http, $"/sdmx/rest/data/MDGX,DF_SDG,1.0/A.G..{string.Join('+', areas)}...........");
        two.Select(s => s.Key["REF_AREA"]).Distinct().Should().BeEquivalentTo(areas);
        two.Sum(s => s.Observations.Count).Should().Be(server.Lac.Where(s => areas.Contains(s.Key["REF_AREA"])).Sum(s => s.Observations.Count));
    }

    [Fact]
    public async Task Hostile_text_in_every_part_of_a_query_is_an_SDMX_error_and_harms_nothing()
    {
        using var http = await server.HttpAsync();
        var hostile = Uri.EscapeDataString("x' OR '1'='1'; DROP TABLE observation;--");
        foreach (var path in new[]
        {
            $"/sdmx/rest/data/MDGX,{hostile},1.0/all",
            $"/sdmx/rest/data/MDGX,DF_SDG,1.0/{hostile}",
            $"/sdmx/rest/data/MDGX,DF_SDG,1.0/all/{hostile}",
            $"/sdmx/rest/data/MDGX,DF_SDG,1.0/all?startPeriod={hostile}",
            $"/sdmx/v2/data/dataflow/MDGX/DF_SDG/1.0/*?c[REF_AREA]={hostile}",
            $"/sdmx/v2/data/dataflow/MDGX/DF_SDG/1.0/*?c[{hostile}]=1",
            $"/sdmx/rest/codelist/{hostile}/all/latest",
            $"/sdmx/rest/codelist/IAEG-SDGs/CL_AREA/latest/{hostile}",
            $"/sdmx/rest/availableconstraint/MDGX,DF_SDG,1.0/all/all/{hostile}",
        })
        {
            using var response = await SdmxRestFixture.GetAsync(http, path);
            ((int)response.StatusCode).Should().BeOneOf([400, 404, 501], path);
            (await response.Content.ReadAsStringAsync()).Should().Contain("ErrorMessage", path);
        }

        (await ReadAsync(http, AllLac)).Sum(s => s.Observations.Count).Should().Be(3430, "the data are all still there");
    }

    internal static string Key(Series series) => string.Join('|', series.Key.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value}"));

    private async Task<List<Series>> ReadAsync(HttpClient http, string path)
    {
        using var response = await SdmxRestFixture.GetAsync(http, path, "application/vnd.sdmx.structurespecificdata+xml;version=2.1");
        var body = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        return Parse("application/vnd.sdmx.structurespecificdata+xml", body);
    }

    private static async Task Expect(HttpClient http, string path, HttpStatusCode status, string code, string text)
    {
        using var response = await SdmxRestFixture.GetAsync(http, path, "application/vnd.sdmx.genericdata+xml;version=2.1");
        var body = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(status, path);
        SdmxRestFixture.XsdProblems(body).Should().BeEmpty("the error is an SDMX-ML error message");
        var error = XDocument.Parse(Encoding.UTF8.GetString(body));
        error.Root!.Name.LocalName.Should().Be("Error");
        var message = error.Descendants().Single(e => e.Name.LocalName == "ErrorMessage");
        message.Attribute("code")!.Value.Should().Be(code, path);
        message.Value.Should().Contain(text, path);
    }

    private void Conformance(string mediaType, byte[] body)
    {
        switch (mediaType.Split(';')[0])
        {
            case "application/vnd.sdmx.genericdata+xml":
                SdmxRestFixture.XsdProblems(body).Should().BeEmpty();
                break;
            case "application/vnd.sdmx.structurespecificdata+xml":
                var ns = XDocument.Parse(Encoding.UTF8.GetString(body)).Descendants().First(e => e.Name.LocalName == "Structure").Attribute("namespace")!.Value;
                MdgExchange.Sdmx.Tests.Data.StructureSpecificSchema.Validate(body, server.Dsd, ns).Should().BeEmpty();
                break;
            case "application/vnd.sdmx.data+json":
                SdmxJsonSchemas.ShouldBeValid(Encoding.UTF8.GetString(body), mediaType.Contains("version=1.0", StringComparison.Ordinal) ? SdmxJsonSchemas.Data10 : SdmxJsonSchemas.Data20);
                break;
        }
    }

    /// <summary>Reads a data message back: SDMX-ML and SDMX-CSV with the repo's readers, SDMX-JSON by its indices.</summary>
    internal List<Series> Parse(string mediaType, byte[] body)
    {
        if (mediaType.Contains("json", StringComparison.Ordinal))
        {
            return SdmxJsonData.Read(body);
        }

        using var reader = DataReaderFactory.Open(new MemoryStream(body));
        return reader.ReadSeries(server.Dsd).ToList();
    }

    internal static void SameData(IReadOnlyList<Series> back, IReadOnlyList<Series> pushed)
    {
        // The flat layout gives one series per observation: merge by key.
        var byKey = back.GroupBy(Key).ToDictionary(g => g.Key, g => g.ToList());
        byKey.Keys.Should().BeEquivalentTo(pushed.Select(Key));
        foreach (var original in pushed)
        {
            var copies = byKey[Key(original)];
            copies.SelectMany(c => c.Attributes).Distinct().Should().BeEquivalentTo(original.Attributes);
            copies.SelectMany(c => c.Observations).OrderBy(o => o.TimePeriod, StringComparer.Ordinal).Select(o => (o.TimePeriod, o.Value, Attrs(o.Attributes)))
                .Should().Equal(original.Observations.OrderBy(o => o.TimePeriod, StringComparer.Ordinal).Select(o => (o.TimePeriod, o.Value, Attrs(o.Attributes))));
        }
    }

    private static string Attrs(IReadOnlyDictionary<string, string> attributes) =>
        string.Join('|', attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
}
