using System.Text;
using System.Xml.Linq;
using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Data;
using MdgExchange.Sdmx.Ml;
using MdgExchange.Sdmx.Tests.Fixtures;
using MdgExchange.Sdmx.Tests.Ml;
using static MdgExchange.Sdmx.Tests.Data.DataTestFiles;

namespace MdgExchange.Sdmx.Tests.Data;

/// <summary>
/// SDMX-ML data in the flat layout (dimensionAtObservation AllDimensions), data sets that carry the validity of
/// past versions (includeHistory), and series without observations (serieskeysonly): valid against the XSDs and
/// read back as written.
/// </summary>
public sealed class FlatLayoutTests
{
    private const string Urn = "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=MDGX:DF_SDG(1.0):ObsLevelDim:";
    private const string FlatNamespace = Urn + "AllDimensions";
    private const string SeriesNamespace = Urn + "TIME_PERIOD";

    private static readonly DataWriteOptions Flat = new(AllDimensions: true);
    private static readonly XNamespace Message = SdmxNamespaces.Message;
    private static readonly XNamespace Generic = SdmxNamespaces.GenericData;
    private static readonly XNamespace Specific = SdmxNamespaces.StructureSpecificData;
    private static readonly DateTimeOffset T1 = new(2023, 5, 2, 8, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = new(2024, 1, 15, 17, 0, 0, TimeSpan.FromHours(3));

    private static readonly Lazy<List<Series>> KenyaSeries = new(() => ReadFile(SdmxTestFiles.Dataset(Kenya)).Series);
    private static readonly Lazy<List<Series>> LacSeries = new(() => LacGlobalSeries.Load());

    public static TheoryData<string> Sources => ["kenya", "lac", "awkward"];

    public static TheoryData<DataFormat, bool> Layouts => new()
    {
        { DataFormat.SdmxMlGeneric, false },
        { DataFormat.SdmxMlGeneric, true },
        { DataFormat.SdmxMlStructureSpecific, false },
        { DataFormat.SdmxMlStructureSpecific, true },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void Flat_generic_data_is_valid_and_reads_back_as_written(string source)
    {
        var series = Series(source);

        var written = WriteWith(DataFormat.SdmxMlGeneric, series, Flat);
        var back = ReadBytes(written);

        SdmxTestFiles.ValidateAgainstXsd(written).Should().BeEmpty();
        back.Errors.Should().BeEmpty();
        SeriesText.Describe(back.Series).Should().Equal(SeriesText.Describe(series));
        var document = XDocument.Load(new MemoryStream(written));
        var structure = document.Descendants(Message + "Structure").First();
        structure.Attribute("dimensionAtObservation")!.Value.Should().Be("AllDimensions");
        document.Descendants(Message + "DataSet").Where(d => d.Attribute("structureRef")!.Value == "STR1")
            .SelectMany(d => d.Elements()).Should().OnlyContain(e => e.Name == Generic + "Obs");
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Flat_structure_specific_data_is_valid_against_the_flat_DSD_specific_schema_and_reads_back_as_written(string source)
    {
        var series = Series(source);

        var written = WriteWith(DataFormat.SdmxMlStructureSpecific, series, Flat);
        var back = ReadBytes(written);

        StructureSpecificSchema.Validate(written, Sdg, (FlatNamespace, true), (SeriesNamespace, false)).Should().BeEmpty();
        back.Errors.Should().BeEmpty();
        SeriesText.Describe(back.Series).Should().Equal(SeriesText.Describe(series));
        var document = XDocument.Load(new MemoryStream(written));
        var structure = document.Descendants(Message + "Structure").First();
        structure.Attribute("dimensionAtObservation")!.Value.Should().Be("AllDimensions");
        structure.Attribute("namespace")!.Value.Should().Be(FlatNamespace);
        document.Descendants(Message + "DataSet").Where(d => d.Attribute(Specific + "structureRef")!.Value == "STR1")
            .SelectMany(d => d.Elements()).Should().OnlyContain(e => e.Name == "Obs");
    }

    [Fact]
    public void A_flat_observation_carries_every_dimension_time_value_and_the_attributes_of_both_levels()
    {
        var series = KenyaSeries.Value.First(s => s.Observations.Count > 0 && s.Attributes.Count > 0 && s.Observations[0].Attributes.Count > 0);

        var specific = XDocument.Load(new MemoryStream(WriteWith(DataFormat.SdmxMlStructureSpecific, [series], Flat)));
        var generic = XDocument.Load(new MemoryStream(WriteWith(DataFormat.SdmxMlGeneric, [series], Flat)));

        var expected = series.Key.Concat(series.Attributes).Concat(series.Observations[0].Attributes)
            .Append(new("TIME_PERIOD", series.Observations[0].TimePeriod))
            .Select(p => p.Key).ToList();
        var obs = specific.Descendants(Message + "DataSet").Single().Elements("Obs").First();
        obs.Attributes().Select(a => a.Name.LocalName).Should().BeEquivalentTo(expected.Append("OBS_VALUE"));
        var genericObs = generic.Descendants(Message + "DataSet").Single().Elements(Generic + "Obs").First();
        genericObs.Element(Generic + "ObsKey")!.Elements().Select(v => v.Attribute("id")!.Value)
            .Should().Equal(Sdg.Dimensions.Select(d => d.Id).Where(series.Key.ContainsKey).Append("TIME_PERIOD"));
        genericObs.Element(Generic + "ObsValue").Should().NotBeNull();
        genericObs.Element(Generic + "Attributes")!.Elements().Select(v => v.Attribute("id")!.Value)
            .Should().BeEquivalentTo(series.Attributes.Keys.Concat(series.Observations[0].Attributes.Keys));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Data_sets_split_where_the_validity_changes_and_carry_its_dates(DataFormat format, bool flat)
    {
        var series = KenyaSeries.Value.Where(s => s.Observations.Count > 0).Take(5).Select(Copy).ToList();
        (series[0].ValidFrom, series[0].ValidTo) = (T1, T2);
        (series[1].ValidFrom, series[1].ValidTo) = (T1, T2);
        series[2].ValidFrom = T2;
        series[4].ValidFrom = T2;

        var written = WriteWith(format, series, flat ? Flat : DataWriteOptions.Default);
        var back = ReadBytes(written);

        Validate(format, written).Should().BeEmpty();
        var qualified = format == DataFormat.SdmxMlStructureSpecific ? Specific : XNamespace.None;
        XDocument.Load(new MemoryStream(written)).Descendants(Message + "DataSet")
            .Select(d => (From: Date(d.Attribute(qualified + "validFromDate")), To: Date(d.Attribute(qualified + "validToDate"))))
            .Should().Equal(((DateTimeOffset?)T1, (DateTimeOffset?)T2), (T2, null), (null, null), (T2, null));
        back.Series.Select(s => (s.ValidFrom, s.ValidTo)).Should().Equal(series.Select(s => (s.ValidFrom, s.ValidTo)));
        SeriesText.Describe(back.Series).Should().Equal(SeriesText.Describe(series));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Series_without_observations_are_valid_and_read_back_as_keys(DataFormat format, bool flat)
    {
        var keysOnly = LacSeries.Value.Take(20).Select(s => new Series { Key = new(s.Key, StringComparer.Ordinal) }).ToList();

        var written = WriteWith(format, keysOnly, flat ? Flat : DataWriteOptions.Default);
        var back = ReadBytes(written);

        Validate(format, written).Should().BeEmpty();
        back.Errors.Should().BeEmpty();
        back.Series.Select(s => s.Key).Should().BeEquivalentTo(keysOnly.Select(s => s.Key), o => o.WithStrictOrdering());
        back.Series.Should().OnlyContain(s => s.Observations.Count == 0);
        XDocument.Load(new MemoryStream(written)).Descendants(Message + "DataSet").Should().ContainSingle();
    }

    [Theory]
    [InlineData(DataFormat.SdmxMlGeneric)]
    [InlineData(DataFormat.SdmxMlStructureSpecific)]
    public void A_flat_message_puts_series_without_observations_in_data_sets_of_its_series_structure(DataFormat format)
    {
        // Observations, keys only, observations again, then a change of action: four data sets.
        var kenya = KenyaSeries.Value.Where(s => s.Observations.Count > 0).Take(4).Select(Copy).ToList();
        var series = new List<Series> { kenya[0], new() { Key = new(kenya[1].Key, StringComparer.Ordinal) }, kenya[2], kenya[3] };
        series[3].Action = DataAction.Delete;

        var written = WriteWith(format, series, Flat);
        var back = ReadBytes(written);

        Validate(format, written).Should().BeEmpty();
        SeriesText.Describe(back.Series).Should().Equal(SeriesText.Describe(series));
        back.Series.Select(s => s.Action).Should().Equal(DataAction.Information, DataAction.Information, DataAction.Information, DataAction.Delete);
        var document = XDocument.Load(new MemoryStream(written));
        document.Descendants(Message + "Structure").Select(s => (s.Attribute("structureID")!.Value, s.Attribute("dimensionAtObservation")!.Value))
            .Should().Equal(("STR1", "AllDimensions"), ("STR2", "TIME_PERIOD"));
        var structureRef = format == DataFormat.SdmxMlStructureSpecific ? Specific + "structureRef" : "structureRef";
        document.Descendants(Message + "DataSet").Select(d => d.Attribute(structureRef)!.Value).Should().Equal("STR1", "STR2", "STR1", "STR1");
    }

    [Fact]
    public void The_flat_DSD_specific_schema_refuses_an_observation_without_its_full_key()
    {
        // Proof that the flat validation has teeth: an observation that lost a dimension, a series in a flat data set.
        var text = Encoding.UTF8.GetString(WriteWith(DataFormat.SdmxMlStructureSpecific, DataRoundTripTests.AwkwardSeries(), Flat));
        var withoutArea = text.Replace("REF_AREA=\"32\" ", "", StringComparison.Ordinal);
        var withSeries = text.Replace("xsi:type=\"ns2:DataSetType\"", "xsi:type=\"ns1:DataSetType\"", StringComparison.Ordinal);

        StructureSpecificSchema.Validate(Encoding.UTF8.GetBytes(withoutArea), Sdg, (FlatNamespace, true), (SeriesNamespace, false))
            .Should().Contain(p => p.Contains("REF_AREA"));
        StructureSpecificSchema.Validate(Encoding.UTF8.GetBytes(withSeries), Sdg, (FlatNamespace, true), (SeriesNamespace, false))
            .Should().Contain(p => p.Contains("Series"));
    }

    [Fact]
    public void SDMX_CSV_ignores_the_layout()
    {
        var series = DataRoundTripTests.AwkwardSeries();

        WriteWith(DataFormat.SdmxCsv20, series, Flat).Should().Equal(WriteWith(DataFormat.SdmxCsv20, series, DataWriteOptions.Default));
    }

    private static IReadOnlyList<string> Validate(DataFormat format, byte[] written) => format == DataFormat.SdmxMlGeneric
        ? SdmxTestFiles.ValidateAgainstXsd(written)
        : StructureSpecificSchema.Validate(written, Sdg, (FlatNamespace, true), (SeriesNamespace, false));

    private static byte[] WriteWith(DataFormat format, IEnumerable<Series> series, DataWriteOptions options)
    {
        using var stream = new MemoryStream();
        DataWriter.Write(stream, format, Sdg, DefaultHeader(), series, options);
        return stream.ToArray();
    }

    private static DateTimeOffset? Date(XAttribute? attribute) => attribute is null ? null : DateTimeOffset.Parse(attribute.Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A copy to set actions and validity on, so that the shared series stay as read.</summary>
    private static Series Copy(Series series) => new()
    {
        Key = new(series.Key, StringComparer.Ordinal),
        Attributes = new(series.Attributes, StringComparer.Ordinal),
        Observations = series.Observations,
    };

    private static List<Series> Series(string source) => source switch
    {
        "kenya" => KenyaSeries.Value,
        "lac" => LacSeries.Value,
        _ => DataRoundTripTests.AwkwardSeries(),
    };
}
