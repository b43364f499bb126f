using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Data;
using MdgExchange.Sdmx.Tests.Ml;
using static MdgExchange.Sdmx.Tests.Data.DataTestFiles;

namespace MdgExchange.Sdmx.Tests.Data;

/// <summary>SDMX-ML data layouts beyond the series of the shipped files: flat data sets, groups, data set attributes, several data sets.</summary>
public sealed class MlDataReadingTests
{
    private const string Key = "FREQ=\"A\" REPORTING_TYPE=\"N\" SERIES=\"SI_POV_DAY1\" SEX=\"_T\" AGE=\"_T\" URBANISATION=\"_T\" INCOME_WEALTH_QUANTILE=\"_T\" EDUCATION_LEV=\"_T\" OCCUPATION=\"_T\" CUST_BREAKDOWN=\"_T\" COMPOSITE_BREAKDOWN=\"_T\" DISABILITY_STATUS=\"_T\" ACTIVITY=\"_T\" PRODUCT=\"_T\"";

    [Fact]
    public void The_original_Kenya_file_is_valid_against_the_DSD_specific_schema_of_its_namespace()
    {
        // The schema the writer's output is validated with accepts real files written by the SDMX Converter.
        var file = File.ReadAllBytes(SdmxTestFiles.Dataset(Kenya));

        StructureSpecificSchema.Validate(file, Sdg, "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=KE1:SDG(1.0):ObsLevelDim:TIME_PERIOD").Should().BeEmpty();
    }

    [Fact]
    public void A_flat_structure_specific_data_set_forms_series_of_consecutive_observations()
    {
        var read = ReadText(Message("AllDimensions", """
            <message:DataSet ss:structureRef="S" ss:action="Append" COMMENT_TS="for every series">
              <Obs REF_AREA="404" TIME_PERIOD="2015" OBS_VALUE="36.8" UNIT_MEASURE="PT" NATURE="C" KEY/>
              <Obs REF_AREA="404" TIME_PERIOD="2016" OBS_VALUE="35.1" UNIT_MEASURE="PT" NATURE="C" KEY/>
              <Obs REF_AREA="76" TIME_PERIOD="2015" OBS_VALUE="4.6" UNIT_MEASURE="PT" NATURE="E" KEY/>
            </message:DataSet>
            """));

        read.Series.Select(s => (s.Key["REF_AREA"], s.Observations.Count, s.Location)).Should().Equal(("404", 2, "line 8"), ("76", 1, "line 10"));
        read.Series.Should().OnlyContain(s => s.Attributes["COMMENT_TS"] == "for every series" && s.Attributes["UNIT_MEASURE"] == "PT" && s.Action == DataAction.Append);
        read.Series[0].ObservationLocations.Should().Equal("line 8", "line 9");
        read.Series[1].Observations.Single().Attributes.Should().Equal(new Dictionary<string, string> { ["NATURE"] = "E" });
        read.Errors.Should().BeEmpty();
    }

    [Fact]
    public void Groups_give_their_attributes_to_the_series_they_match_and_series_keep_their_own()
    {
        var read = ReadText(Message("TIME_PERIOD", """
            <message:DataSet ss:structureRef="S">
              <Group type="Sibling" REF_AREA="404" COMMENT_TS="Kenya group" UNIT_MEASURE="PT"/>
              <Series REF_AREA="404" UNIT_MEASURE="NUM" KEY><Obs TIME_PERIOD="2015" OBS_VALUE="1"/></Series>
              <Series REF_AREA="76" KEY><Obs TIME_PERIOD="2015" OBS_VALUE="2" NATURE="C"/></Series>
            </message:DataSet>
            """));

        read.Series[0].Attributes.Should().Equal(new Dictionary<string, string> { ["UNIT_MEASURE"] = "NUM", ["COMMENT_TS"] = "Kenya group" });
        read.Series[1].Attributes.Should().BeEmpty();
        read.Header.Action.Should().BeNull();
        read.Series.Should().OnlyContain(s => s.Action == null);
    }

    [Fact]
    public void Each_data_set_gives_its_action_and_annotations_are_reported_as_not_kept()
    {
        var read = ReadText(Message("TIME_PERIOD", """
            <message:DataSet ss:structureRef="S" ss:action="Replace">
              <common:Annotations><common:Annotation><common:AnnotationText xml:lang="en">x</common:AnnotationText></common:Annotation></common:Annotations>
              <Series REF_AREA="404" KEY><Obs TIME_PERIOD="2015" OBS_VALUE="1"/></Series>
            </message:DataSet>
            <message:DataSet ss:structureRef="S" ss:action="Delete">
              <Series REF_AREA="404" KEY/>
            </message:DataSet>
            """));

        read.Header.Action.Should().Be(DataAction.Replace);
        read.Series.Select(s => (s.Action, s.Observations.Count)).Should().Equal((DataAction.Replace, 1), (DataAction.Delete, 0));
        read.Warnings.Should().ContainSingle().Which.Should().Be("<common:Annotations> of data sets are not kept (the first is at line 8)");
    }

    [Fact]
    public void An_observation_attribute_given_on_the_series_applies_to_each_observation_without_its_own()
    {
        var read = ReadText(Message("TIME_PERIOD", """
            <message:DataSet ss:structureRef="S">
              <Series REF_AREA="404" NATURE="C" KEY><Obs TIME_PERIOD="2015" OBS_VALUE="1"/><Obs TIME_PERIOD="2016" OBS_VALUE="2" NATURE="E"/></Series>
            </message:DataSet>
            """));

        read.Series.Single().Observations.Select(o => o.Attributes["NATURE"]).Should().Equal("C", "E");
    }

    [Fact]
    public void Problems_outside_any_series_come_as_series_of_their_own()
    {
        var read = ReadText(Message("AllDimensions", """
            <message:DataSet ss:structureRef="S" FOOTNOTE="x">
              <Group type="Sibling" REF_AREA="404" COLOUR="red"/>
              <Series REF_AREA="404" KEY/>
              <Obs REF_AREA="404" TIME_PERIOD="2015" OBS_VALUE="1" KEY/>
            </message:DataSet>
            """));

        read.Errors.Select(e => e.ToString()).Should().Equal(
            "line 7, FOOTNOTE: the data set gives 'FOOTNOTE', which is not an attribute of IAEG-SDGs:SDG(1.0)",
            "line 8, COLOUR: the group gives 'COLOUR', which is neither a dimension nor an attribute of IAEG-SDGs:SDG(1.0)",
            "line 9: <Series> is not expected here: a flat data set holds Obs elements");
        read.Series.Where(s => s.HasErrors).Should().OnlyContain(s => s.Key.Count == 0 && s.Observations.Count == 0);
        read.Series.Should().ContainSingle(s => !s.HasErrors).Which.Observations.Should().ContainSingle();
    }

    [Theory]
    [InlineData("sdmx-ml-2.1-structure-specific", DataFormat.SdmxMlStructureSpecific)]
    [InlineData("SDMX-CSV-2.0", DataFormat.SdmxCsv20)]
    public void Format_names_parse(string name, DataFormat format)
    {
        DataFormats.TryParse(name, out var parsed).Should().BeTrue();
        parsed.Should().Be(format);
        DataFormats.TryParse("sdmx-json", out _).Should().BeFalse();
        DataFormat.SdmxCsv10.MediaType().Should().Be("application/vnd.sdmx.data+csv;version=1.0.0");
    }

    private static string Message(string atObservation, string dataSets) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <message:StructureSpecificData xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific" xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
        <message:Header><message:ID>T</message:ID><message:Test>true</message:Test><message:Prepared>2024-03-01</message:Prepared><message:Sender id="MDGX"/>
        <message:Structure structureID="S" namespace="urn:x" dimensionAtObservation="{atObservation}">
        <common:Structure><URN>urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=IAEG-SDGs:SDG(1.0)</URN></common:Structure>
        </message:Structure></message:Header>
        {dataSets.Replace("KEY", Key, StringComparison.Ordinal)}
        </message:StructureSpecificData>
        """;
}
