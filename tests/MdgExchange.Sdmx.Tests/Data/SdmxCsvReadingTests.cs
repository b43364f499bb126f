using System.Text;
using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Data;
using static MdgExchange.Sdmx.Tests.Data.DataTestFiles;

namespace MdgExchange.Sdmx.Tests.Data;

/// <summary>The SDMX-CSV variants the field guides allow: column order, labels, delimiters, actions, custom columns.</summary>
public sealed class SdmxCsvReadingTests
{
    private const string Dims = "FREQ,REPORTING_TYPE,SERIES,REF_AREA,SEX,AGE,URBANISATION,INCOME_WEALTH_QUANTILE,EDUCATION_LEV,OCCUPATION,CUST_BREAKDOWN,COMPOSITE_BREAKDOWN,DISABILITY_STATUS,ACTIVITY,PRODUCT";
    private const string Kenya = "A,N,SI_POV_DAY1,404,_T,_T,_T,_T,_T,_T,_T,_T,_T,_T,_T";
    private const string Brazil = "A,N,SI_POV_DAY1,76,_T,_T,_T,_T,_T,_T,_T,_T,_T,_T,_T";

    [Fact]
    public void SDMX_CSV_1_0_names_the_dataflow_in_the_header()
    {
        var read = ReadText($"DATAFLOW,{Dims},TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,NATURE\n"
            + $"MDGX:DF_SDG(1.0),{Kenya},2015,36.8,PT,C\nMDGX:DF_SDG(1.0),{Kenya},2016,35.2,PT,C\n");

        read.Format.Should().Be(DataFormat.SdmxCsv10);
        read.Header.StructureRef.Should().Be("MDGX:DF_SDG(1.0)");
        read.Header.StructureIsDsd.Should().BeFalse();
        read.Header.Action.Should().BeNull();
        read.Series.Should().ContainSingle().Which.Observations.Select(o => o.Value).Should().Equal(36.8, 35.2);
        read.Series[0].Attributes.Should().Equal(new Dictionary<string, string> { ["UNIT_MEASURE"] = "PT" });
        read.Series[0].Observations[1].Attributes.Should().Equal(new Dictionary<string, string> { ["NATURE"] = "C" });
    }

    [Fact]
    public void SDMX_CSV_2_0_without_ACTION_is_Information_and_may_name_a_DSD()
    {
        var read = ReadText($"STRUCTURE,STRUCTURE_ID,{Dims},TIME_PERIOD,OBS_VALUE\ndatastructure,IAEG-SDGs:SDG(1.0),{Kenya},2015,36.8\n");

        read.Format.Should().Be(DataFormat.SdmxCsv20);
        read.Header.Should().BeEquivalentTo(new DataMessageHeader { StructureRef = "IAEG-SDGs:SDG(1.0)", StructureIsDsd = true, Action = DataAction.Information });
        read.Series.Single().Action.Should().BeNull();
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_custom_columns_are_ignored_with_a_warning()
    {
        var shuffled = string.Join(",", Dims.Split(',').Reverse());
        var kenya = string.Join(",", Kenya.Split(',').Reverse());
        var read = ReadText($"STRUCTURE,STRUCTURE_ID,ACTION,OBS_VALUE,NATURE,UPDATED,{shuffled},TIME_PERIOD\r\ndataflow,MDGX:DF_SDG(1.0),R,36.8,C,2021-01-22T13:15:41Z,{kenya},2015\r\n");

        var series = read.Series.Single();
        series.Key.Should().Equal(ExpectedKey("404"));
        series.Action.Should().Be(DataAction.Replace);
        series.Observations.Single().Attributes.Should().Equal(new Dictionary<string, string> { ["NATURE"] = "C" });
        read.Warnings.Should().Equal("column 6 'UPDATED' is not a component of IAEG-SDGs:SDG(1.0); it was ignored");
    }

    [Fact]
    public void A_semicolon_file_with_labels_and_a_sub_field_delimiter_is_read()
    {
        var labelled = string.Join(";", Dims.Split(',').Select(d => $"{d}: Name of {d}"));
        var values = string.Join(";", Kenya.Split(',').Select(v => $"{v}: Label"));
        var read = ReadText($"STRUCTURE[|];STRUCTURE_ID;ACTION;{labelled};TIME_PERIOD: Time;OBS_VALUE: Observation value;NATURE: Nature;COMMENT_OBS[en|es]: Comment\n"
            + $"dataflow;MDGX:DF_SDG(1.0): SDG data;I;{values};2015: 2015;36.8;C: Country data;en:Survey: round 2, \"final\"\n");

        read.Header.StructureRef.Should().Be("MDGX:DF_SDG(1.0)");
        var series = read.Series.Single();
        series.Key.Should().Equal(ExpectedKey("404"));
        series.Observations.Single().TimePeriod.Should().Be("2015");
        series.Observations.Single().Attributes.Should().Equal(new Dictionary<string, string>
        {
            ["NATURE"] = "C",
            ["COMMENT_OBS"] = "en:Survey: round 2, \"final\"", // a text, not a code: its colon stays
        });
    }

    [Fact]
    public void Rows_of_a_key_that_come_back_later_give_another_series_with_that_key()
    {
        var read = ReadText($"STRUCTURE,STRUCTURE_ID,ACTION,{Dims},TIME_PERIOD,OBS_VALUE\n"
            + $"dataflow,MDGX:DF_SDG(1.0),I,{Kenya},2015,1\ndataflow,MDGX:DF_SDG(1.0),I,{Brazil},2015,2\n"
            + $"dataflow,MDGX:DF_SDG(1.0),I,{Kenya},2016,3\ndataflow,MDGX:DF_SDG(1.0),D,{Kenya},2017,\n");

        read.Series.Select(s => (s.Key["REF_AREA"], s.Action, s.Observations.Count, s.Location))
            .Should().Equal(("404", DataAction.Information, 1, "line 2"), ("76", DataAction.Information, 1, "line 3"),
                ("404", DataAction.Information, 1, "line 4"), ("404", DataAction.Delete, 1, "line 5"));
        read.Series[3].Observations.Single().Value.Should().BeNull();
    }

    [Fact]
    public void A_row_without_a_period_carries_series_attributes_only()
    {
        var read = ReadText($"STRUCTURE,STRUCTURE_ID,ACTION,{Dims},TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,COMMENT_TS,NATURE\n"
            + $"dataflow,MDGX:DF_SDG(1.0),I,{Kenya},,,PT,\"revised, 2020\",\n"
            + $"dataflow,MDGX:DF_SDG(1.0),I,{Brazil},,5,PT,,C\n");

        read.Series[0].Observations.Should().BeEmpty();
        read.Series[0].Attributes.Should().Equal(new Dictionary<string, string> { ["UNIT_MEASURE"] = "PT", ["COMMENT_TS"] = "revised, 2020" });
        read.Errors.Select(e => e.ToString()).Should().Equal(
            "line 3, TIME_PERIOD: the row has the value '5' but no TIME_PERIOD",
            "line 3, NATURE: the row gives the observation attribute NATURE but no TIME_PERIOD");
    }

    [Fact]
    public void A_row_for_another_structure_and_a_stray_quote_are_reported()
    {
        var read = ReadText($"STRUCTURE,STRUCTURE_ID,ACTION,{Dims},TIME_PERIOD,OBS_VALUE,COMMENT_OBS\n"
            + $"dataflow,MDGX:DF_SDG(1.0),I,{Kenya},2015,1,\n"
            + $"dataflow,MDGX:DF_OTHER(1.0),I,{Kenya},2016,2,a \"quoted\" word\n");

        read.Errors.Select(e => e.ToString()).Should().Equal(
            "line 3, STRUCTURE_ID: the row is for 'MDGX:DF_OTHER(1.0)' but the file's first row for 'MDGX:DF_SDG(1.0)'; a file holds data of one structure",
            "line 3: the field 'a \"quoted\" word' has a quote inside a field that does not start with one (RFC 4180: quote the whole field and double the quotes inside)");
    }

    [Fact]
    public void Byte_order_marks_blank_lines_and_UTF_16_are_read()
    {
        var text = $"\uFEFFSTRUCTURE,STRUCTURE_ID,{Dims},TIME_PERIOD,OBS_VALUE,COMMENT_OBS\r\n\r\ndataflow,MDGX:DF_SDG(1.0),{Kenya},2015,1,Año\r\n\r\n";

        var utf8 = ReadBytes(Encoding.UTF8.GetBytes(text));
        var utf16 = ReadBytes(Encoding.Unicode.GetBytes(text));

        utf8.Series.Single().Location.Should().Be("line 3");
        utf8.Series.Single().Observations.Single().Attributes["COMMENT_OBS"].Should().Be("Año");
        SeriesText.Describe(utf16.Series).Should().Equal(SeriesText.Describe(utf8.Series));
    }

    [Fact]
    public void A_header_with_a_repeated_column_is_refused()
    {
        RefusedText($"STRUCTURE,STRUCTURE_ID,{Dims},TIME_PERIOD,OBS_VALUE,SEX\r\n").Rule
            .Should().Be("the header has two columns for 'SEX' (columns 7 and 20)");
    }

    [Fact]
    public void A_header_only_file_has_no_series()
    {
        var read = ReadText($"STRUCTURE,STRUCTURE_ID,ACTION,{Dims},TIME_PERIOD,OBS_VALUE\r\n");

        read.Series.Should().BeEmpty();
        read.Header.StructureRef.Should().BeNull();
    }

    private static Dictionary<string, string> ExpectedKey(string area) =>
        Dims.Split(',').Zip(Kenya.Split(',')).ToDictionary(p => p.First, p => p.First == "REF_AREA" ? area : p.Second);
}
