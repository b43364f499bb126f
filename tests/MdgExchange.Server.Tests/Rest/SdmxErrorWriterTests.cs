using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using MdgExchange.Sdmx.Tests.Json;
using MdgExchange.Server.Rest;
using Microsoft.AspNetCore.Http;

namespace MdgExchange.Server.Tests.Rest;

public class SdmxErrorWriterTests
{
    private static readonly XNamespace Message = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message";
    private static readonly XNamespace Common = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common";

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add(null, Path.Combine(AppContext.BaseDirectory, "xsd", "SDMXMessage.xsd"));
        set.Compile();
        return set;
    });

    private static async Task<(HttpResponse Response, string Body)> Write(SdmxRestException error, string? accept)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await SdmxErrorWriter.WriteAsync(context.Response, error, accept);
        return (context.Response, Encoding.UTF8.GetString(body.ToArray()));
    }

    private static List<string> XsdProblems(string xml)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    public static TheoryData<SdmxRestException> Errors() =>
    [
        SdmxRestException.NoResults("no data for A.N.X"),
        SdmxRestException.Syntax("startPeriod: must be an SDMX period"),
        SdmxRestException.Semantic("REF_AREA: 999 is not in CL_AREA"),
        SdmxRestException.Unauthorised("sign in"),
        SdmxRestException.Forbidden("not yours"),
        SdmxRestException.TooLarge("too many series"),
        SdmxRestException.NotAcceptable("Accept: none offered"),
        SdmxRestException.NotImplemented("context: not implemented"),
        new SdmxRestException(500, 500, "internal <error> & \"quotes\" \u0001 \U0001F600"),
    ];

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Sdmx_ml_error_is_valid_against_the_xsd(SdmxRestException error)
    {
        var (response, body) = await Write(error, null);
        response.StatusCode.Should().Be(error.Status);
        response.ContentType.Should().Be("application/xml; charset=utf-8");
        XsdProblems(body).Should().BeEmpty();
        var message = XDocument.Parse(body).Root!;
        message.Name.Should().Be(Message + "Error");
        var errorMessage = message.Element(Message + "ErrorMessage")!;
        errorMessage.Attribute("code")!.Value.Should().Be(error.Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var text = errorMessage.Element(Common + "Text")!;
        text.Attribute(XNamespace.Xml + "lang")!.Value.Should().Be("en");
        text.Value.Should().StartWith(error.Message[..Math.Min(8, error.Message.Length)]);
    }

    [Fact]
    public async Task Unsafe_characters_are_dropped_but_surrogate_pairs_kept()
    {
        var (_, body) = await Write(new SdmxRestException(500, 500, "a\u0001b \U0001F600"), "application/xml");
        XDocument.Parse(body).Root!.Value.Should().Be("ab \U0001F600");
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Sdmx_json_error_is_valid_against_the_data_2_0_schema(SdmxRestException error)
    {
        var (response, body) = await Write(error, "application/vnd.sdmx.data+json;version=2.0.0");
        response.StatusCode.Should().Be(error.Status);
        response.ContentType.Should().Be("application/json; charset=utf-8");
        SdmxJsonSchemas.ShouldBeValid(body, SdmxJsonSchemas.Data20);
        using var json = JsonDocument.Parse(body);
        var item = json.RootElement.GetProperty("errors")[0];
        item.GetProperty("code").GetInt32().Should().Be(error.Code);
        item.GetProperty("title").GetString().Should().Be(SdmxErrorWriter.Title(error.Code));
        item.GetProperty("detail").GetString().Should().Be(error.Message);
    }

    [Theory]
    [InlineData(null, "application/xml; charset=utf-8")]
    [InlineData("*/*", "application/xml; charset=utf-8")]
    [InlineData("application/vnd.sdmx.genericdata+xml;version=2.1", "application/xml; charset=utf-8")]
    [InlineData("application/vnd.sdmx.structure+xml;version=2.1", "application/xml; charset=utf-8")]
    [InlineData("text/html", "application/xml; charset=utf-8")]
    [InlineData("application/json", "application/json; charset=utf-8")]
    [InlineData("application/vnd.sdmx.structure+json;version=1.0.0", "application/json; charset=utf-8")]
    [InlineData("application/xml;q=0.5, application/json", "application/json; charset=utf-8")]
    [InlineData("application/json;q=0.5, application/xml", "application/xml; charset=utf-8")]
    [InlineData("application/json;q=0, */*", "application/xml; charset=utf-8")]
    [InlineData("application/vnd.sdmx.data+csv;version=2.0.0", "text/plain; charset=utf-8")]
    [InlineData("text/csv", "text/plain; charset=utf-8")]
    [InlineData("text/plain", "text/plain; charset=utf-8")]
    public async Task Format_follows_accept(string? accept, string contentType) =>
        (await Write(SdmxRestException.Syntax("key: bad"), accept)).Response.ContentType.Should().Be(contentType);

    [Fact]
    public async Task Plain_text_for_csv_clients()
    {
        var (response, body) = await Write(SdmxRestException.NotImplemented("sort: not implemented"), "text/csv");
        response.StatusCode.Should().Be(501);
        body.Should().Be("501 Not implemented: sort: not implemented\n");
        response.ContentLength.Should().Be(Encoding.UTF8.GetByteCount(body));
    }

    [Fact]
    public async Task Refuses_a_started_response()
    {
        var context = new DefaultHttpContext();
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(new StartedResponse());
        await FluentActions.Awaiting(() => SdmxErrorWriter.WriteAsync(context.Response, SdmxRestException.Syntax("x"), null))
            .Should().ThrowAsync<InvalidOperationException>();
    }

    private sealed class StartedResponse : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
