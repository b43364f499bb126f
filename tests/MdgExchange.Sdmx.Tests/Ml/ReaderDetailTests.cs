using System.Text;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Ml;
using static MdgExchange.Sdmx.Tests.Ml.SdmxTestFiles;

namespace MdgExchange.Sdmx.Tests.Ml;

/// <summary>How the reader treats streams, schema defaults, and content it reports rather than keeps.</summary>
public sealed class ReaderDetailTests
{
    private const string Open = """
        <mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
        <mes:Header><mes:ID>T</mes:ID><mes:Test>false</mes:Test><mes:Prepared>2024-03-01</mes:Prepared><mes:Sender id="MDG"/></mes:Header>
        <mes:Structures>
        """;

    private const string Close = "</mes:Structures></mes:Structure>";

    private const string DsdOpen = """
        <str:DataStructures><str:DataStructure id="DSD" agencyID="MDG"><com:Name xml:lang="en">d</com:Name><str:DataStructureComponents>
        <str:DimensionList><str:Dimension id="FREQ" position="1"><str:ConceptIdentity><Ref agencyID="MDG" maintainableParentID="CS" id="FREQ"/></str:ConceptIdentity></str:Dimension></str:DimensionList>
        <str:AttributeList><str:Attribute id="A" assignmentStatus="Conditional"><str:ConceptIdentity><Ref agencyID="MDG" maintainableParentID="CS" id="A"/></str:ConceptIdentity>
        """;

    private const string DsdClose = """
        </str:Attribute></str:AttributeList>
        <str:MeasureList><str:PrimaryMeasure id="OBS_VALUE"><str:ConceptIdentity><Ref agencyID="MDG" maintainableParentID="CS" id="OBS_VALUE"/></str:ConceptIdentity></str:PrimaryMeasure></str:MeasureList>
        </str:DataStructureComponents></str:DataStructure></str:DataStructures>
        """;

    [Fact]
    public void The_real_file_reads_from_a_forward_only_stream_and_the_stream_is_left_open()
    {
        using var file = File.OpenRead(Dataset(RealDsd));
        using var forwardOnly = new ForwardOnlyStream(file);

        var message = StructureReader.Read(forwardOnly);

        message.Artefacts.OfType<Codelist>().Single(c => c.Id == "CL_AREA").Items.Should().HaveCount(572);
        forwardOnly.Disposed.Should().BeFalse("the caller owns the stream");
    }

    [Theory]
    [InlineData("", "*document is empty*")]
    [InlineData("<?xml version=\"1.0\"?>\n  ", "*document is empty*")]
    [InlineData("no markup at all", "*not well-formed XML*")]
    [InlineData("<!doctype html><html><body><br></body></html>", "*HTML page*")]
    public void Documents_rejected_before_their_root_are_described_on_a_forward_only_stream_too(string content, string expected)
    {
        using var forwardOnly = new ForwardOnlyStream(new MemoryStream(Encoding.UTF8.GetBytes(content)));

        var act = () => StructureReader.Read(forwardOnly);

        act.Should().Throw<SdmxFormatException>().WithMessage(expected);
    }

    [Fact]
    public void An_empty_attribute_relationship_is_refused()
    {
        var act = () => ReadText(Open + DsdOpen + "<str:AttributeRelationship></str:AttributeRelationship>" + DsdClose + Close);

        act.Should().Throw<SdmxFormatException>().WithMessage("*MDG:DSD(1.0)*attribute 'A'*relationship is empty*");
    }

    [Fact]
    public void A_primary_measure_relationship_without_Ref_is_refused()
    {
        var act = () => ReadText(Open + DsdOpen + "<str:AttributeRelationship><str:PrimaryMeasure/></str:AttributeRelationship>" + DsdClose + Close);

        act.Should().Throw<SdmxFormatException>().WithMessage("*str:PrimaryMeasure*has no Ref*");
    }

    [Fact]
    public void Positions_default_to_document_order_and_a_missing_version_is_1_0()
    {
        var message = ReadText(Open + DsdOpen.Replace(" position=\"1\"", "", StringComparison.Ordinal)
            + "<str:AttributeRelationship><str:Dimension><Ref id=\"FREQ\"/></str:Dimension></str:AttributeRelationship>" + DsdClose + Close);

        var dsd = message.Artefacts.OfType<DataStructureDefinition>().Single();
        dsd.Version.Should().Be("1.0");
        dsd.Dimensions.Single().Position.Should().Be(1);
        dsd.Dimensions.Single().ConceptIdentity!.Scheme.Should().Be(new ArtefactRef(ArtefactType.ConceptScheme, "MDG", "CS", "1.0"));
        dsd.Attributes.Single().AttachmentLevel.Should().Be(AttachmentLevel.Series);
    }

    [Fact]
    public void Content_the_model_does_not_keep_outside_artefacts_is_a_warning()
    {
        var xml = Open.Replace("<mes:Sender id=\"MDG\"/>", "<mes:Sender id=\"MDG\"/><mes:Source xml:lang=\"en\">Registry</mes:Source>", StringComparison.Ordinal)
            + DsdOpen.Replace("<str:DimensionList>", "<str:DimensionList><com:Annotations><com:Annotation><com:AnnotationTitle>t</com:AnnotationTitle></com:Annotation></com:Annotations>", StringComparison.Ordinal)
            + "<str:AttributeRelationship><str:None/></str:AttributeRelationship>" + DsdClose + Close;

        var message = ReadText(xml);

        message.Artefacts.Should().ContainSingle();
        message.Warnings.Should().SatisfyRespectively(
            w => w.Should().Contain("<mes:Source>").And.Contain("ignored"),
            w => w.Should().Contain("MDG:DSD(1.0)").And.Contain("annotations of the DimensionList are not kept"));
    }

    [Fact]
    public void A_categorisation_of_an_unsupported_class_is_reported_not_kept()
    {
        var xml = Open + """
            <str:Categorisations><str:Categorisation id="CAT" agencyID="MDG"><com:Name xml:lang="en">c</com:Name>
            <str:Source><Ref agencyID="MDG" id="HCL" version="1.0" class="HierarchicalCodelist" package="codelist"/></str:Source>
            <str:Target><Ref agencyID="MDG" maintainableParentID="CS" id="A"/></str:Target>
            </str:Categorisation></str:Categorisations>
            """ + Close;

        var message = ReadText(xml);

        message.Artefacts.Should().BeEmpty();
        message.Unsupported.Single().Should().Match<UnsupportedArtefact>(u =>
            u.ElementName == "Categorisation" && u.Reference == "MDG:CAT(1.0)" && u.Reason.Contains("HierarchicalCodelist"));
    }

    [Fact]
    public void The_writer_needs_valid_header_ids()
    {
        var act = () => Write(new StructureMessage { Header = new StructureHeader { Id = "not valid" } });

        act.Should().Throw<ArgumentException>().WithMessage("*'not valid'*valid SDMX ids*");
    }

    /// <summary>A stream that can only be read forwards, like a network body.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public bool Disposed { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
