using MdgExchange.Sdmx.Data;
using MdgExchange.Server.Rest;

namespace MdgExchange.Server.Tests.Rest;

public class RestFormatsTests
{
    private static DataFormat? Data(string? accept, RestApi api = RestApi.V1, string? format = null) =>
        RestFormats.Negotiate(accept, format, structure: false, api).Data;

    private static StructureFormat? Structure(string? accept, RestApi api = RestApi.V1, string? format = null) =>
        RestFormats.Negotiate(accept, format, structure: true, api).Structure;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*/*")]
    [InlineData("application/*")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    public void Defaults_are_sdmx_ml_2_1(string? accept)
    {
        foreach (var api in new[] { RestApi.V1, RestApi.V2 })
        {
            var data = RestFormats.Negotiate(accept, null, structure: false, api);
            data.Should().Be(new NegotiatedFormat(DataFormat.SdmxMlGeneric, null, "application/vnd.sdmx.genericdata+xml;version=2.1"));
            var structure = RestFormats.Negotiate(accept, null, structure: true, api);
            structure.Should().Be(new NegotiatedFormat(null, StructureFormat.SdmxMl21, "application/vnd.sdmx.structure+xml;version=2.1"));
        }
    }

    [Theory]
    [InlineData("application/vnd.sdmx.genericdata+xml;version=2.1", DataFormat.SdmxMlGeneric)]
    [InlineData("application/vnd.sdmx.structurespecificdata+xml;version=2.1", DataFormat.SdmxMlStructureSpecific)]
    [InlineData("application/vnd.sdmx.data+csv;version=1.0.0", DataFormat.SdmxCsv10)]
    [InlineData("application/vnd.sdmx.data+csv;version=2.0.0", DataFormat.SdmxCsv20)]
    [InlineData("application/vnd.sdmx.data+json;version=1.0.0", DataFormat.SdmxJson10)]
    [InlineData("application/vnd.sdmx.data+json;version=2.0.0", DataFormat.SdmxJson20)]
    [InlineData("application/vnd.sdmx.data+json;version=1.0", DataFormat.SdmxJson10)]
    [InlineData("application/vnd.sdmx.data+json; version=2.0", DataFormat.SdmxJson20)]
    [InlineData("application/vnd.sdmx.genericdata+xml;version=2.1.0", DataFormat.SdmxMlGeneric)]
    [InlineData("application/vnd.sdmx.data+csv;version=2.0.0;charset=utf-8", DataFormat.SdmxCsv20)]
    [InlineData("application/vnd.sdmx.data+csv;charset=utf-8;version=1.0.0;labels=id", DataFormat.SdmxCsv10)]
    [InlineData("APPLICATION/VND.SDMX.DATA+JSON;VERSION=2.0.0", DataFormat.SdmxJson20)]
    [InlineData("application/vnd.sdmx.data+json;version=\"2.0.0\"", DataFormat.SdmxJson20)]
    [InlineData("application/xml", DataFormat.SdmxMlGeneric)]
    [InlineData("text/xml", DataFormat.SdmxMlGeneric)]
    [InlineData("application/json", DataFormat.SdmxJson20)]
    [InlineData("text/csv", DataFormat.SdmxCsv10)]
    [InlineData("application/vnd.sdmx.data+json;version=2+.0.0", DataFormat.SdmxJson20)]
    [InlineData("application/vnd.sdmx.data+json;version=1+.0.0", DataFormat.SdmxJson20)]
    [InlineData("application/vnd.sdmx.data+csv;version=1.~", DataFormat.SdmxCsv10)]
    public void Data_media_types(string accept, DataFormat expected)
    {
        Data(accept, RestApi.V1).Should().Be(expected);
        Data(accept, RestApi.V2).Should().Be(expected);
    }

    [Theory]
    [InlineData("application/vnd.sdmx.data+csv", RestApi.V1, DataFormat.SdmxCsv10)]
    [InlineData("application/vnd.sdmx.data+csv", RestApi.V2, DataFormat.SdmxCsv20)]
    [InlineData("application/vnd.sdmx.data+json", RestApi.V1, DataFormat.SdmxJson10)]
    [InlineData("application/vnd.sdmx.data+json", RestApi.V2, DataFormat.SdmxJson20)]
    [InlineData("application/vnd.sdmx.genericdata+xml", RestApi.V2, DataFormat.SdmxMlGeneric)]
    public void Versionless_sdmx_types_take_the_api_generation(string accept, RestApi api, DataFormat expected) =>
        Data(accept, api).Should().Be(expected);

    [Fact]
    public void The_media_type_sent_back_is_exact()
    {
        RestFormats.Negotiate("application/json", null, false, RestApi.V1).MediaType.Should().Be("application/vnd.sdmx.data+json;version=2.0.0");
        RestFormats.Negotiate("text/csv", null, false, RestApi.V2).MediaType.Should().Be("application/vnd.sdmx.data+csv;version=1.0.0");
        RestFormats.Negotiate("application/vnd.sdmx.data+json;version=1.0", null, false, RestApi.V2).MediaType.Should().Be("application/vnd.sdmx.data+json;version=1.0.0");
        foreach (var format in DataFormats.All)
        {
            RestFormats.Negotiate(format.MediaType(), null, false, RestApi.V2).Should().Be(new NegotiatedFormat(format, null, format.MediaType()));
        }
    }

    [Theory]
    [InlineData("application/vnd.sdmx.data+json;version=1.0.0;q=0.5, application/vnd.sdmx.data+csv;version=2.0.0", DataFormat.SdmxCsv20)]
    [InlineData("application/vnd.sdmx.data+json;version=1.0.0;q=0.9, application/vnd.sdmx.data+csv;version=2.0.0;q=0.8", DataFormat.SdmxJson10)]
    [InlineData("application/vnd.sdmx.data+json;version=2.0.0, application/vnd.sdmx.data+csv;version=2.0.0", DataFormat.SdmxJson20)]
    [InlineData("application/vnd.sdmx.data+csv;version=2.0.0, application/vnd.sdmx.data+json;version=2.0.0", DataFormat.SdmxCsv20)]
    [InlineData("*/*, application/vnd.sdmx.data+json;version=2.0.0", DataFormat.SdmxJson20)]
    [InlineData("*/*;q=0.1, text/csv", DataFormat.SdmxCsv10)]
    [InlineData("application/vnd.sdmx.data+xml;version=3.0.0, application/json;q=0.5", DataFormat.SdmxJson20)]
    [InlineData("application/vnd.sdmx.genericdata+xml;version=2.1;q=0, */*", DataFormat.SdmxMlStructureSpecific)]
    [InlineData("application/vnd.sdmx.data+json;version=2.0.0;q=0.3, application/vnd.sdmx.structurespecificdata+xml;version=2.1;q=0.7", DataFormat.SdmxMlStructureSpecific)]
    [InlineData("garbage, text/csv", DataFormat.SdmxCsv10)]
    public void Quality_values_and_order(string accept, DataFormat expected) => Data(accept).Should().Be(expected);

    [Theory]
    [InlineData("application/vnd.sdmx.data+xml;version=3.0.0")]
    [InlineData("application/vnd.sdmx.generictimeseriesdata+xml;version=2.1")]
    [InlineData("application/vnd.sdmx.data+json;version=3.0.0")]
    [InlineData("application/vnd.sdmx.data+csv;version=2.1.0")]
    [InlineData("application/vnd.sdmx.structure+xml;version=2.1")]
    [InlineData("text/html")]
    [InlineData("application/json;q=0")]
    [InlineData("*/*;q=0")]
    [InlineData("application/vnd.sdmx.data+json;version=3+.0.0")]
    public void Data_not_acceptable(string accept)
    {
        var error = FluentActions.Invoking(() => Data(accept)).Should().Throw<SdmxRestException>().Which;
        (error.Status, error.Code).Should().Be((406, 406));
        error.Message.Should().StartWith("Accept:").And.Contain("application/vnd.sdmx.data+csv;version=2.0.0").And.Contain("application/vnd.sdmx.genericdata+xml;version=2.1");
    }

    [Theory]
    [InlineData("application/vnd.sdmx.structure+xml;version=2.1", StructureFormat.SdmxMl21)]
    [InlineData("application/vnd.sdmx.structure+json;version=1.0.0", StructureFormat.SdmxJson10)]
    [InlineData("application/vnd.sdmx.structure+json;version=1.0", StructureFormat.SdmxJson10)]
    [InlineData("application/vnd.sdmx.structure+json;version=2.0.0", StructureFormat.SdmxJson20)]
    [InlineData("application/xml", StructureFormat.SdmxMl21)]
    [InlineData("text/xml", StructureFormat.SdmxMl21)]
    [InlineData("application/json", StructureFormat.SdmxJson20)]
    [InlineData("application/vnd.sdmx.structure+xml;version=3.0.0;q=1, application/vnd.sdmx.structure+json;version=2.0.0;q=0.5", StructureFormat.SdmxJson20)]
    public void Structure_media_types(string accept, StructureFormat expected)
    {
        Structure(accept, RestApi.V1).Should().Be(expected);
        Structure(accept, RestApi.V2).Should().Be(expected);
    }

    [Fact]
    public void Structure_media_type_sent_back()
    {
        RestFormats.Negotiate("application/vnd.sdmx.structure+json", null, true, RestApi.V1).MediaType.Should().Be("application/vnd.sdmx.structure+json;version=1.0.0");
        RestFormats.Negotiate("application/vnd.sdmx.structure+json", null, true, RestApi.V2).MediaType.Should().Be("application/vnd.sdmx.structure+json;version=2.0.0");
    }

    [Theory]
    [InlineData("application/vnd.sdmx.structure+xml;version=3.0.0")]
    [InlineData("application/vnd.sdmx.genericdata+xml;version=2.1")]
    [InlineData("text/csv")]
    public void Structure_not_acceptable(string accept) =>
        FluentActions.Invoking(() => Structure(accept)).Should().Throw<SdmxRestException>()
            .Which.Message.Should().Contain("application/vnd.sdmx.structure+json;version=1.0.0");

    [Theory]
    [InlineData("genericdata", RestApi.V1, DataFormat.SdmxMlGeneric)]
    [InlineData("structurespecificdata", RestApi.V1, DataFormat.SdmxMlStructureSpecific)]
    [InlineData("xml", RestApi.V2, DataFormat.SdmxMlGeneric)]
    [InlineData("jsondata", RestApi.V1, DataFormat.SdmxJson10)]
    [InlineData("jsondata", RestApi.V2, DataFormat.SdmxJson20)]
    [InlineData("json", RestApi.V1, DataFormat.SdmxJson20)]
    [InlineData("sdmx-json", RestApi.V1, DataFormat.SdmxJson10)]
    [InlineData("csvfile", RestApi.V1, DataFormat.SdmxCsv10)]
    [InlineData("csv", RestApi.V1, DataFormat.SdmxCsv10)]
    [InlineData("csv", RestApi.V2, DataFormat.SdmxCsv20)]
    [InlineData("sdmx-csv", RestApi.V2, DataFormat.SdmxCsv20)]
    [InlineData("sdmx-csv-2.0", RestApi.V1, DataFormat.SdmxCsv20)]
    [InlineData("sdmx-json-1.0", RestApi.V2, DataFormat.SdmxJson10)]
    [InlineData("sdmx-ml-2.1-structure-specific", RestApi.V1, DataFormat.SdmxMlStructureSpecific)]
    [InlineData("CSV", RestApi.V1, DataFormat.SdmxCsv10)]
    [InlineData("application/vnd.sdmx.data+csv;version=2.0.0", RestApi.V1, DataFormat.SdmxCsv20)]
    public void Format_parameter_overrides_accept(string format, RestApi api, DataFormat expected) =>
        Data("application/vnd.sdmx.genericdata+xml;version=2.1", api, format).Should().Be(expected);

    [Theory]
    [InlineData("structure", StructureFormat.SdmxMl21)]
    [InlineData("xml", StructureFormat.SdmxMl21)]
    [InlineData("json", StructureFormat.SdmxJson20)]
    [InlineData("sdmx-json", StructureFormat.SdmxJson10)]
    [InlineData("sdmx-json-1.0", StructureFormat.SdmxJson10)]
    [InlineData("sdmx-json-2.0", StructureFormat.SdmxJson20)]
    public void Structure_format_parameter(string format, StructureFormat expected) =>
        Structure("text/html", RestApi.V1, format).Should().Be(expected);

    [Theory]
    [InlineData("excel", false)]
    [InlineData("genericdata", true)]
    [InlineData("sdmx-csv", true)]
    public void Unknown_format_parameter(string format, bool structure)
    {
        var error = FluentActions.Invoking(() => RestFormats.Negotiate(null, format, structure, RestApi.V1)).Should().Throw<SdmxRestException>().Which;
        error.Status.Should().Be(406);
        error.Message.Should().StartWith("format:").And.Contain(structure ? "sdmx-json-2.0" : "sdmx-csv-2.0");
    }
}
