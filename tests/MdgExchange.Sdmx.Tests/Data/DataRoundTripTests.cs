using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Data;
using MdgExchange.Sdmx.Tests.Fixtures;
using MdgExchange.Sdmx.Tests.Ml;
using static MdgExchange.Sdmx.Tests.Data.DataTestFiles;

namespace MdgExchange.Sdmx.Tests.Data;

/// <summary>Series written in each format and read back are the series written: real data and awkward values.</summary>
public sealed class DataRoundTripTests
{
    /// <summary>Every format written.</summary>
    public static TheoryData<DataFormat> Formats => [.. DataFormats.All];

    /// <summary>The formats read as well as written (SDMX-JSON is written only: see <see cref="SdmxJsonDataWriterTests"/>).</summary>
    public static TheoryData<DataFormat> ReadFormats => [.. DataFormats.All.Where(f => !f.IsJson())];

    private static readonly Lazy<List<Series>> KenyaSeries = new(() => ReadFile(SdmxTestFiles.Dataset(Kenya)).Series);
    private static readonly Lazy<List<Series>> LacSeries = new(() => LacGlobalSeries.Load());

    [Theory]
    [MemberData(nameof(ReadFormats))]
    public void Kenya_series_survive_a_round_trip(DataFormat format)
    {
        var back = RoundTrip(format, KenyaSeries.Value);

        SeriesText.Describe(back.Series).Should().Equal(SeriesText.Describe(KenyaSeries.Value));
        back.Errors.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(ReadFormats))]
    public void The_global_database_extract_survives_a_round_trip(DataFormat format)
    {
        var lac = LacSeries.Value;
        var back = RoundTrip(format, lac);

        back.Series.Should().HaveCount(209);
        back.Observations.Should().HaveCount(3430);
        SeriesText.Describe(back.Series).Should().Equal(SeriesText.Describe(lac));
        back.Observations.Select(o => o.Attributes["NATURE"]).Distinct().Should().BeEquivalentTo(["E", "C", "CA"]);
    }

    [Theory]
    [MemberData(nameof(ReadFormats))]
    public void Awkward_values_and_texts_survive_a_round_trip(DataFormat format)
    {
        var series = AwkwardSeries();

        var back = RoundTrip(format, series);

        SeriesText.Describe(back.Series).Should().Equal(SeriesText.Describe(series));
        back.Series[0].Observations.Select(o => o.Value).Should().Equal(1.5, double.NaN, null, -0.001, 1e-7, 123456789.123456, 0.1 + 0.2, -0.0);
    }

    [Theory]
    [InlineData(DataFormat.SdmxCsv20)]
    [InlineData(DataFormat.SdmxMlGeneric)]
    [InlineData(DataFormat.SdmxMlStructureSpecific)]
    public void Actions_survive_per_series(DataFormat format)
    {
        var series = AwkwardSeries();
        series[0].Action = DataAction.Replace;
        series[1].Action = DataAction.Delete;

        var back = RoundTrip(format, series);

        back.Series.Select(s => s.Action).Should().Equal(DataAction.Replace, DataAction.Delete, DataAction.Information);
    }

    [Fact]
    public void SDMX_CSV_1_0_has_no_actions_and_names_the_dataflow()
    {
        var text = System.Text.Encoding.UTF8.GetString(Write(DataFormat.SdmxCsv10, KenyaSeries.Value.Take(1)));

        text.Should().StartWith("DATAFLOW,FREQ,REPORTING_TYPE,SERIES,REF_AREA,SEX,AGE,URBANISATION,INCOME_WEALTH_QUANTILE,EDUCATION_LEV,OCCUPATION,CUST_BREAKDOWN,COMPOSITE_BREAKDOWN,DISABILITY_STATUS,ACTIVITY,PRODUCT,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MULT,UNIT_MEASURE,NATURE,");
        text.Split("\r\n")[1].Should().Be("MDGX:DF_SDG(1.0),A,G,EN_LND_SLUM,KE,_T,_T,_T,_T,_T,_T,_T,_T,_T,_T,_T,2014,7.9,A,0,PT,_X,,,,,,Baseline Data          (2009-2014),,,,,,");
        ReadBytes(Write(DataFormat.SdmxCsv10, KenyaSeries.Value)).Series.Should().OnlyContain(s => s.Action == null);
    }

    [Fact]
    public void SDMX_CSV_2_0_rows_carry_structure_action_and_quoted_texts()
    {
        var text = System.Text.Encoding.UTF8.GetString(Write(DataFormat.SdmxCsv20, AwkwardSeries()));

        text.Should().StartWith("STRUCTURE,STRUCTURE_ID,ACTION,FREQ,")
            .And.Contain("\r\ndataflow,MDGX:DF_SDG(1.0),I,A,N,SI_POV_DAY1,404,F,_T,_T,_T,_T,_T,_T,_T,_T,_T,_T,2015,1.5,")
            .And.Contain(",2016,NaN,").And.Contain(",2017,,")
            .And.Contain(",\"He said \"\"no\"\", then left, twice; line one\nline two\r\nline three\rend\",")
            .And.Contain(",  leading and trailing spaces  ,");
    }

    [Fact]
    public void The_header_names_the_dataflow_or_the_DSD()
    {
        var asDataflow = RoundTrip(DataFormat.SdmxMlGeneric, KenyaSeries.Value);
        var asDsd = ReadBytes(Write(DataFormat.SdmxCsv20, KenyaSeries.Value, new DataMessageHeader()));

        asDataflow.Header.StructureRef.Should().Be("MDGX:DF_SDG(1.0)");
        asDataflow.Header.StructureIsDsd.Should().BeFalse();
        asDataflow.Header.SenderId.Should().Be("MDGX");
        asDataflow.Header.Id.Should().Be("TEST1");
        asDataflow.Header.Prepared.Should().Be(new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero));
        asDsd.Header.StructureRef.Should().Be("IAEG-SDGs:SDG(1.0)");
        asDsd.Header.StructureIsDsd.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Writing_asynchronously_gives_the_same_bytes(DataFormat format)
    {
        var expected = Write(format, LacSeries.Value);
        using var output = new MemoryStream();

        var result = await DataWriter.WriteAsync(output, format, Sdg, DefaultHeader(), LacSeries.Value.ToAsyncEnumerable());

        output.ToArray().Should().Equal(expected);
        result.Should().Be(new DataWriteResult(209, 3430));
    }

    [Fact]
    public void An_attribute_the_DSD_does_not_have_is_refused_rather_than_dropped()
    {
        var series = AwkwardSeries();
        series[0].Observations[0].Attributes["FOOTNOTE"] = "x";

        var act = () => Write(DataFormat.SdmxCsv20, series);

        act.Should().Throw<ArgumentException>().WithMessage("*'FOOTNOTE' is not an attribute of IAEG-SDGs:SDG(1.0)*");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_dimension_the_DSD_does_not_have_is_refused_rather_than_dropped(DataFormat format)
    {
        var series = AwkwardSeries();
        series[2].Key["COLOUR"] = "red";

        var act = () => Write(format, series);

        act.Should().Throw<ArgumentException>().WithMessage("series A.N.SH_DYN_MORT.32.*: 'COLOUR' is not a dimension of IAEG-SDGs:SDG(1.0)*");
    }

    internal static Read RoundTrip(DataFormat format, IEnumerable<Series> series)
    {
        var written = Write(format, series);
        var back = ReadBytes(written);
        back.Format.Should().Be(format);
        return back;
    }

    /// <summary>A series with every kind of value, texts with delimiters, quotes and line breaks, and a series without observations.</summary>
    internal static List<Series> AwkwardSeries()
    {
        var key = SdgKey("SI_POV_DAY1", "404", sex: "F");
        var values = new double?[] { 1.5, double.NaN, null, -0.001, 1e-7, 123456789.123456, 0.1 + 0.2, -0.0 };
        var first = new Series
        {
            Key = key,
            Attributes =
            {
                ["UNIT_MEASURE"] = "PT",
                ["COMMENT_TS"] = "He said \"no\", then left, twice; line one\nline two\r\nline three\rend",
            },
        };
        for (var i = 0; i < values.Length; i++)
        {
            first.Observations.Add(new Observation
            {
                TimePeriod = (2015 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Value = values[i],
                Attributes = { ["NATURE"] = i % 2 == 0 ? "C" : "CA", ["UNIT_MULT"] = "0" },
            });
        }

        first.Observations[0].Attributes["COMMENT_OBS"] = "Encuesta de hogares, año 2014 — «ñ», 中文, ;semicolon; \"quoted\"";
        first.Observations[1].Attributes["SOURCE_DETAIL"] = "  leading and trailing spaces  ";
        var attributesOnly = new Series { Key = SdgKey("SI_POV_DAY1", "404", sex: "M"), Attributes = { ["UNIT_MEASURE"] = "PT", ["COMMENT_TS"] = "no data yet" } };
        var third = new Series
        {
            Key = SdgKey("SH_DYN_MORT", "32"),
            Attributes = { ["UNIT_MEASURE"] = "PER_1000_LIVE_BIRTHS" },
            Observations = { new Observation { TimePeriod = "2019-Q1", Value = 8.8, Attributes = { ["OBS_STATUS"] = "E" } } },
        };
        return [first, attributesOnly, third];
    }

    internal static Dictionary<string, string> SdgKey(string series, string area, string sex = "_T", string reportingType = "N")
    {
        var key = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dimension in Sdg.Dimensions)
        {
            key[dimension.Id] = "_T";
        }

        key["FREQ"] = "A";
        key["REPORTING_TYPE"] = reportingType;
        key["SERIES"] = series;
        key["REF_AREA"] = area;
        key["SEX"] = sex;
        return key;
    }
}
