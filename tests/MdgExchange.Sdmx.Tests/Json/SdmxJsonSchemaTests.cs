namespace MdgExchange.Sdmx.Tests.Json;

/// <summary>The shipped SDMX-JSON schemas load, and they reject what they should (so validation can fail).</summary>
public sealed class SdmxJsonSchemaTests
{
    [Theory]
    [InlineData(SdmxJsonSchemas.Data10)]
    [InlineData(SdmxJsonSchemas.Data20)]
    [InlineData(SdmxJsonSchemas.Structure10)]
    [InlineData(SdmxJsonSchemas.Structure20)]
    [InlineData(SdmxJsonSchemas.Metadata20)]
    public void A_message_without_its_required_header_is_invalid(string schema)
    {
        SdmxJsonSchemas.Violations("""{"meta": {"id": 5}}""", schema).Should().NotBeEmpty();
    }

    [Fact]
    public void A_minimal_data_message_20_is_valid()
    {
        const string json = """
            {"meta": {"schema": "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/2.0.0/sdmx-json-data-schema.json",
                      "id": "M1", "test": false, "prepared": "2026-11-30T10:00:00Z", "sender": {"id": "MDGEXCHANGE"}},
             "data": {"dataSets": [], "structures": []}}
            """;
        SdmxJsonSchemas.Violations(json, SdmxJsonSchemas.Data20).Should().BeEmpty();
    }
}
