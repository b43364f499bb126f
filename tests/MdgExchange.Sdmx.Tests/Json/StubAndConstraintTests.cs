using System.Text.Json;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Json;
using MdgExchange.Sdmx.Tests.Ml;
using static MdgExchange.Sdmx.Tests.Json.StructureJsonFiles;

namespace MdgExchange.Sdmx.Tests.Json;

/// <summary>
/// What the REST detail and availability queries return: stubs, partial item schemes, and the Actual constraint
/// of <c>availableconstraint</c> with a time range; valid in SDMX-ML 2.1 and in both SDMX-JSON versions.
/// </summary>
public sealed class StubAndConstraintTests
{
    private const string StructureUrl = "https://registry.example.org/sdmx/structure/";

    /// <summary>Every artefact of every shipped file (the dataflow DF_SDG is in two of them).</summary>
    private static List<MaintainableArtefact> AllArtefacts => Names.SelectMany(n => Message(n).Artefacts).DistinctBy(a => a.Ref).ToList();

    private static DataStructureDefinition SdgDsd => Message(SdmxTestFiles.RealDsd).Artefacts.OfType<DataStructureDefinition>().Single();

    private static string UrlOf(MaintainableArtefact artefact) =>
        $"{StructureUrl}{artefact.Type.RestResource()}/{artefact.AgencyId}/{artefact.Id}/{artefact.Version}";

    public static TheoryData<bool> Completeness() => new() { false, true };

    [Theory]
    [MemberData(nameof(Completeness))]
    public void A_stub_is_a_content_free_copy_of_the_same_type(bool complete)
    {
        foreach (var artefact in AllArtefacts)
        {
            var stub = ArtefactStubs.Stub(artefact, UrlOf(artefact), complete);

            stub.Should().NotBeSameAs(artefact);
            stub.GetType().Should().Be(artefact.GetType());
            stub.Ref.Should().Be(artefact.Ref);
            stub.IsFinal.Should().Be(artefact.IsFinal);
            stub.IsExternalReference.Should().BeTrue();
            stub.StructureUrl.Should().Be(UrlOf(artefact));
            stub.Names.Should().Equal(artefact.Names);
            stub.Names.Should().NotBeSameAs(artefact.Names);
            stub.Descriptions.Should().Equal(complete ? artefact.Descriptions : []);
            stub.Annotations.Should().HaveCount(complete ? artefact.Annotations.Count : 0);
            var references = stub.References().ToList();
            if (stub is ProvisionAgreement)
            {
                references.Should().Equal(artefact.References(), "a provision agreement is identified by its dataflow and provider");
            }
            else
            {
                references.Should().BeEmpty();
            }

            switch (stub)
            {
                case Codelist c:
                    c.Items.Should().BeEmpty();
                    break;
                case ConceptScheme c:
                    c.Items.Should().BeEmpty();
                    break;
                case CategoryScheme c:
                    c.Items.Should().BeEmpty();
                    break;
                case DataStructureDefinition d:
                    d.Components().Should().BeEmpty();
                    d.Groups.Should().BeEmpty();
                    break;
                case MetadataStructureDefinition m:
                    m.Attributes.Should().BeEmpty();
                    m.Targets.Should().BeEmpty();
                    break;
                case ContentConstraint c:
                    c.Role.Should().Be(((ContentConstraint)artefact).Role);
                    c.CubeRegions.Should().BeEmpty();
                    c.DataKeySets.Should().BeEmpty();
                    break;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Completeness))]
    public void Stubs_are_valid_SDMX_ML_and_read_back_as_external_references(bool complete)
    {
        var stubs = AllArtefacts.Select(a => ArtefactStubs.Stub(a, UrlOf(a), complete)).ToList();

        var xml = WriteValidMl(stubs);

        var read = SdmxTestFiles.Read(xml);
        read.Unsupported.Should().BeEmpty();
        read.Artefacts.Select(a => a.Ref).Should().BeEquivalentTo(stubs.Select(s => s.Ref));
        read.Artefacts.Should().OnlyContain(a => a.IsExternalReference && a.StructureUrl == UrlOf(a));
        read.Artefacts.OfType<DataStructureDefinition>().Should().OnlyContain(d => !d.Components().Any());
        read.Artefacts.OfType<Codelist>().Should().OnlyContain(c => c.Items.Count == 0);
        var text = System.Text.Encoding.UTF8.GetString(xml);
        text.Should().NotContain("DataStructureComponents").And.NotContain("MetadataStructureComponents").And.NotContain("<str:Code ");
    }

    [Theory]
    [InlineData(StructureJsonVersion.V10, false)]
    [InlineData(StructureJsonVersion.V10, true)]
    [InlineData(StructureJsonVersion.V20, false)]
    [InlineData(StructureJsonVersion.V20, true)]
    public void Stubs_are_valid_SDMX_JSON_and_carry_no_items(StructureJsonVersion version, bool complete)
    {
        var stubs = AllArtefacts.Select(a => ArtefactStubs.Stub(a, UrlOf(a), complete)).ToList();

        using var document = WriteValid(version, stubs);

        var written = document.RootElement.GetProperty("data").EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).ToList();
        written.Should().HaveCount(stubs.Count);
        string[] content =
        [
            "codes", "concepts", "categories", "agencies", "dataProviders", "dataConsumers", "dataStructureComponents",
            "metadataStructureComponents", "cubeRegions", "dataKeySets", "constraintAttachment", "structure", "source", "target",
        ];
        foreach (var artefact in written)
        {
            artefact.GetProperty("isExternalReference").GetBoolean().Should().BeTrue();
            artefact.EnumerateObject().Select(p => p.Name).Should().NotContain(content);
            var self = artefact.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "self");
            self.GetProperty("href").GetString().Should().StartWith(StructureUrl);
            artefact.TryGetProperty("descriptions", out _).Should().Be(complete && stubs.Any(s => s.Id == artefact.GetProperty("id").GetString() && s.AgencyId == artefact.GetProperty("agencyID").GetString() && s.Descriptions.Count > 0));
        }
    }

    [Fact]
    public void A_partial_codelist_is_valid_everywhere_and_says_it_is_partial()
    {
        var area = Message(SdmxTestFiles.RealDsd).Artefacts.OfType<Codelist>().Single(c => c.Id == "CL_AREA");
        var partial = new Codelist
        {
            Id = area.Id,
            AgencyId = area.AgencyId,
            Version = area.Version,
            IsFinal = area.IsFinal,
            Names = area.Names,
            IsPartial = true,
            Items = area.Items.Where(c => c.Id is "1" or "2" or "4").ToList(),
        };

        var xml = WriteValidMl([partial]);
        var read = SdmxTestFiles.Read(xml).Artefacts.OfType<Codelist>().Single();
        read.IsPartial.Should().BeTrue();
        read.Items.Select(c => c.Id).Should().Equal("1", "2", "4");

        foreach (var version in new[] { StructureJsonVersion.V10, StructureJsonVersion.V20 })
        {
            using var document = WriteValid(version, [partial]);
            var written = Array(document, "codelists").Single();
            written.GetProperty("isPartial").GetBoolean().Should().BeTrue();
            written.GetProperty("codes").EnumerateArray().Select(c => c.GetProperty("id").GetString()).Should().Equal("1", "2", "4");
        }
    }

    [Fact]
    public void An_actual_constraint_with_a_time_range_is_valid_everywhere_and_reads_back()
    {
        var constraint = ActualConstraint();

        var xml = WriteValidMl([constraint]);
        var read = SdmxTestFiles.Read(xml).Artefacts.OfType<ContentConstraint>().Single();
        read.Should().BeEquivalentTo(constraint, options => options.Excluding(c => c.Type));
        System.Text.Encoding.UTF8.GetString(xml).Should().Contain("<com:StartPeriod isInclusive=\"true\">2000</com:StartPeriod>");

        foreach (var version in new[] { StructureJsonVersion.V10, StructureJsonVersion.V20 })
        {
            using var document = WriteValid(version, [constraint]);
            var written = Array(document, version == StructureJsonVersion.V10 ? "contentConstraints" : "dataConstraints").Single();
            written.GetProperty(version == StructureJsonVersion.V10 ? "type" : "role").GetString().Should().Be("Actual");
            var keyValues = written.GetProperty("cubeRegions").EnumerateArray().Single().GetProperty("keyValues").EnumerateArray().ToList();
            keyValues.Select(k => k.GetProperty("id").GetString()).Should().Equal(SdgDsd.Dimensions.Select(d => d.Id).Append("TIME_PERIOD"));
            var range = keyValues[^1].GetProperty("timeRange");
            range.GetProperty("startPeriod").GetProperty("period").GetString().Should().Be("2000");
            range.GetProperty("startPeriod").GetProperty("isInclusive").GetBoolean().Should().BeTrue();
            range.GetProperty("endPeriod").GetProperty("period").GetString().Should().Be("2022");
            keyValues[0].GetProperty("values").GetArrayLength().Should().BeGreaterThan(0);
        }
    }

    /// <summary>What <c>availableconstraint</c> answers: per dimension the codes with data, and the years covered.</summary>
    private static ContentConstraint ActualConstraint()
    {
        var codelists = Message(SdmxTestFiles.RealDsd).Artefacts.OfType<Codelist>().ToDictionary(c => c.Ref);
        var region = new CubeRegion { Include = true };
        foreach (var dimension in SdgDsd.Dimensions)
        {
            var codes = codelists[dimension.LocalRepresentation!.Enumeration!].Items.Take(3).Select(c => c.Id).ToList();
            region.KeyValues.Add(new ComponentValueSet { Id = dimension.Id, Values = codes });
        }

        region.KeyValues.Add(new ComponentValueSet
        {
            Id = "TIME_PERIOD",
            TimeRange = new TimeRange { Start = new TimePeriodBound("2000"), End = new TimePeriodBound("2022") },
        });

        return new ContentConstraint
        {
            Id = "CC_AVAILABLE_DF_SDG",
            AgencyId = "MDG",
            Version = "1.0",
            IsFinal = false,
            Names = [new LocalisedString("en", "Data available in DF_SDG")],
            Role = ConstraintRole.Actual,
            Attachments = [new ArtefactRef(ArtefactType.Dataflow, "MDG", "DF_SDG", "1.0")],
            CubeRegions = [region],
        };
    }
}
