using System.Text.Json;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Json;
using MdgExchange.Sdmx.Tests.Ml;
using static MdgExchange.Sdmx.Tests.Json.StructureJsonFiles;

namespace MdgExchange.Sdmx.Tests.Json;

/// <summary>The shipped structure files, read from SDMX-ML and written as SDMX-JSON 1.0 and 2.0.0 structure messages.</summary>
public sealed class StructureJsonWriterTests
{
    private const StructureJsonVersion V10 = StructureJsonVersion.V10;
    private const StructureJsonVersion V20 = StructureJsonVersion.V20;

    public static TheoryData<string, StructureJsonVersion> FilesAndVersions()
    {
        var data = new TheoryData<string, StructureJsonVersion>();
        foreach (var name in Names)
        {
            data.Add(name, V10);
            data.Add(name, V20);
        }

        return data;
    }

    private static DataStructureDefinition SdgDsd => Message(SdmxTestFiles.RealDsd).Artefacts.OfType<DataStructureDefinition>().Single();

    [Theory]
    [MemberData(nameof(FilesAndVersions))]
    public void Every_shipped_file_is_written_valid_against_the_schema(string file, StructureJsonVersion version)
    {
        var artefacts = Message(file).Artefacts;
        using var document = WriteValid(version, artefacts);

        var written = document.RootElement.GetProperty("data").EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(SelfUrn).ToList();
        var expected = artefacts.Select(a => version == V20 && a is ContentConstraint ? a.Ref.Urn.Replace("registry.ContentConstraint=", "registry.DataConstraint=", StringComparison.Ordinal) : a.Ref.Urn);
        written.Should().BeEquivalentTo(expected, "every artefact is written once, with its URN (SDMX 3.0 has data constraints)");
    }

    [Fact]
    public void The_header_is_written()
    {
        using var document = WriteValid(V20, [], "es");
        var meta = document.RootElement.GetProperty("meta");
        meta.GetProperty("id").GetString().Should().Be("JSON_TEST");
        meta.GetProperty("prepared").GetString().Should().Be("2026-03-01T10:00:00.000+05:00");
        meta.GetProperty("sender").GetProperty("id").GetString().Should().Be("MDGEXCHANGE");
        meta.GetProperty("receivers")[0].GetProperty("id").GetString().Should().Be("UNSD");
        meta.GetProperty("contentLanguages").EnumerateArray().Select(l => l.GetString()).Should().Equal("es");
        meta.GetProperty("schema").GetString().Should().EndWith("2.0.0/sdmx-json-structure-schema.json");
    }

    [Theory]
    [InlineData(V10)]
    [InlineData(V20)]
    public void Every_code_of_CL_AREA_is_written_with_its_names(StructureJsonVersion version)
    {
        var codelist = Message(SdmxTestFiles.RealDsd).Artefacts.OfType<Codelist>().Single(c => c.Id == "CL_AREA");
        using var document = WriteValid(version, [codelist]);

        var written = Array(document, "codelists").Single();
        written.GetProperty("id").GetString().Should().Be("CL_AREA");
        written.GetProperty("agencyID").GetString().Should().Be("IAEG-SDGs");
        written.GetProperty("version").GetString().Should().Be("1.0");
        written.GetProperty("isExternalReference").GetBoolean().Should().BeFalse();
        written.TryGetProperty("isFinal", out var isFinal).Should().Be(version == V10, "SDMX 3.0 has no final flag");
        if (version == V10)
        {
            isFinal.GetBoolean().Should().BeTrue();
        }

        var codes = written.GetProperty("codes").EnumerateArray().ToList();
        codes.Select(c => c.GetProperty("id").GetString()).Should().Equal(codelist.Items.Select(c => c.Id));
        foreach (var (json, code) in codes.Zip(codelist.Items))
        {
            json.GetProperty("name").GetString().Should().Be(code.NameIn("en"));
            var names = json.GetProperty("names").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
            names.Should().Equal(code.Names.DistinctBy(n => n.Lang).ToDictionary(n => n.Lang, n => (string?)n.Text));
            names.Should().ContainKey("en");
            if (code.Names.Find(n => n.Lang == "es") is { } spanish)
            {
                names["es"].Should().Be(spanish.Text);
            }

            SelfUrn(json).Should().Be($"urn:sdmx:org.sdmx.infomodel.codelist.Code=IAEG-SDGs:CL_AREA(1.0).{code.Id}");
            OptionalString(json, "parent").Should().Be(code.ParentId);
        }
    }

    [Theory]
    [InlineData(V10)]
    [InlineData(V20)]
    public void Names_in_several_languages_are_all_written_and_name_is_the_requested_one(StructureJsonVersion version)
    {
        var codelists = Message(SdmxTestFiles.RealDsd).Artefacts.OfType<Codelist>().ToList();
        var (codelist, code) = codelists.SelectMany(c => c.Items.Select(i => (c, i))).First(p => p.i.Names.Any(n => n.Lang == "es"));
        using var document = WriteValid(version, [codelist], "es");

        var written = Array(document, "codelists").Single().GetProperty("codes").EnumerateArray().Single(c => c.GetProperty("id").GetString() == code.Id);
        written.GetProperty("name").GetString().Should().Be(code.Names.First(n => n.Lang == "es").Text);
        written.GetProperty("names").GetProperty("en").GetString().Should().Be(code.Names.First(n => n.Lang == "en").Text);
        written.GetProperty("names").GetProperty("es").GetString().Should().Be(code.Names.First(n => n.Lang == "es").Text);
    }

    [Theory]
    [InlineData(V10)]
    [InlineData(V20)]
    public void The_SDG_DSD_keeps_its_dimension_order_concepts_and_codelists(StructureJsonVersion version)
    {
        using var document = WriteValid(version, [SdgDsd]);

        var components = Array(document, "dataStructures").Single().GetProperty("dataStructureComponents");
        var dimensionList = components.GetProperty("dimensionList");
        var dimensions = dimensionList.GetProperty("dimensions").EnumerateArray().ToList();
        dimensions.Select(d => d.GetProperty("id").GetString()).Should().Equal(SdgDsd.Dimensions.Select(d => d.Id));
        dimensions.Select(d => d.GetProperty("position").GetInt32()).Should().Equal(Enumerable.Range(1, 15));
        var series = dimensions.Single(d => d.GetProperty("id").GetString() == "SERIES");
        series.GetProperty("conceptIdentity").GetString().Should().Be("urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=IAEG-SDGs:SDG_CONCEPTS(1.0).SERIES");
        series.GetProperty("localRepresentation").GetProperty("enumeration").GetString().Should().Be("urn:sdmx:org.sdmx.infomodel.codelist.Codelist=IAEG-SDGs:CL_SERIES(1.0)");
        SelfUrn(series).Should().Be("urn:sdmx:org.sdmx.infomodel.datastructure.Dimension=IAEG-SDGs:SDG(1.0).SERIES");

        var time = version == V10 ? dimensionList.GetProperty("timeDimensions")[0] : dimensionList.GetProperty("timeDimension");
        time.GetProperty("id").GetString().Should().Be("TIME_PERIOD");
        time.GetProperty("localRepresentation").GetProperty(version == V10 ? "textFormat" : "format").GetProperty(version == V10 ? "textType" : "dataType").GetString()
            .Should().Be("ObservationalTimePeriod");

        var attributes = components.GetProperty("attributeList").GetProperty("attributes").EnumerateArray().ToList();
        attributes.Select(a => a.GetProperty("id").GetString()).Should().Equal(SdgDsd.Attributes.Select(a => a.Id));
        var measure = version == V10
            ? components.GetProperty("measureList").GetProperty("primaryMeasure")
            : components.GetProperty("measureList").GetProperty("measures")[0];
        measure.GetProperty("id").GetString().Should().Be(SdgDsd.PrimaryMeasure!.Id);
    }

    [Theory]
    [InlineData(V10)]
    [InlineData(V20)]
    public void Attribute_relationships_are_written_in_the_versions_terms(StructureJsonVersion version)
    {
        using var document = WriteValid(version, [SdgDsd]);

        var attributes = Array(document, "dataStructures").Single().GetProperty("dataStructureComponents").GetProperty("attributeList").GetProperty("attributes")
            .EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("attributeRelationship"));
        foreach (var attribute in SdgDsd.Attributes)
        {
            var relationship = attributes[attribute.Id];
            var expected = attribute.AttachmentLevel switch
            {
                AttachmentLevel.Observation => version == V10 ? "primaryMeasure" : "observation",
                AttachmentLevel.Group => "group",
                AttachmentLevel.Series => "dimensions",
                _ => version == V10 ? "none" : "dataflow",
            };
            relationship.EnumerateObject().Select(p => p.Name).Should().Contain(expected, $"attribute {attribute.Id} is attached at {attribute.AttachmentLevel}");
        }
    }

    [Theory]
    [InlineData(V10)]
    [InlineData(V20)]
    public void The_dataflow_refers_to_its_DSD_by_URN(StructureJsonVersion version)
    {
        var dataflow = Message("constraints.xml").Artefacts.OfType<Dataflow>().Single();
        using var document = WriteValid(version, [dataflow]);

        var written = Array(document, "dataflows").Single();
        written.GetProperty("structure").GetString().Should().Be("urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=IAEG-SDGs:SDG(1.0)");
        SelfUrn(written).Should().Be("urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=MDG:DF_SDG(1.0)");
    }

    [Theory]
    [InlineData(V10)]
    [InlineData(V20)]
    public void Categories_nest_and_categorisations_target_them_by_path(StructureJsonVersion version)
    {
        using var document = WriteValid(version, Message("categories.xml").Artefacts);

        var g1 = Array(document, "categorySchemes").Single().GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "G1");
        var i1 = g1.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "T1").GetProperty("categories")[0];
        SelfUrn(i1).Should().Be("urn:sdmx:org.sdmx.infomodel.categoryscheme.Category=MDG:SDG_GOALS(1.0).G1.T1.I1");
        var categorisation = Array(document, "categorisations").Single(c => c.GetProperty("id").GetString() == "CAT_DF_SDG_G1");
        categorisation.GetProperty("source").GetString().Should().Be("urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=MDG:DF_SDG(1.0)");
        categorisation.GetProperty("target").GetString().Should().Be("urn:sdmx:org.sdmx.infomodel.categoryscheme.Category=MDG:SDG_GOALS(1.0).G1.T1.I1");
    }

    [Theory]
    [InlineData(V10)]
    [InlineData(V20)]
    public void Constraints_keep_their_regions_key_sets_and_attachments(StructureJsonVersion version)
    {
        using var document = WriteValid(version, Message("constraints.xml").Artefacts);

        var constraints = Array(document, version == V10 ? "contentConstraints" : "dataConstraints").ToDictionary(c => c.GetProperty("id").GetString()!);
        var allowed = constraints["CC_SDG_ALLOWED"];
        allowed.GetProperty(version == V10 ? "type" : "role").GetString().Should().Be("Allowed");
        allowed.GetProperty("constraintAttachment").GetProperty("dataflows")[0].GetString().Should().Be("urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=MDG:DF_SDG(1.0)");
        var regions = allowed.GetProperty("cubeRegions").EnumerateArray().ToList();
        regions.Select(r => r.GetProperty(version == V10 ? "isIncluded" : "include").GetBoolean()).Should().Equal(true, false);
        var keyValues = regions[0].GetProperty("keyValues").EnumerateArray().ToDictionary(k => k.GetProperty("id").GetString()!);
        keyValues["SERIES"].GetProperty("values").EnumerateArray().Select(v => v.GetString()).Should().Equal("SI_POV_DAY1", "SI_POV_EMP1");
        keyValues["REF_AREA"].GetProperty("include").GetBoolean().Should().BeFalse();
        var range = keyValues["TIME_PERIOD"].GetProperty("timeRange");
        range.GetProperty("startPeriod").GetProperty("period").GetString().Should().Be("2000");
        range.GetProperty("endPeriod").GetProperty("isInclusive").GetBoolean().Should().BeFalse();
        regions[0].GetProperty(version == V10 ? "attributes" : "components")[0].GetProperty("id").GetString().Should().Be("UNIT_MEASURE");

        var keys = constraints["CC_SDG_KEYS"];
        keys.GetProperty("constraintAttachment").GetProperty("dataStructures").GetArrayLength().Should().Be(2);
        keys.GetProperty("dataKeySets").EnumerateArray().Select(s => s.GetProperty("isIncluded").GetBoolean()).Should().Equal(true, false);
        constraints["CC_PROVIDER"].GetProperty("constraintAttachment").GetProperty("dataProvider").GetString()
            .Should().Be("urn:sdmx:org.sdmx.infomodel.base.DataProvider=MDG:DATA_PROVIDERS(1.0).TAJSTAT");

        var agreement = Array(document, "provisionAgreements").Single();
        agreement.GetProperty(version == V10 ? "structureUsage" : "dataflow").GetString().Should().Be("urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=MDG:DF_SDG(1.0)");
    }

    [Theory]
    [InlineData(V10)]
    [InlineData(V20)]
    public void The_SDG_MSD_keeps_its_nested_metadata_attributes(StructureJsonVersion version)
    {
        var msd = Message(StructureJsonFiles.Msd).Artefacts.OfType<MetadataStructureDefinition>().Single();
        using var document = WriteValid(version, [msd]);

        var components = Array(document, "metadataStructures").Single().GetProperty("metadataStructureComponents");
        var attributes = version == V10
            ? components.GetProperty("reportStructures")[0].GetProperty("metadataAttributes")
            : components.GetProperty("metadataAttributeList").GetProperty("metadataAttributes");
        attributes.EnumerateArray().Select(a => a.GetProperty("id").GetString()).Should().Equal(msd.Attributes.Select(a => a.Id));
        Flatten(attributes).Should().HaveCount(msd.AllAttributes().Count());

        static IEnumerable<JsonElement> Flatten(JsonElement list) =>
            list.EnumerateArray().SelectMany(a => a.TryGetProperty("metadataAttributes", out var children) ? Flatten(children).Prepend(a) : [a]);
    }

    [Theory]
    [InlineData(V10)]
    [InlineData(V20)]
    public void Organisations_keep_their_contacts(StructureJsonVersion version)
    {
        var artefacts = Message("organisations.xml").Artefacts;
        using var document = WriteValid(version, artefacts);

        var scheme = artefacts.OfType<DataProviderScheme>().Single();
        var provider = scheme.Items.First(p => p.Contacts.Count > 0);
        var written = Array(document, "dataProviderSchemes").Single().GetProperty("dataProviders").EnumerateArray().Single(p => p.GetProperty("id").GetString() == provider.Id);
        written.GetProperty("contacts").GetArrayLength().Should().Be(provider.Contacts.Count);
        SelfUrn(written).Should().Be($"urn:sdmx:org.sdmx.infomodel.base.DataProvider=MDG:DATA_PROVIDERS(1.0).{provider.Id}");
    }
}
