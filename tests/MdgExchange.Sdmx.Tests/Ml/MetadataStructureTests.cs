using System.Text;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Ml;
using static MdgExchange.Sdmx.Tests.Ml.SdmxTestFiles;

namespace MdgExchange.Sdmx.Tests.Ml;

/// <summary>Metadata structures: the real SDG MSD (SDMX-ML 3.0) read, written as SDMX-ML 2.1, and read back.</summary>
public sealed class MetadataStructureTests
{
    private const string Msd = "IAEG-SDGs_SDG_MSD_v1.0.xml";

    [Fact]
    public void The_real_SDG_MSD_is_read_from_SDMX_ML_3_0()
    {
        var message = Read(Dataset(Msd));

        message.Unsupported.Should().BeEmpty();
        var msd = message.Artefacts.Should().ContainSingle().Which.Should().BeOfType<MetadataStructureDefinition>().Subject;
        msd.Ref.ToString().Should().Be("IAEG-SDGs:SDG_MSD(1.0)");
        msd.NameIn().Should().Be("SDG Metadata Structure Definition");
        msd.Attributes.Should().HaveCount(44);
        msd.Attributes.Select(a => a.Id).Should().Contain(["STAT_CONC_DEF", "UNIT_MEASURE", "DATA_COMP", "ADJUSTMENT", "IMPUTATION", "REG_AGG", "DATA_SOURCE", "COLL_METHOD", "COMPARABILITY"]);
        var definition = msd.FindAttribute("STAT_CONC_DEF")!;
        definition.ConceptIdentity.Should().Be(new ItemRef(new ArtefactRef(ArtefactType.ConceptScheme, "IAEG-SDGs", "SDG_META_CONCEPTS", "1.0"), "STAT_CONC_DEF"));
        definition.MinOccurs.Should().Be(0);
        definition.MaxOccurs.Should().Be(1);
        msd.FindAttribute("META_LAST_UPDATE")!.LocalRepresentation!.TextFormat!.TextType.Should().Be("GregorianDay");
        msd.References().Should().Equal(new ArtefactRef(ArtefactType.ConceptScheme, "IAEG-SDGs", "SDG_META_CONCEPTS", "1.0"));
        StructureValidator.Validate(msd).Should().BeEmpty();
    }

    [Fact]
    public void The_SDG_MSD_written_as_SDMX_ML_2_1_is_schema_valid_and_reads_back_the_same()
    {
        var msd = (MetadataStructureDefinition)Read(Dataset(Msd)).Artefacts.Single();
        var flow = new Metadataflow
        {
            AgencyId = "MDGX",
            Id = "MDF_SDG",
            Names = [new("en", "SDG metadata")],
            Structure = msd.Ref,
        };

        var xml = Write(new StructureMessage { Artefacts = [msd, flow] });

        ValidateAgainstXsd(xml).Should().BeEmpty();
        var back = Read(xml);
        var msdBack = back.Artefacts.OfType<MetadataStructureDefinition>().Single();
        msdBack.AllAttributes().Select(a => (a.Path, a.Attribute.ConceptIdentity, a.Attribute.MinOccurs, a.Attribute.MaxOccurs, a.Attribute.LocalRepresentation?.TextFormat?.TextType))
            .Should().Equal(msd.AllAttributes().Select(a => (a.Path, a.Attribute.ConceptIdentity, a.Attribute.MinOccurs, a.Attribute.MaxOccurs, a.Attribute.LocalRepresentation?.TextFormat?.TextType)));
        msdBack.Targets.Should().ContainSingle().Which.ObjectTypes.Should().Equal("Code");
        back.Artefacts.OfType<Metadataflow>().Single().Structure.Should().Be(msd.Ref);
    }

    [Fact]
    public void A_nested_SDMX_ML_2_1_MSD_keeps_its_hierarchy_and_targets()
    {
        var xml = """
            <mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
            <mes:Header><mes:ID>T</mes:ID><mes:Test>false</mes:Test><mes:Prepared>2024-03-01</mes:Prepared><mes:Sender id="MDG"/></mes:Header>
            <mes:Structures><str:MetadataStructures>
            <str:MetadataStructure id="MSD_NAT" agencyID="INEGI" version="1.0"><com:Name xml:lang="es">Metadatos nacionales</com:Name>
            <str:MetadataStructureComponents>
              <str:MetadataTarget id="SERIES_TARGET"><str:IdentifiableObjectTarget id="SERIES" objectType="Code"><str:LocalRepresentation><str:TextFormat textType="IdentifiableReference"/></str:LocalRepresentation></str:IdentifiableObjectTarget></str:MetadataTarget>
              <str:ReportStructure id="NAT_REPORT">
                <str:MetadataAttribute id="CONTACT" isPresentational="true" maxOccurs="unbounded"><str:ConceptIdentity><Ref agencyID="INEGI" maintainableParentID="CS_META" maintainableParentVersion="1.0" id="CONTACT"/></str:ConceptIdentity>
                  <str:MetadataAttribute id="CONTACT_NAME"><str:ConceptIdentity><Ref agencyID="INEGI" maintainableParentID="CS_META" maintainableParentVersion="1.0" id="CONTACT_NAME"/></str:ConceptIdentity><str:LocalRepresentation><str:TextFormat textType="String"/></str:LocalRepresentation></str:MetadataAttribute>
                </str:MetadataAttribute>
                <str:MetadataTarget><Ref id="SERIES_TARGET"/></str:MetadataTarget>
              </str:ReportStructure>
            </str:MetadataStructureComponents></str:MetadataStructure>
            </str:MetadataStructures></mes:Structures></mes:Structure>
            """;

        var msd = (MetadataStructureDefinition)ReadText(xml).Artefacts.Single();

        msd.ReportStructureId.Should().Be("NAT_REPORT");
        msd.Targets.Should().ContainSingle().Which.Should().BeEquivalentTo(new MetadataTargetDefinition { Id = "SERIES_TARGET", ObjectTypes = ["Code"] });
        msd.AllAttributes().Select(a => a.Path).Should().Equal("CONTACT", "CONTACT.CONTACT_NAME");
        msd.Attributes[0].IsPresentational.Should().BeTrue();
        msd.Attributes[0].MaxOccurs.Should().BeNull();
        var again = Write(new StructureMessage { Artefacts = [msd] });
        ValidateAgainstXsd(again).Should().BeEmpty();
        Encoding.UTF8.GetString(again).Should().Contain("isPresentational=\"true\"").And.Contain("maxOccurs=\"unbounded\"");
    }

    [Fact]
    public void An_MSD_attribute_without_a_concept_is_an_error_naming_it()
    {
        var msd = new MetadataStructureDefinition
        {
            AgencyId = "X",
            Id = "MSD",
            Names = [new("en", "x")],
            Attributes = [new MetadataAttributeDefinition { Id = "DEF" }, new MetadataAttributeDefinition { Id = "DEF", ConceptIdentity = new ItemRef(new ArtefactRef(ArtefactType.ConceptScheme, "X", "CS", "1.0"), "DEF") }],
        };

        StructureValidator.Validate(msd).Select(e => e.Path).Should().Contain(["MetadataAttributes/DEF/ConceptIdentity", "MetadataAttributes/DEF"]);
    }

    [Fact]
    public void An_SDMX_ML_3_0_artefact_the_reader_does_not_hold_is_reported_not_dropped()
    {
        var xml = """
            <message:Structure xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message" xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v3_0/structure" xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v3_0/common">
            <message:Header><message:ID>X</message:ID><message:Test>false</message:Test><message:Prepared>2024-01-01T00:00:00Z</message:Prepared><message:Sender id="X"/></message:Header>
            <message:Structures>
            <str:Codelists><str:Codelist agencyID="X" id="CL_A" version="1.0"><com:Name xml:lang="en">A</com:Name><str:Code id="R1"><com:Name xml:lang="en">Region</com:Name></str:Code><str:Code id="M1"><com:Name xml:lang="en">Town</com:Name><str:Parent>R1</str:Parent></str:Code></str:Codelist></str:Codelists>
            <str:DataStructures><str:DataStructure agencyID="X" id="DSD" version="1.0"><com:Name xml:lang="en">D</com:Name></str:DataStructure></str:DataStructures>
            </message:Structures></message:Structure>
            """;

        var message = ReadText(xml);

        message.Artefacts.Should().ContainSingle().Which.Should().BeOfType<Codelist>().Which.Items.Select(c => (c.Id, c.ParentId)).Should().Equal(("R1", null), ("M1", "R1"));
        message.Unsupported.Should().ContainSingle().Which.Reference.Should().Be("X:DSD(1.0)");
    }

    [Fact]
    public void A_bad_concept_URN_in_SDMX_ML_3_0_names_the_line_and_the_artefact()
    {
        var text = File.ReadAllText(Dataset(Msd)).Replace("Concept=IAEG-SDGs:SDG_META_CONCEPTS(1.0).ADJUSTMENT", "Concept=nonsense", StringComparison.Ordinal);

        var act = () => ReadText(text);

        var error = act.Should().Throw<SdmxFormatException>().Which;
        error.Artefact.Should().Be("IAEG-SDGs:SDG_MSD(1.0)");
        error.LineNumber.Should().Be(21);
        error.Rule.Should().Contain("not the URN of an item");
    }
}
