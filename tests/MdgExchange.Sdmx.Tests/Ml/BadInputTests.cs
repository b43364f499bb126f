using System.Text;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Ml;
using static MdgExchange.Sdmx.Tests.Ml.SdmxTestFiles;

namespace MdgExchange.Sdmx.Tests.Ml;

/// <summary>What cannot be read is refused with an <see cref="SdmxFormatException"/> that says where and why.</summary>
public sealed class BadInputTests
{
    private const string Open = """
        <mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
        <mes:Header><mes:ID>T</mes:ID><mes:Test>false</mes:Test><mes:Prepared>2024-03-01</mes:Prepared><mes:Sender id="MDG"/></mes:Header>
        <mes:Structures>
        """;

    private const string Close = "</mes:Structures></mes:Structure>";

    [Fact]
    public void Malformed_XML_names_the_line_and_the_parser_error()
    {
        var error = Refused(Fixture("bad/malformed.xml"));

        error.Message.Should().Contain("not well-formed XML").And.Contain("line 12").And.Contain("com:Nam");
        error.LineNumber.Should().Be(12);
        error.Artefact.Should().Be("MDG:CL_SEX(1.0)");
        error.InnerException.Should().BeOfType<System.Xml.XmlException>();
    }

    [Fact]
    public void A_document_that_is_not_SDMX_names_its_root()
    {
        var error = Refused(Fixture("bad/not-sdmx.xml"));

        error.Message.Should().Contain("<catalog>").And.Contain("urn:example:books").And.Contain("not an SDMX-ML message");
        error.LineNumber.Should().Be(2);
    }

    [Fact]
    public void An_HTML_page_is_called_one()
    {
        Refused(Fixture("bad/page.html")).Message.Should().Contain("HTML page");
    }

    [Fact]
    public void An_HTML_page_that_is_not_even_XML_is_called_one()
    {
        var error = Refused(Encoding.UTF8.GetBytes("<!doctype html>\n<html><body><p>Gateway timeout<br></body></html>"));

        error.Message.Should().Contain("HTML page");
    }

    [Fact]
    public void An_empty_file_is_called_empty()
    {
        Refused(Fixture("bad/empty.xml")).Message.Should().Contain("empty");
        Refused(Encoding.UTF8.GetBytes("  \n ")).Message.Should().Contain("empty");
    }

    [Fact]
    public void An_invalid_version_names_the_artefact_the_value_and_the_rule()
    {
        var error = Refused(Fixture("bad/invalid-version.xml"));

        error.Message.Should().Contain("MDG:CL_SEX(1.x)").And.Contain("str:Codelist").And.Contain("line 11")
            .And.Contain("'1.x'").And.Contain("not a valid version");
    }

    [Fact]
    public void An_invalid_item_id_names_the_artefact_and_the_id()
    {
        var error = Refused(Fixture("bad/invalid-id.xml"));

        error.Message.Should().Contain("MDG:CL_SEX(1.0)").And.Contain("str:Code").And.Contain("'not valid'").And.Contain("not a valid SDMX id");
        error.LineNumber.Should().Be(16);
    }

    [Fact]
    public void A_missing_required_attribute_is_named()
    {
        var error = Refused(Fixture("bad/missing-agency.xml"));

        error.Message.Should().Contain("'agencyID'").And.Contain("missing").And.Contain("str:ConceptScheme").And.Contain("?:CS_MDG(1.0)");
    }

    [Fact]
    public void An_invalid_version_in_a_reference_is_refused()
    {
        var xml = Open + """
            <str:Dataflows><str:Dataflow id="DF" agencyID="MDG" version="1.0"><com:Name xml:lang="en">x</com:Name>
            <str:Structure><Ref agencyID="MDG" id="DSD" version="latest"/></str:Structure></str:Dataflow></str:Dataflows>
            """ + Close;

        var error = Refused(Encoding.UTF8.GetBytes(xml));

        error.Message.Should().Contain("MDG:DF(1.0)").And.Contain("<Ref>").And.Contain("'latest'").And.Contain("not a valid version");
    }

    [Fact]
    public void A_reference_with_neither_Ref_nor_URN_is_refused()
    {
        var xml = Open + """
            <str:Dataflows><str:Dataflow id="DF" agencyID="MDG"><com:Name xml:lang="en">x</com:Name>
            <str:Structure/></str:Dataflow></str:Dataflows>
            """ + Close;

        Refused(Encoding.UTF8.GetBytes(xml)).Message.Should().Contain("neither a Ref nor a URN").And.Contain("str:Structure");
    }

    [Fact]
    public void A_boolean_that_is_not_one_is_refused()
    {
        var xml = Open + """<str:Codelists><str:Codelist id="CL" agencyID="MDG" isFinal="yes"><com:Name xml:lang="en">x</com:Name></str:Codelist></str:Codelists>""" + Close;

        Refused(Encoding.UTF8.GetBytes(xml)).Message.Should().Contain("'isFinal'").And.Contain("'yes'").And.Contain("not a boolean");
    }

    [Fact]
    public void An_SDMX_data_message_is_not_a_structure_message()
    {
        // The shipped "structure" sample of sdg-build is in fact a GenericData message.
        var error = Refused(Dataset("sdgbuild_test_1-1-1--structure.xml"));

        error.Message.Should().Contain("GenericData message").And.Contain("not a Structure message");
    }

    [Fact]
    public void SDMX_ML_2_0_is_refused_as_another_version()
    {
        var error = Refused(Encoding.UTF8.GetBytes("""<message:Structure xmlns:message="http://www.SDMX.org/resources/SDMXML/schemas/v2_0/message"/>"""));

        error.Message.Should().Contain("SDMX-ML 2.0").And.Contain("only SDMX-ML 2.1");
    }

    [Fact]
    public void Unsupported_artefacts_are_reported_not_dropped()
    {
        var message = Read(Fixture("unsupported.xml"));

        message.Artefacts.Should().ContainSingle().Which.Should().BeOfType<Codelist>().Which.Items.Should().HaveCount(2);
        message.Unsupported.Select(u => (u.ElementName, u.Reference)).Should().Equal(
            ("HierarchicalCodelist", "MDG:HCL_REGIONS(1.1)"),
            ("DataStructure", "MDG:DSD_MEASURES(1.0)"),
            ("StructureSet", "MDG:SS_MAP(2.0)"),
            ("Process", "MDG:PROCESS(1.0)"));
        message.Unsupported[1].Reason.Should().Contain("str:MeasureDimension");
        message.Unsupported[0].ToString().Should().Contain("HierarchicalCodelist MDG:HCL_REGIONS(1.1)").And.Contain("not supported");
    }

    [Fact]
    public void An_unknown_element_inside_an_artefact_makes_it_unsupported()
    {
        var xml = Open + """
            <str:Concepts><str:ConceptScheme id="CS" agencyID="MDG"><com:Name xml:lang="en">x</com:Name>
            <str:Concept id="C"><com:Name xml:lang="en">c</com:Name><str:ISOConceptReference><str:ConceptAgency>ISO</str:ConceptAgency>
            <str:ConceptSchemeID>S</str:ConceptSchemeID><str:ConceptID>C</str:ConceptID></str:ISOConceptReference></str:Concept>
            </str:ConceptScheme></str:Concepts>
            """ + Close;

        var message = Read(Encoding.UTF8.GetBytes(xml));

        message.Artefacts.Should().BeEmpty();
        message.Unsupported.Single().Reason.Should().Contain("str:ISOConceptReference").And.Contain("concept 'C'");
    }

    [Fact]
    public void The_writer_refuses_what_SDMX_ML_2_1_cannot_express()
    {
        var concepts = new ConceptScheme
        {
            AgencyId = "MDG", Id = "CS", Names = [new LocalisedString("en", "x")],
            Items = [new Concept { Id = "C", Names = [new LocalisedString("en", "c")], CoreRepresentation = new Representation { Enumeration = new ArtefactRef(ArtefactType.Codelist, "MDG", "CL", "1.0"), TextFormat = new TextFormat() } }],
        };

        var act = () => Write(new StructureMessage { Artefacts = { concepts } });

        act.Should().Throw<InvalidOperationException>().WithMessage("*MDG:CS(1.0)*concept 'C'*both an enumeration and a text format*");
    }

    private static SdmxFormatException Refused(string path) => Refused(File.ReadAllBytes(path));

    private static SdmxFormatException Refused(byte[] bytes)
    {
        var act = () => Read(bytes);
        return act.Should().Throw<SdmxFormatException>().Which;
    }
}
