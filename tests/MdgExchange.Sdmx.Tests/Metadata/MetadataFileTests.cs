using System.Text;
using MdgExchange.Sdmx.Metadata;

namespace MdgExchange.Sdmx.Tests.Metadata;

/// <summary>SDMX-CSV 2.0 reference metadata and Open SDG pages: read, written, read back; bad rows named by row and column.</summary>
public sealed class MetadataFileTests
{
    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", "metadata", name);

    private static string RealPage(string name) => Path.Combine(AppContext.BaseDirectory, "datasets", "metadata", name);

    private static IReadOnlyList<ParsedMetadataSet> ReadCsv(string text) => MetadataCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static MetadataFileException CsvRefused(string text) =>
        ((Action)(() => ReadCsv(text))).Should().Throw<MetadataFileException>().Which;

    private const string Header = "MDSTRUCTURE[;],MDSTRUCTURE_ID,METADATASET_ID,ACTION,TARGET_TYPES,TARGET_IDS,STAT_CONC_DEF[en;es]";

    [Fact]
    public void An_agency_report_in_SDMX_CSV_2_0_is_read_with_its_languages_and_XHTML()
    {
        using var file = File.OpenRead(DataFile("unicef_3-2-1.csv"));
        var set = MetadataCsvReader.Read(file).Should().ContainSingle().Subject;

        set.Row.Should().Be(2);
        set.Metadataflow.Should().Be("MDGX:MDF_SDG(1.0)");
        (set.SetAgency, set.SetId, set.SetVersion, set.Action).Should().Be(("UNICEF", "SDG_3_2_1", "1.0", "I"));
        set.Targets.Should().Equal(("code", "MDGX:CL_FRAMEWORK_SDG(1.0).3-2-1"));
        set.Values.Where(v => v.Concept == "STAT_CONC_DEF").Select(v => v.Lang).Should().Equal("en", "es");
        set.Values.Single(v => v.Concept == "STAT_CONC_DEF" && v.Lang == "es").Text.Should().StartWith("<p>La mortalidad").And.EndWith("nacidos vivos.</p>");
        // The separator inside "&amp;" is not a language boundary.
        set.Values.Single(v => v.Concept == "ADJUSTMENT").Text.Should().Be("<p>Country data are adjusted for biases &amp; under-reporting, so IGME estimates can differ from national figures.</p>");
        set.Values.Select(v => v.Concept).Distinct().Should().HaveCount(8);
    }

    [Fact]
    public void A_semicolon_separated_national_report_has_two_targets_and_its_own_sub_field_separator()
    {
        using var file = File.OpenRead(DataFile("inegi_3-2-1_484.csv"));
        var set = MetadataCsvReader.Read(file).Single();

        (set.SetAgency, set.SetId, set.SetVersion, set.Action).Should().Be(("INEGI", "SDG_3_2_1_484", null, "R"));
        set.Targets.Should().Equal(("code", "MDGX:CL_FRAMEWORK_SDG(1.0).3-2-1"), ("code", "IAEG-SDGs:CL_AREA(1.0).484"));
        set.Values.Single(v => v.Concept == "CONTACT_ORGANISATION").Should().Be(("CONTACT_ORGANISATION", "es", "Dirección General de Estadísticas Sociodemográficas"));
        set.Values.Single(v => v.Concept == "CONTACT_EMAIL").Should().Be(("CONTACT_EMAIL", "en", "sdg@inegi.org.mx"));
        set.Values.Single(v => v.Concept == "DATA_COMP").Text.Should().Contain("CONAPO; las defunciones", "a separator inside a value is not a language boundary");
        set.ColumnOf["STAT_CONC_DEF"].Should().Be("STAT_CONC_DEF[es|en]");
    }

    [Fact]
    public void What_the_writer_writes_reads_back_the_same()
    {
        IReadOnlyList<(string, string, string)> values =
        [
            ("STAT_CONC_DEF", "en", "<p>A \"quoted\" definition, with commas; and semicolons</p>"),
            ("STAT_CONC_DEF", "es", "<p>Una definición\ncon salto de línea</p>"),
            ("CONTACT.CONTACT_NAME", "en", "First"),
            ("CONTACT.CONTACT_NAME", "en", "Second \"person\""),
        ];
        var set = new MetadataSetToWrite("MDGX:MDF_SDG(1.0)", "WHO", "SDG_3_1_2", null, [("code", "MDGX:CL_FRAMEWORK_SDG(1.0).3-1-2")], values);
        var text = new StringWriter();

        MetadataCsvWriter.Write(text, ["STAT_CONC_DEF", "CONTACT.CONTACT_NAME"], [set]);

        text.ToString().Should().StartWith("MDSTRUCTURE[;],MDSTRUCTURE_ID,METADATASET_ID,ACTION,TARGET_TYPES,TARGET_IDS,STAT_CONC_DEF[en;es],CONTACT.CONTACT_NAME[][en]\r\n");
        var back = ReadCsv(text.ToString()).Single();
        back.Values.Should().Equal(values);
        (back.SetAgency, back.SetId).Should().Be(("WHO", "SDG_3_1_2"));
        back.Targets.Should().Equal(("code", "MDGX:CL_FRAMEWORK_SDG(1.0).3-1-2"));
    }

    [Fact]
    public void Every_bad_row_is_named_with_its_column_and_rule()
    {
        var error = CsvRefused(string.Join("\n",
            Header,
            "metadataflow,MDGX:MDF_SDG(1.0),WHO:S1,I,code,MDGX:CL_FRAMEWORK_SDG(1.0).3-1-2,en:fine",
            "metadataflow,MDGX:MDF_SDG(1.0),WHO:S2,X,code,MDGX:CL_FRAMEWORK_SDG(1.0).3-1-2,en:bad action",
            "metadataflow,MDGX:MDF_SDG(1.0),,I,code,MDGX:CL_FRAMEWORK_SDG(1.0).3-1-2,en:no set",
            "metadataflow,MDGX:MDF_SDG(1.0),WHO:S4,I,code,MDGX:CL_FRAMEWORK_SDG(1.0).3-1-2,fr:wrong language",
            "metadataflow,MDGX:MDF_SDG(1.0),WHO:S5,I,code,MDGX:CL_FRAMEWORK_SDG(1.0).3-1-2",
            "dataflow,MDGX:MDF_SDG(1.0),WHO:S6,I,code,,en:no target"));

        error.Errors.Select(e => e.Path).Should().Equal(
            "row[3].ACTION", "row[4].METADATASET_ID", "row[5].STAT_CONC_DEF[en;es]", "row[6].STAT_CONC_DEF[en;es]", "row[7].MDSTRUCTURE", "row[7].TARGET_IDS");
        error.Errors[0].Message.Should().Contain("'X' is not an action");
        error.Errors[2].Message.Should().Contain("must start with one of its languages (en, es)");
        error.Errors[3].Message.Should().Contain("6 fields, the header 7");
        error.Message.Should().Contain("row 3, column ACTION");
    }

    [Fact]
    public void A_malformed_quote_and_a_missing_header_column_are_refused()
    {
        CsvRefused("MDSTRUCTURE,MDSTRUCTURE_ID,METADATASET_ID,TARGET_IDS,STAT_CONC_DEF\nmetadataflow,MDGX:MDF_SDG(1.0),WHO:S1,X,en\"x")
            .Errors.Select(e => e.ToString()).Should().Contain(e => e.StartsWith("row 1, column TARGET_TYPES: the required column is missing", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("row 2", StringComparison.Ordinal) && e.Contains("malformed CSV field", StringComparison.Ordinal));
        CsvRefused("STRUCTURE,STRUCTURE_ID\ndataflow,X:Y(1.0)").Errors.Single().Message.Should().Contain("not an SDMX-CSV 2.0 metadata file");
        CsvRefused(Header + ",9BAD COLUMN\n").Errors.Single().Path.Should().Be("row[1].9BAD COLUMN");
    }

    [Fact]
    public void A_real_national_Open_SDG_page_maps_its_fields_to_the_SDG_concepts()
    {
        using var file = File.OpenRead(RealPage("tajstat_national_meta_3-2-1.md"));
        var set = OpenSdgMetadataReader.Read(file, "tajstat_national_meta_3-2-1.md");

        set.Indicator.Should().Be("3.2.1");
        set.Values.Single(v => v.Concept == "STAT_CONC_DEF").Text.Should().StartWith("The probability of a child born in a specific year or period").And.EndWith("expressed as a rate per 1000 live births.");
        set.Values.Single(v => v.Concept == "SDG_CUSTODIAN_AGENCIES").Text.Should().Be("United Nations Children's Fund (UNICEFF)");
        set.Values.Single(v => v.Concept == "OTHER_DOC").Text.Should().Be("https://unstats.un.org/sdgs/files/metadata-compilation/Metadata-Goal-3.pdf");
        set.Values.Single(v => v.Concept == "SDG_TARGET").Text.Should().Be("3.2");
        set.Values.Should().OnlyContain(v => v.Lang == "en");
        set.Ignored.Should().Contain(["graph_title", "indicator_name", "published", "reporting_status", "target_name", "graph_type"]);
        set.ColumnOf["STAT_CONC_DEF"].Should().Be("indicator_definition");
    }

    [Fact]
    public void An_Open_SDG_page_without_an_indicator_field_takes_it_from_its_file_name_and_keeps_its_body()
    {
        using var file = File.OpenRead(RealPage("sdgbuild_test_meta_1-1-1.md"));
        var set = OpenSdgMetadataReader.Read(file, "sdgbuild_test_meta_1-1-1.md", "es");

        set.Indicator.Should().Be("1.1.1");
        set.Values.Should().Equal(("SDG_INDICATOR_INFO", "es", "Hello world"));
        set.Ignored.Should().Equal("foo");
    }

    [Fact]
    public void Open_SDG_pages_without_front_matter_indicator_or_valid_YAML_are_refused_with_the_line()
    {
        static MetadataFileException Refused(string text, string? name) =>
            ((Action)(() => OpenSdgMetadataReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), name))).Should().Throw<MetadataFileException>().Which;

        Refused("# Just markdown", "3-2-1.md").Errors.Single().Message.Should().Contain("YAML front matter");
        Refused("---\nindicator_definition: x\n---\n", "notes.md").Errors.Single().Path.Should().Be("row[1].indicator_number");
        var yaml = Refused("---\nindicator_number: 3.2.1\nindicator_definition: [unclosed\n---\n", null).Errors.Single();
        yaml.Row.Should().BeGreaterThan(1);
        yaml.Message.Should().Contain("invalid YAML");
    }
}
