using System.Text;
using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Data;
using static MdgExchange.Sdmx.Tests.Data.DataTestFiles;

namespace MdgExchange.Sdmx.Tests.Data;

/// <summary>
/// The malformed corpus in <c>tests/data/sdmx-data</c>. Bad values are reported in the series, all of them, with
/// their line; files that cannot be read on are refused with an <see cref="SdmxFormatException"/> naming the line and the rule.
/// </summary>
public sealed class MalformedDataTests
{
    [Fact]
    public void Bad_values_in_structure_specific_data_are_all_reported_with_their_lines()
    {
        var read = ReadFile(Corpus("bad-values.xml"));

        read.Series.Should().HaveCount(2);
        read.Errors.Select(e => e.ToString()).Should().Equal(
            $"line 15, OBS_VALUE: '12,5' {ObservationValues.Rule}",
            $"line 16, OBS_VALUE: 'n/a' {ObservationValues.Rule}",
            "line 20, FOOTNOTE: the series gives 'FOOTNOTE', which is not a component of IAEG-SDGs:SDG(1.0)",
            "line 21, TIME_PERIOD: the observation has no TIME_PERIOD",
            $"line 22, OBS_VALUE: '1,234.5' {ObservationValues.Rule}",
            $"line 23, OBS_VALUE: '-Infinity' {ObservationValues.Rule}");
        var first = read.Series[0];
        first.Observations.Select(o => o.Value).Should().Equal(52.2, null, null, double.NaN, null);
        first.Observations.Select(o => o.RawValue).Should().Equal(null, "12,5", "n/a", null, null);
        first.Errors!.Select(e => e.ObservationIndex).Should().Equal(1, 2);
        first.Action.Should().Be(DataAction.Replace);
        read.Header.StructureRef.Should().Be("MDGX:DF_SDG(1.0)");
        read.Header.StructureIsDsd.Should().BeFalse();
    }

    [Fact]
    public void Bad_values_in_flat_generic_data_are_reported_and_the_series_are_assembled()
    {
        var read = ReadFile(Corpus("generic-bad-values.xml"));

        read.Format.Should().Be(DataFormat.SdmxMlGeneric);
        read.Series.Select(s => s.Key["REF_AREA"]).Should().Equal("32", "76");
        read.Series[0].Observations.Select(o => (o.TimePeriod, o.Value, o.RawValue)).Should().Equal(("2019", 0.9, null), ("2020", null, "1 %"));
        read.Errors.Should().ContainSingle().Which.Should().Be(new DataReadError("line 33", "OBS_VALUE", $"'1 %' {ObservationValues.Rule}", 1));
        read.Series.Should().OnlyContain(s => s.Attributes["COMMENT_TS"] == "data set comment" && s.Attributes["UNIT_MEASURE"] == "PT" && s.Action == DataAction.Append);
        read.Series[1].Observations[0].Attributes["NATURE"].Should().Be("E");
    }

    [Fact]
    public void Bad_values_in_SDMX_CSV_are_all_reported_with_their_lines()
    {
        var read = ReadFile(Corpus("bad-values.csv"));

        read.Errors.Select(e => e.ToString()).Should().Equal(
            $"line 3, OBS_VALUE: '12,5' {ObservationValues.Rule}",
            $"line 4, OBS_VALUE: 'n/a' {ObservationValues.Rule}",
            "line 8, ACTION: 'X' is not an SDMX action (I, A, M, R or D)",
            $"line 9, OBS_VALUE: '1,234.5' {ObservationValues.Rule}",
            "line 10, UNIT_MEASURE: the series attribute is 'NUM' here but 'PT' earlier in the same series (line 9); a series has one value per attribute");
        read.Series.Select(s => (s.Location, s.Observations.Count)).Should().Equal(("line 2", 5), ("line 8", 1), ("line 9", 2));
        read.Series[0].Observations.Select(o => o.Value).Should().Equal(36.8, null, null, double.NaN, null);
        read.Series[0].Observations[4].Attributes["COMMENT_OBS"].Should().Be("multi-line\r\ncomment");
        read.Series[0].ObservationLocations.Should().Equal("line 2", "line 3", "line 4", "line 5", "line 6");
        read.Series[1].ObservationLocations.Should().Equal("line 8");
    }

    [Fact]
    public void A_short_CSV_row_is_reported_on_its_own_and_the_rows_after_it_are_read()
    {
        var read = ReadFile(Corpus("short-row.csv"));

        read.Series.Should().HaveCount(3);
        read.Series[1].Key.Should().BeEmpty();
        read.Series[1].Observations.Should().BeEmpty();
        read.Errors.Should().ContainSingle().Which.ToString().Should()
            .Be("line 3: the row has 22 fields but the header has 23; a field is missing or a delimiter is not quoted, so the row was not read");
        read.Series[2].Observations.Should().ContainSingle().Which.Attributes["COMMENT_OBS"].Should().Be("a comment, quoted");
        read.Series[0].Key.Should().Equal(read.Series[2].Key);
    }

    [Fact]
    public void A_CSV_header_without_TIME_PERIOD_is_refused()
    {
        var error = Refused(Corpus("missing-time-period.csv"));

        error.Message.Should().Be("line 1, position 1: the header has no TIME_PERIOD column; every observation needs its period");
        error.LineNumber.Should().Be(1);
    }

    [Fact]
    public void A_CSV_header_without_a_dimension_is_refused_naming_it()
    {
        var error = RefusedText("STRUCTURE,STRUCTURE_ID,FREQ,SERIES,TIME_PERIOD,OBS_VALUE\r\ndataflow,MDGX:DF_SDG(1.0),A,SI_POV_DAY1,2015,1\r\n");

        error.Rule.Should().StartWith("the header has no column for the dimensions REPORTING_TYPE, REF_AREA, SEX,").And.EndWith("of IAEG-SDGs:SDG(1.0); every dimension needs a column");
    }

    [Fact]
    public void Truncated_XML_is_refused_after_the_series_before_the_cut()
    {
        using var stream = File.OpenRead(Corpus("truncated.xml"));
        using var reader = DataReaderFactory.Open(stream);
        var read = new List<Series>();

        var act = () => read.AddRange(reader.ReadSeries(Sdg));

        var error = act.Should().Throw<SdmxFormatException>().Which;
        error.Message.Should().StartWith("line 28, position").And.Contain("the document is truncated");
        error.LineNumber.Should().Be(28);
        read.Should().HaveCount(2, "the series before the cut were complete");
    }

    [Fact]
    public void A_wrong_encoding_declaration_is_named()
    {
        var error = Refused(Corpus("bad-encoding.xml"));

        error.Rule.Should().StartWith("the XML declaration says encoding=\"UTF-16\", which does not match the bytes of the file")
            .And.EndWith("save the file as UTF-8 and declare encoding=\"UTF-8\"");
        error.LineNumber.Should().Be(1);
    }

    [Fact]
    public void A_CSV_file_that_is_not_UTF_8_is_refused()
    {
        var error = Refused(Corpus("not-utf8.csv"));

        error.Rule.Should().StartWith("the file is not UTF-8: the bytes after line 1 cannot be decoded");
        error.LineNumber.Should().Be(2);
    }

    [Fact]
    public void A_structure_message_is_not_a_data_message()
    {
        Refused(Corpus("wrong-root.xml")).Message.Should().Be(
            "line 2, position 2, element <mes:Structure>: the root element is <mes:Structure>: this is an SDMX-ML 2.1 Structure message, not a data message (StructureSpecificData or GenericData)");
    }

    [Fact]
    public void A_CSV_file_that_is_not_SDMX_CSV_names_its_first_line()
    {
        Refused(Corpus("not-sdmx.csv")).Rule.Should().Be(
            "the file is neither SDMX-ML nor SDMX-CSV: its first line is 'series,m49,country,year,value,nature,units,sex,age,location', where an SDMX-CSV header starts with DATAFLOW (SDMX-CSV 1.0) or STRUCTURE (SDMX-CSV 2.0)");
    }

    [Fact]
    public void Empty_files_HTML_pages_JSON_and_other_SDMX_versions_are_named()
    {
        Refused(Corpus("empty.csv")).Rule.Should().StartWith("the file is empty");
        RefusedText(" \r\n ").Rule.Should().StartWith("the file is empty");
        RefusedText("<?xml version=\"1.0\"?>\n").Rule.Should().Be("the document is empty: it has no root element");
        RefusedText("<!doctype html>\n<html><body><p>Gateway timeout<br></body></html>").Rule.Should().Be("the document is an HTML page, not an SDMX-ML message");
        RefusedText("{\"data\":{}}").Rule.Should().StartWith("the file is JSON");
        RefusedText("<message:GenericData xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message\"/>").Rule.Should().Contain("SDMX-ML 3.0");
        RefusedText("<catalog xmlns=\"urn:example:books\"/>").Rule.Should().Contain("<catalog>").And.Contain("not an SDMX-ML message");
    }

    [Fact]
    public void Unsupported_observation_dimension_is_refused()
    {
        var text = File.ReadAllText(Corpus("bad-values.xml")).Replace("dimensionAtObservation=\"TIME_PERIOD\"", "dimensionAtObservation=\"REF_AREA\"", StringComparison.Ordinal);

        RefusedText(text).Rule.Should().Be("the data set has dimensionAtObservation 'REF_AREA'; only TIME_PERIOD (series) and AllDimensions (flat) can be read");
    }

    [Fact]
    public void Not_well_formed_XML_inside_a_data_set_names_the_line()
    {
        var text = File.ReadAllText(Corpus("bad-values.xml")).Replace("<Obs TIME_PERIOD=\"2016\" OBS_VALUE=\"n/a\" NATURE=\"C\"/>", "<Obs TIME_PERIOD=\"2016\" OBS_VALUE=\"n/a\" NATURE=\"C\">", StringComparison.Ordinal);

        var error = RefusedText(text);

        error.Rule.Should().StartWith("the document is not well-formed XML").And.Contain("'Obs' start tag on line 16");
        error.LineNumber.Should().Be(19);
    }

    [Fact]
    public void Series_can_be_read_once()
    {
        using var reader = DataReaderFactory.Open(new MemoryStream(Encoding.UTF8.GetBytes(File.ReadAllText(Corpus("short-row.csv")))));
        _ = reader.ReadSeries(Sdg).ToList();

        var again = () => reader.ReadSeries(Sdg);

        again.Should().Throw<InvalidOperationException>();
    }
}
