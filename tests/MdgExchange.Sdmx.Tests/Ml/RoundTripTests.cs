using System.Text;
using System.Xml.Linq;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Ml;
using static MdgExchange.Sdmx.Tests.Ml.SdmxTestFiles;

namespace MdgExchange.Sdmx.Tests.Ml;

/// <summary>Read → write → validate against the SDMX-ML 2.1 XSDs → read again: nothing may change.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> Fixtures => new() { "categories.xml", "constraints.xml", "organisations.xml", "dsd-full.xml" };

    [Fact]
    public void The_real_SDG_DSD_survives_a_round_trip()
    {
        var (first, second, _) = RoundTrip(Dataset(RealDsd));

        second.Artefacts.Should().BeEquivalentTo(first.Artefacts, Exactly);
        second.Header.Should().BeEquivalentTo(first.Header);
        second.Unsupported.Should().BeEmpty();
        second.Warnings.Should().BeEmpty("what the reader tolerated is written as the schema wants it");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_fixture_is_itself_valid_SDMX_ML(string fixture) =>
        ValidateAgainstXsd(Fixture(fixture)).Should().BeEmpty("the fixtures stand for what a conforming producer sends");

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_fixture_survives_a_round_trip(string fixture)
    {
        var (first, second, _) = RoundTrip(Fixture(fixture));

        first.Artefacts.Should().NotBeEmpty();
        first.Unsupported.Should().BeEmpty();
        first.Warnings.Should().BeEmpty();
        second.Artefacts.Should().BeEquivalentTo(first.Artefacts, Exactly);
        second.Header.Should().BeEquivalentTo(first.Header);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Writing_what_was_written_gives_the_same_bytes(string fixture)
    {
        var (_, second, written) = RoundTrip(Fixture(fixture));

        Encoding.UTF8.GetString(Write(second)).Should().Be(Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void Containers_come_in_the_order_of_the_schema_sequence()
    {
        var artefacts = new[] { "constraints.xml", "organisations.xml", "categories.xml", "dsd-full.xml" }
            .SelectMany(f => Read(Fixture(f)).Artefacts)
            .GroupBy(a => a.Ref).Select(g => g.First())
            .Reverse()
            .ToList();
        var written = Write(new StructureMessage { Header = new StructureHeader { Prepared = DateTimeOffset.UnixEpoch }, Artefacts = artefacts });

        ValidateAgainstXsd(written).Should().BeEmpty();
        var containers = XDocument.Load(new MemoryStream(written)).Root!
            .Element(XName.Get("Structures", SdmxNamespaces.Message))!.Elements().Select(e => e.Name.LocalName);
        containers.Should().Equal(
            "OrganisationSchemes", "Dataflows", "CategorySchemes", "Categorisations", "Codelists", "Concepts",
            "DataStructures", "Constraints", "ProvisionAgreements");
    }

    [Fact]
    public void Categories_are_flattened_with_parent_paths_and_written_nested()
    {
        var (first, _, written) = RoundTrip(Fixture("categories.xml"));

        var scheme = first.Artefacts.OfType<CategoryScheme>().Single();
        scheme.Items.Select(c => (c.ParentId, c.Id)).Should().Equal(
            (null, "G1"), ("G1", "T1"), ("G1.T1", "I1"), ("G1", "T2"), (null, "G2"), ("G2", "T1"), ("G2.T1", "I1"));
        scheme.Items[4].Annotations.Single().Texts.Should().Equal(new LocalisedString("en", "2"));

        var str = XNamespace.Get(SdmxNamespaces.Structure);
        var top = XDocument.Load(new MemoryStream(written)).Descendants(str + "CategoryScheme").Single().Elements(str + "Category").ToList();
        top.Select(c => (string?)c.Attribute("id")).Should().Equal("G1", "G2");
        top[0].Element(str + "Category")!.Element(str + "Category")!.Attribute("urn")!.Value
            .Should().Be("urn:sdmx:org.sdmx.infomodel.categoryscheme.Category=MDG:SDG_GOALS(1.0).G1.T1.I1");
    }

    [Fact]
    public void Categorisations_read_by_Ref_and_by_URN_alike()
    {
        var categorisations = Read(Fixture("categories.xml")).Artefacts.OfType<Categorisation>().ToList();
        var dataflow = new ArtefactRef(ArtefactType.Dataflow, "MDG", "DF_SDG", "1.0");
        var goals = new ArtefactRef(ArtefactType.CategoryScheme, "MDG", "SDG_GOALS", "1.0");

        categorisations.Select(c => c.Source).Should().Equal(dataflow, dataflow);
        categorisations.Select(c => c.Target).Should().Equal(new ItemRef(goals, "G1.T1.I1"), new ItemRef(goals, "G2.T1"));
    }

    [Fact]
    public void Constraints_keep_regions_key_sets_time_ranges_and_the_schema_default_type()
    {
        var constraints = Read(Fixture("constraints.xml")).Artefacts.OfType<ContentConstraint>().ToList();

        var allowed = constraints[0];
        allowed.Role.Should().Be(ConstraintRole.Allowed);
        allowed.Attachments.Should().Equal(new ArtefactRef(ArtefactType.Dataflow, "MDG", "DF_SDG", "1.0"));
        allowed.CubeRegions.Should().HaveCount(2);
        allowed.CubeRegions[0].KeyValues.Select(k => (k.Id, k.Include, string.Join(",", k.Values))).Should().Equal(
            ("SERIES", true, "SI_POV_DAY1,SI_POV_EMP1"), ("REF_AREA", false, "1"), ("TIME_PERIOD", true, ""));
        allowed.CubeRegions[0].KeyValues[2].TimeRange.Should().BeEquivalentTo(new TimeRange { Start = new("2000", true), End = new("2030", false) });
        allowed.CubeRegions[0].Attributes.Single().Values.Should().Equal("PT");
        allowed.CubeRegions[1].Include.Should().BeFalse();
        allowed.CubeRegions[1].KeyValues[1].TimeRange.Should().BeEquivalentTo(new TimeRange { End = new("1990", true) });

        var keys = constraints[1];
        keys.Role.Should().Be(ConstraintRole.Actual, "the schema's default type is Actual");
        keys.Attachments.Select(a => a.Version).Should().Equal("1.0", "1.1");
        keys.DataKeySets.Select(s => (s.IsIncluded, s.Keys.Count)).Should().Equal((true, 2), (false, 1));
        keys.DataKeySets[0].Keys[1].Values.Should().Equal(new Dictionary<string, string> { ["FREQ"] = "A", ["SERIES"] = "SI_POV_EMP1" });

        var provider = constraints[2];
        provider.DataProviders.Should().Equal(new ItemRef(new ArtefactRef(ArtefactType.DataProviderScheme, "MDG", "DATA_PROVIDERS", "1.0"), "TAJSTAT"));
        provider.CubeRegions.Single().KeyValues[1].TimeRange.Should().BeEquivalentTo(new TimeRange { Start = new("2015", false) });
    }

    [Fact]
    public void Organisation_schemes_keep_contacts_and_provision_agreements_their_references()
    {
        var message = Read(Fixture("organisations.xml"));

        message.Header.Prepared.Should().Be(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), "an xs:date is midnight UTC");
        message.Artefacts.OfType<AgencyScheme>().Single().Items.Single().Names.Select(n => n.Lang).Should().Equal("en", "ru");
        var tajstat = message.Artefacts.OfType<DataProviderScheme>().Single().Find("TAJSTAT")!;
        tajstat.Annotations.Single().Should().BeEquivalentTo(new Annotation
        {
            Id = "M49", Title = "M49 code", Type = "REF_AREA", Url = "https://unstats.un.org/unsd/methodology/m49/",
            Texts = [new LocalisedString("en", "762")],
        });
        tajstat.Contacts.Should().HaveCount(2);
        tajstat.Contacts[0].Id.Should().Be("SDG_DESK");
        tajstat.Contacts[0].Details.Select(d => d.Kind).Should().Equal("Telephone", "Fax", "X400", "URI", "Email", "Email");
        message.Artefacts.OfType<DataConsumerScheme>().Single().Items.Single().Contacts.Single().Details
            .Should().Equal(new ContactDetail("Email", "data@undp.org"));

        var agreement = message.Artefacts.OfType<ProvisionAgreement>().Single();
        agreement.StructureUsage.Should().Be(new ArtefactRef(ArtefactType.Dataflow, "MDG", "DF_SDG", "1.0"));
        agreement.DataProvider.Should().Be(new ItemRef(new ArtefactRef(ArtefactType.DataProviderScheme, "MDG", "DATA_PROVIDERS", "1.0"), "TAJSTAT"));
    }

    [Fact]
    public void The_full_DSD_fixture_keeps_every_attribute_and_relationship()
    {
        var message = Read(Fixture("dsd-full.xml"));
        var region = message.Artefacts.OfType<Codelist>().First();
        region.Ref.ToString().Should().Be("MDG:CL_REGION(1.2.3)");
        (region.IsFinal, region.IsPartial, region.Uri).Should().Be((true, true, "https://example.org/sdmx/cl_region"));
        region.ValidFrom.Should().Be(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        region.ValidTo.Should().Be(new DateTimeOffset(2030, 12, 31, 23, 59, 59, TimeSpan.FromHours(2)));
        region.Items.Select(c => (c.Id, c.ParentId)).Should().Equal(("1", null), ("143", "1"), ("762", "143"));
        region.Annotations[0].Texts.Select(t => t.Lang).Should().Equal("en", "fr");
        var external = message.Artefacts.OfType<Codelist>().Last();
        (external.IsExternalReference, external.ServiceUrl).Should().Be((true, "https://registry.sdmx.org/ws/public/sdmxapi/rest"));

        var concepts = message.Artefacts.OfType<ConceptScheme>().Single();
        concepts.Find("REF_AREA")!.CoreRepresentation!.Enumeration.Should().Be(region.Ref);
        concepts.Find("REF_AREA")!.CoreRepresentation!.EnumerationFormat!.Facets.Should().Equal(new Dictionary<string, string> { ["maxLength"] = "3" });
        concepts.Find("COMMENT")!.CoreRepresentation!.TextFormat!.Facets.Keys.Should().Equal("isMultiLingual", "maxLength", "pattern");
        concepts.Find("SUB_AREA")!.ParentId.Should().Be("REF_AREA");

        var dsd = message.Artefacts.OfType<DataStructureDefinition>().Single();
        dsd.Dimensions[1].Id.Should().Be("REF_AREA", "a dimension without id takes its concept's");
        dsd.Dimensions[0].ConceptRoles.Single().ToString().Should().Be("SDMX:CROSS_DOMAIN_CONCEPTS(2.0).FREQ");
        dsd.TimeDimension!.ConceptIdentity!.Scheme.Version.Should().Be("1.0", "a missing maintainableParentVersion is 1.0");
        dsd.Groups.Single().DimensionIds.Should().Equal("REF_AREA");
        dsd.Attributes.Select(a => a.AttachmentLevel).Should().Equal(
            AttachmentLevel.DataSet, AttachmentLevel.Series, AttachmentLevel.Group, AttachmentLevel.Observation);
        dsd.Attributes[1].Relationship.AttachmentGroups.Should().Equal("AREA_GROUP");
        dsd.PrimaryMeasure!.Annotations.Single().Type.Should().Be("UNIT");
        message.Artefacts.SelectMany(StructureValidator.Validate).Should().BeEmpty();
    }

    [Fact]
    public void A_message_without_artefacts_is_written_and_read_back()
    {
        var header = new StructureHeader { Id = "EMPTY", Test = true, Prepared = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), SenderId = "MDG", ReceiverId = "UNSD" };
        var written = Write(new StructureMessage { Header = header });

        ValidateAgainstXsd(written).Should().BeEmpty();
        Read(written).Header.Should().BeEquivalentTo(header);
    }
}
