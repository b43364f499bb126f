using System.Globalization;
using System.Text;
using System.Text.Json;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Data;
using MdgExchange.Sdmx.Tests.Fixtures;
using MdgExchange.Sdmx.Tests.Json;
using MdgExchange.Sdmx.Tests.Ml;
using static MdgExchange.Sdmx.Tests.Data.DataTestFiles;

namespace MdgExchange.Sdmx.Tests.Data;

/// <summary>
/// SDMX-JSON data messages 1.0 and 2.0.0, in the series and the flat layout: valid against the schemas, and the
/// indices decoded back (with System.Text.Json, here) give the series written, actions and validity included.
/// </summary>
public sealed class SdmxJsonDataWriterTests
{
    private static readonly Lazy<List<Series>> KenyaSeries = new(() => ReadFile(SdmxTestFiles.Dataset(Kenya)).Series);
    private static readonly Lazy<List<Series>> LacSeries = new(() => LacGlobalSeries.Load());

    /// <summary>Both versions in both layouts.</summary>
    public static TheoryData<DataFormat, bool> Variants => new()
    {
        { DataFormat.SdmxJson10, false },
        { DataFormat.SdmxJson10, true },
        { DataFormat.SdmxJson20, false },
        { DataFormat.SdmxJson20, true },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Kenya_series_are_valid_and_decode_to_what_was_written(DataFormat format, bool flat)
    {
        var json = WriteJson(format, KenyaSeries.Value, flat);

        SdmxJsonSchemas.ShouldBeValid(json, SchemaOf(format));
        SeriesText.Describe(Decode(json)).Should().Equal(SeriesText.Describe(KenyaSeries.Value));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void The_global_database_extract_is_valid_and_decodes_to_what_was_written(DataFormat format, bool flat)
    {
        var json = WriteJson(format, LacSeries.Value, flat);

        SdmxJsonSchemas.ShouldBeValid(json, SchemaOf(format));
        var back = Decode(json);
        back.Should().HaveCount(209);
        back.Sum(s => s.Observations.Count).Should().Be(3430);
        SeriesText.Describe(back).Should().Equal(SeriesText.Describe(LacSeries.Value));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Actions_and_validity_open_data_sets_and_awkward_values_survive(DataFormat format, bool flat)
    {
        var series = DataRoundTripTests.AwkwardSeries();
        var from = new DateTimeOffset(2023, 5, 1, 8, 30, 0, TimeSpan.FromHours(2));
        var to = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
        series.Add(Copy(series[2], "SH_DYN_MORT", "76"));
        series.Add(Copy(series[0], "SI_POV_DAY1", "76"));
        (series[0].Action, series[1].Action, series[2].Action) = (DataAction.Replace, DataAction.Delete, null);
        (series[3].ValidFrom, series[3].ValidTo) = (from, to);
        series[4].ValidFrom = from;

        var json = WriteJson(format, series, flat);

        SdmxJsonSchemas.ShouldBeValid(json, SchemaOf(format));
        var back = Decode(json);
        SeriesText.Describe(back).Should().Equal(SeriesText.Describe(series));
        back.Select(s => s.Action).Should().Equal(DataAction.Replace, DataAction.Delete, DataAction.Information, DataAction.Information, DataAction.Information);
        back.Select(s => s.ValidFrom).Should().Equal(null, null, null, from, from);
        back.Select(s => s.ValidTo).Should().Equal(null, null, null, to, null);
        back[0].Observations.Select(o => o.Value).Should().Equal(1.5, double.NaN, null, -0.001, 1e-7, 123456789.123456, 0.1 + 0.2, -0.0);
        using var document = JsonDocument.Parse(json);
        var data = document.RootElement.GetProperty("data");
        data.GetProperty("dataSets").GetArrayLength().Should().Be(5, "each change of action or validity opens a data set");
        if (format == DataFormat.SdmxJson20)
        {
            data.GetProperty("structures")[0].GetProperty("dataSets").EnumerateArray().Select(i => i.GetInt32()).Should().Equal(0, 1, 2, 3, 4);
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Series_without_observations_and_an_empty_message_are_written_validly(DataFormat format, bool flat)
    {
        var keysOnly = KenyaSeries.Value.Select(s => new Series { Key = s.Key, Attributes = s.Attributes }).ToList();

        var json = WriteJson(format, keysOnly, flat);
        var empty = WriteJson(format, [], flat);

        SdmxJsonSchemas.ShouldBeValid(json, SchemaOf(format));
        SeriesText.Describe(Decode(json)).Should().Equal(SeriesText.Describe(keysOnly));
        SdmxJsonSchemas.ShouldBeValid(empty, SchemaOf(format));
        Decode(empty).Should().BeEmpty();
    }

    [Theory]
    [InlineData(DataFormat.SdmxJson10)]
    [InlineData(DataFormat.SdmxJson20)]
    public void The_header_the_structure_and_the_attachments_are_written(DataFormat format)
    {
        var json = WriteJson(format, LacSeries.Value.Take(2), flat: false);

        using var document = JsonDocument.Parse(json);
        var meta = document.RootElement.GetProperty("meta");
        meta.GetProperty("id").GetString().Should().Be("TEST1");
        meta.GetProperty("test").GetBoolean().Should().BeFalse();
        meta.GetProperty("prepared").GetDateTimeOffset().Should().Be(new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero));
        meta.GetProperty("sender").GetProperty("id").GetString().Should().Be("MDGX");
        meta.GetProperty("schema").GetString().Should().Contain(format == DataFormat.SdmxJson20 ? "/2.0.0/" : "/1.0/");
        var structure = Structure(document.RootElement);
        structure.GetProperty("links")[0].GetProperty("urn").GetString().Should().Be("urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=MDGX:DF_SDG(1.0)");
        document.RootElement.GetProperty("data").GetProperty("dataSets")[0].GetProperty("links")[0].GetProperty("rel").GetString().Should().Be("dataflow");
        Ids(structure.GetProperty("attributes").GetProperty("series")).Should().StartWith(["UNIT_MEASURE", "COMMENT_TS"]);
        Ids(structure.GetProperty("attributes").GetProperty("observation")).Should().StartWith(["OBS_STATUS", "UNIT_MULT", "NATURE"]);
        var relationship = structure.GetProperty("attributes").GetProperty("observation")[0].GetProperty("relationship");
        (format == DataFormat.SdmxJson20 ? relationship.TryGetProperty("observation", out _) : relationship.TryGetProperty("primaryMeasure", out _)).Should().BeTrue();
        var timeValues = structure.GetProperty("dimensions").GetProperty("observation")[0].GetProperty("values");
        timeValues[0].GetProperty("id").GetString().Should().MatchRegex("^[0-9]{4}$");
    }

    [Fact]
    public void A_data_set_without_a_dataflow_names_the_DSD()
    {
        var json = Encoding.UTF8.GetString(Write(DataFormat.SdmxJson20, LacSeries.Value.Take(1), new DataMessageHeader { Id = "X1", SenderId = "MDGX" }));

        using var document = JsonDocument.Parse(json);
        var link = document.RootElement.GetProperty("data").GetProperty("dataSets")[0].GetProperty("links")[0];
        link.GetProperty("rel").GetString().Should().Be("datastructure");
        link.GetProperty("urn").GetString().Should().Be("urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=IAEG-SDGs:SDG(1.0)");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void An_attribute_the_DSD_does_not_have_is_refused_rather_than_dropped(DataFormat format, bool flat)
    {
        var onObservation = DataRoundTripTests.AwkwardSeries();
        onObservation[0].Observations[3].Attributes["FOOTNOTE"] = "x";
        var onSeries = DataRoundTripTests.AwkwardSeries();
        onSeries[1].Attributes["FOOTNOTE"] = "x";

        var first = () => WriteJson(format, onObservation, flat);
        var second = () => WriteJson(format, onSeries, flat);

        first.Should().Throw<ArgumentException>().WithMessage("*'FOOTNOTE' is not an attribute of IAEG-SDGs:SDG(1.0)*");
        second.Should().Throw<ArgumentException>().WithMessage("*'FOOTNOTE' is not an attribute of IAEG-SDGs:SDG(1.0)*");
    }

    [Fact]
    public void A_series_without_a_code_for_a_dimension_is_refused()
    {
        var series = DataRoundTripTests.AwkwardSeries();
        series[1].Key.Remove("SEX");

        var act = () => WriteJson(DataFormat.SdmxJson20, series, flat: false);

        act.Should().Throw<ArgumentException>().WithMessage("*no code for 'SEX'*");
    }

    internal static string WriteJson(DataFormat format, IEnumerable<Series> series, bool flat)
    {
        using var stream = new MemoryStream();
        DataWriter.Write(stream, format, Sdg, DefaultHeader(), series, new DataWriteOptions(flat));
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string SchemaOf(DataFormat format) => format == DataFormat.SdmxJson20 ? SdmxJsonSchemas.Data20 : SdmxJsonSchemas.Data10;

    private static Series Copy(Series series, string code, string area) => new()
    {
        Key = DataRoundTripTests.SdgKey(code, area, sex: series.Key["SEX"]),
        Attributes = new Dictionary<string, string>(series.Attributes, StringComparer.Ordinal),
        Observations = series.Observations.Select(o => new Observation
        {
            TimePeriod = o.TimePeriod,
            Value = o.Value,
            Attributes = new Dictionary<string, string>(o.Attributes, StringComparer.Ordinal),
        }).ToList(),
    };

    private static IEnumerable<string> Ids(JsonElement components) => components.EnumerateArray().Select(c => c.GetProperty("id").GetString()!);

    private static JsonElement Structure(JsonElement root)
    {
        var data = root.GetProperty("data");
        return data.TryGetProperty("structures", out var structures) ? structures[0] : data.GetProperty("structure");
    }

    /// <summary>Decodes a data message of either version and layout with the shared reader (<see cref="SdmxJsonData"/>).</summary>
    internal static List<Series> Decode(string json) => SdmxJsonData.Read(System.Text.Encoding.UTF8.GetBytes(json), Sdg);
}

/// <summary>
/// 200,000 observations made on demand and written as SDMX-JSON to a stream that only counts: the bytes leave as
/// the series arrive, and no series is kept once written (the structure section needs only the distinct codes).
/// </summary>
[Collection(nameof(StreamingCollection))]
public sealed class SdmxJsonStreamingTests
{
    private const int SeriesCount = 2_000;
    private const int ObservationsPerSeries = 100;

    [Theory]
    [InlineData(DataFormat.SdmxJson10, false)]
    [InlineData(DataFormat.SdmxJson20, true)]
    public void Series_are_written_as_they_come_and_not_kept(DataFormat format, bool flat)
    {
        var output = new CountingStream();
        WeakReference? first = null;
        bool? firstAliveLater = null;
        long writtenAtHalf = 0, retainedEarly = 0, retainedLate = 0;

        var result = DataWriter.Write(output, format, Sdg, DefaultHeader(), Generate(i =>
        {
            if (i == 1)
            {
                retainedEarly = GC.GetTotalMemory(forceFullCollection: true);
            }
            else if (i == SeriesCount / 2)
            {
                writtenAtHalf = output.BytesWritten;
            }
            else if (i == SeriesCount - 1)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                firstAliveLater = first!.IsAlive;
                retainedLate = GC.GetTotalMemory(forceFullCollection: true);
            }
        }, made => first ??= new WeakReference(made)), new DataWriteOptions(flat));

        result.Should().Be(new DataWriteResult(SeriesCount, SeriesCount * ObservationsPerSeries));
        output.BytesWritten.Should().BeGreaterThan(SeriesCount * ObservationsPerSeries * 8L);
        writtenAtHalf.Should().BeGreaterThan(output.BytesWritten / 3, "the series are written as they arrive, not at the end");
        firstAliveLater.Should().BeFalse("the writer keeps no series it has written");
        (retainedLate - retainedEarly).Should().BeLessThan(4_000_000,
            "what the writer keeps grows with the distinct codes (2,000 areas), not with the 200,000 observations (tens of megabytes as objects)");
    }

    /// <summary>Series made on demand; <paramref name="before"/> is told the number of each before it is made.</summary>
    private static IEnumerable<Series> Generate(Action<int> before, Action<Series> made)
    {
        var dimensions = Sdg.Dimensions.Select(d => d.Id).ToArray();
        for (var i = 0; i < SeriesCount; i++)
        {
            before(i);
            var series = new Series { Attributes = { ["UNIT_MEASURE"] = "PT" } };
            foreach (var id in dimensions)
            {
                series.Key[id] = "_T";
            }

            series.Key["FREQ"] = "A";
            series.Key["REPORTING_TYPE"] = "G";
            series.Key["SERIES"] = "SI_POV_DAY1";
            series.Key["REF_AREA"] = i.ToString(CultureInfo.InvariantCulture);
            for (var year = 0; year < ObservationsPerSeries; year++)
            {
                series.Observations.Add(new Observation
                {
                    TimePeriod = (1950 + year).ToString(CultureInfo.InvariantCulture),
                    Value = i * 0.25 + year,
                    Attributes = { ["NATURE"] = "C", ["UNIT_MULT"] = "0" },
                });
            }

            made(series);
            yield return series;
        }
    }

    /// <summary>Counts the bytes written and keeps none.</summary>
    private sealed class CountingStream : Stream
    {
        public long BytesWritten { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => BytesWritten;

        public override long Position
        {
            get => BytesWritten;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => BytesWritten += count;

        public override void Write(ReadOnlySpan<byte> buffer) => BytesWritten += buffer.Length;
    }
}
