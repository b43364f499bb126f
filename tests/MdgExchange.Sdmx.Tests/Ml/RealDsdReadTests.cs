using System.Xml;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Ml;
using static MdgExchange.Sdmx.Tests.Ml.SdmxTestFiles;

namespace MdgExchange.Sdmx.Tests.Ml;

/// <summary>Reads the real IAEG-SDGs SDG DSD message (900 KB, UNSD, 2019) and checks it against the file itself.</summary>
public sealed class RealDsdReadTests
{
    private static readonly Lazy<StructureMessage> Message = new(() => Read(Dataset(RealDsd)));

    private static StructureMessage Sdg => Message.Value;

    private static DataStructureDefinition Dsd => Sdg.Artefacts.OfType<DataStructureDefinition>().Single();

    [Fact]
    public void Header_is_read()
    {
        Sdg.Header.Id.Should().Be("IDREF139");
        Sdg.Header.Test.Should().BeFalse();
        Sdg.Header.Prepared.Should().Be(new DateTimeOffset(2019, 6, 13, 21, 56, 59, TimeSpan.Zero));
        Sdg.Header.SenderId.Should().Be("UNSD");
        Sdg.Header.ReceiverId.Should().Be("not_supplied");
    }

    [Fact]
    public void Artefacts_are_one_agency_scheme_twenty_codelists_one_concept_scheme_and_the_dsd()
    {
        Sdg.Artefacts.OfType<AgencyScheme>().Should().ContainSingle().Which.Ref.ToString().Should().Be("SDMX:AGENCIES(1.0)");
        Sdg.Artefacts.OfType<Codelist>().Should().HaveCount(20);
        Sdg.Artefacts.OfType<ConceptScheme>().Should().ContainSingle().Which.Items.Should().HaveCount(33);
        Dsd.Ref.Should().Be(new ArtefactRef(ArtefactType.DataStructure, "IAEG-SDGs", "SDG", "1.0"));
        Sdg.Artefacts.Should().HaveCount(23);
        Sdg.Unsupported.Should().BeEmpty();
    }

    [Fact]
    public void Dimensions_are_in_key_order_with_time_last()
    {
        Dsd.Dimensions.Select(d => d.Id).Should().Equal(
            "FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA", "SEX", "AGE", "URBANISATION", "INCOME_WEALTH_QUANTILE",
            "EDUCATION_LEV", "OCCUPATION", "CUST_BREAKDOWN", "COMPOSITE_BREAKDOWN", "DISABILITY_STATUS", "ACTIVITY", "PRODUCT");
        Dsd.Dimensions.Select(d => d.Position).Should().Equal(Enumerable.Range(1, 15));
        Dsd.TimeDimension!.Id.Should().Be("TIME_PERIOD");
        Dsd.TimeDimension.Position.Should().Be(16);
        Dsd.TimeDimension.LocalRepresentation!.TextFormat!.TextType.Should().Be("ObservationalTimePeriod");
    }

    [Fact]
    public void Dimensions_refer_to_their_concepts_and_codelists()
    {
        var series = Dsd.Dimensions.Single(d => d.Id == "SERIES");
        series.ConceptIdentity.Should().Be(new ItemRef(new ArtefactRef(ArtefactType.ConceptScheme, "IAEG-SDGs", "SDG_CONCEPTS", "1.0"), "SERIES"));
        series.LocalRepresentation!.Enumeration.Should().Be(new ArtefactRef(ArtefactType.Codelist, "IAEG-SDGs", "CL_SERIES", "1.0"));
        series.LocalRepresentation.EnumerationFormat.Should().NotBeNull("the file has an empty <str:EnumerationFormat/>");
        series.LocalRepresentation.EnumerationFormat!.Facets.Should().BeEmpty();
        Dsd.Dimensions.Single(d => d.Id == "FREQ").LocalRepresentation!.Enumeration.Should().Be(new ArtefactRef(ArtefactType.Codelist, "SDMX", "CL_FREQ", "2.0"));
        Dsd.Dimensions.Single(d => d.Id == "SEX").LocalRepresentation!.EnumerationFormat.Should().BeNull();
    }

    [Fact]
    public void Sixteen_attributes_with_assignment_status_and_attachment_level()
    {
        var observation = AttachmentLevel.Observation;
        var series = AttachmentLevel.Series;
        Dsd.Attributes.Select(a => (a.Id, a.AssignmentStatus, a.AttachmentLevel)).Should().Equal(
            ("OBS_STATUS", UsageStatus.Mandatory, observation),
            ("UNIT_MULT", UsageStatus.Mandatory, observation),
            ("UNIT_MEASURE", UsageStatus.Mandatory, series),
            ("NATURE", UsageStatus.Conditional, observation),
            ("COMMENT_OBS", UsageStatus.Conditional, observation),
            ("TIME_COVERAGE", UsageStatus.Conditional, observation),
            ("UPPER_BOUND", UsageStatus.Conditional, observation),
            ("LOWER_BOUND", UsageStatus.Conditional, observation),
            ("BASE_PER", UsageStatus.Conditional, observation),
            ("TIME_DETAIL", UsageStatus.Conditional, observation),
            ("SOURCE_DETAIL", UsageStatus.Conditional, observation),
            ("COMMENT_TS", UsageStatus.Conditional, series),
            ("GEO_INFO_URL", UsageStatus.Conditional, series),
            ("GEO_INFO_TYPE", UsageStatus.Conditional, series),
            ("CUST_BREAKDOWN_LB", UsageStatus.Conditional, series),
            ("DATA_LAST_UPDATE", UsageStatus.Conditional, series));
        Dsd.Attributes.Single(a => a.Id == "UNIT_MEASURE").Relationship.Dimensions.Should().Equal(Dsd.Dimensions.Select(d => d.Id));
    }

    [Fact]
    public void The_file_follows_the_schema_closely_enough_to_need_no_warning()
    {
        Sdg.Warnings.Should().BeEmpty();
        Dsd.Attributes.Single(a => a.Id == "UPPER_BOUND").Relationship.PrimaryMeasure.Should().Be("OBS_VALUE");
    }

    [Fact]
    public void Primary_measure_is_OBS_VALUE()
    {
        Dsd.PrimaryMeasure!.Id.Should().Be("OBS_VALUE");
        Dsd.PrimaryMeasure.LocalRepresentation!.TextFormat!.TextType.Should().Be("Double");
    }

    [Fact]
    public void Codelists_have_every_code()
    {
        Codelist("CL_SERIES").Items.Should().HaveCount(465);
        Codelist("CL_AREA").Items.Should().HaveCount(572);
        Sdg.Artefacts.OfType<Codelist>().Sum(c => c.Items.Count).Should().Be(CountInFile((name, _) => name == "str:Code"));
        Codelist("CL_FREQ").StructureUrl.Should().Be("http://intragate.ec.europa.eu/sdmxregistry/rest/codelist/SDMX/CL_FREQ/2.0");
        Codelist("CL_FREQ").IsFinal.Should().BeTrue();
        Codelist("CL_FREQ").Version.Should().Be("2.0");
    }

    [Fact]
    public void Annotations_match_the_file()
    {
        var read = Sdg.Artefacts.SelectMany(AllAnnotations).ToList();
        read.Should().HaveCount(CountInFile((name, _) => name == "com:Annotation"));
        read.SelectMany(a => a.Texts).Should().HaveCount(CountInFile((name, _) => name == "com:AnnotationText"));
        read.Count(a => a.Title is not null).Should().Be(CountInFile((name, _) => name == "com:AnnotationTitle"));

        var first = Codelist("CL_SERIES").Find("SI_POV_DAY1")!.Annotations;
        first.Select(a => a.Title).Should().Equal("Indicator", "IndicatorCode", "IndicatorTitle");
        first[0].Texts.Should().Equal(new LocalisedString("en", "1.1.1"));
    }

    [Fact]
    public void Names_and_descriptions_keep_every_language()
    {
        foreach (var lang in new[] { "en", "es", "fr" })
        {
            var contactNames = Sdg.Artefacts.OfType<AgencyScheme>().SelectMany(s => s.Items).SelectMany(a => a.Contacts).Sum(c => c.Names.Count(x => x.Lang == lang));
            (AllNameables().Sum(n => n.Names.Count(x => x.Lang == lang)) + contactNames)
                .Should().Be(CountInFile((name, l) => name == "com:Name" && l == lang), $"every {lang} name is kept");
            AllNameables().Sum(n => n.Descriptions.Count(x => x.Lang == lang))
                .Should().Be(CountInFile((name, l) => name == "com:Description" && l == lang), $"every {lang} description is kept");
        }

        var total = Codelist("CL_EDUCATION_LEV").Find("_T")!;
        total.Names.Should().Equal(
            new LocalisedString("es", "Total o no desagregado por nivel de educación"),
            new LocalisedString("fr", "Total ou aucune ventilation par niveau de scolarité"),
            new LocalisedString("en", "Total or no breakdown by education level"));
        total.NameIn("fr").Should().Be("Total ou aucune ventilation par niveau de scolarité");
    }

    [Fact]
    public void Agencies_keep_their_contacts()
    {
        var imf = Sdg.Artefacts.OfType<AgencyScheme>().Single().Find("IMF")!;
        imf.Contacts.Should().ContainSingle();
        var contact = imf.Contacts[0];
        contact.Departments.Should().Equal(new LocalisedString("en", "Statistics Department"));
        contact.Details.Should().Equal(new ContactDetail("URI", "http://www.imf.org"), new ContactDetail("Email", "StatisticsQuery@imf.org"));
    }

    [Fact]
    public void Every_artefact_passes_the_domain_validator()
    {
        Sdg.Artefacts.SelectMany(StructureValidator.Validate).Should().BeEmpty();
    }

    private static Codelist Codelist(string id) => Sdg.Artefacts.OfType<Codelist>().Single(c => c.Id == id);

    private static IEnumerable<NameableArtefact> AllNameables() =>
        Sdg.Artefacts.Concat(Sdg.Artefacts.SelectMany(a => a switch
        {
            Codelist c => c.Items.Cast<NameableArtefact>(),
            ConceptScheme c => c.Items,
            AgencyScheme c => c.Items,
            _ => [],
        }));

    /// <summary>Counts elements in the real file with a plain XmlReader, independently of the reader under test.</summary>
    private static int CountInFile(Func<string, string?, bool> match)
    {
        using var xml = XmlReader.Create(Dataset(RealDsd));
        var count = 0;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && match(xml.Name, xml.GetAttribute("xml:lang")))
            {
                count++;
            }
        }

        return count;
    }
}
