using System.Text;
using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Data;
using MdgExchange.Sdmx.Tests.Fixtures;
using MdgExchange.Sdmx.Tests.Ml;
using static MdgExchange.Sdmx.Tests.Data.DataTestFiles;

namespace MdgExchange.Sdmx.Tests.Data;

/// <summary>The SDMX-ML data the writers produce is valid against the SDMX-ML 2.1 XSDs.</summary>
public sealed class DataSchemaValidationTests
{
    private const string DataflowNamespace = "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=MDGX:DF_SDG(1.0):ObsLevelDim:TIME_PERIOD";

    public static TheoryData<string> Sources => ["kenya", "lac", "awkward"];

    [Theory]
    [MemberData(nameof(Sources))]
    public void Generic_data_is_valid_against_SDMXMessage_xsd(string source)
    {
        var written = Write(DataFormat.SdmxMlGeneric, Series(source));

        SdmxTestFiles.ValidateAgainstXsd(written).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Structure_specific_data_is_valid_against_the_DSD_specific_schema(string source)
    {
        var written = Write(DataFormat.SdmxMlStructureSpecific, Series(source));

        StructureSpecificSchema.Validate(written, Sdg, DataflowNamespace).Should().BeEmpty();
    }

    [Fact]
    public void The_DSD_specific_schema_catches_what_the_base_schema_lets_through()
    {
        // Proof that the validation above has teeth: a value that is not a double, a missing dimension.
        var text = Encoding.UTF8.GetString(Write(DataFormat.SdmxMlStructureSpecific, Series("awkward")))
            .Replace("OBS_VALUE=\"1.5\"", "OBS_VALUE=\"1,5\"", StringComparison.Ordinal)
            .Replace("REF_AREA=\"32\" ", "", StringComparison.Ordinal);

        var problems = StructureSpecificSchema.Validate(Encoding.UTF8.GetBytes(text), Sdg, DataflowNamespace);

        problems.Should().Contain(p => p.Contains("OBS_VALUE")).And.Contain(p => p.Contains("REF_AREA"));
    }

    [Fact]
    public void Data_sets_change_with_the_action_and_stay_valid()
    {
        var series = DataRoundTripTests.AwkwardSeries();
        series[0].Action = DataAction.Delete;
        series[2].Action = DataAction.Merge;

        var generic = Write(DataFormat.SdmxMlGeneric, series);
        var specific = Write(DataFormat.SdmxMlStructureSpecific, series);

        SdmxTestFiles.ValidateAgainstXsd(generic).Should().BeEmpty();
        StructureSpecificSchema.Validate(specific, Sdg, DataflowNamespace).Should().BeEmpty();
        Encoding.UTF8.GetString(specific).Should().Contain("ss:action=\"Delete\"").And.Contain("ss:action=\"Information\"").And.Contain("ss:action=\"Append\"");
    }

    [Fact]
    public void The_shipped_generic_sample_is_valid_and_reads_like_its_structure_specific_twin()
    {
        SdmxTestFiles.ValidateAgainstXsd(SdmxTestFiles.Dataset(SdgBuildGeneric)).Should().BeEmpty();

        var generic = ReadFile(SdmxTestFiles.Dataset(SdgBuildGeneric));
        var specific = ReadFile(SdmxTestFiles.Dataset(SdgBuildStructureSpecific));

        generic.Format.Should().Be(DataFormat.SdmxMlGeneric);
        generic.Header.StructureRef.Should().Be("IAEG-SDGs:SDG(1.8)");
        generic.Errors.Should().BeEmpty();
        SeriesText.Describe(generic.Series).Should().Equal(SeriesText.Describe(specific.Series)).And.HaveCount(3);
    }

    private static IEnumerable<Series> Series(string source) => source switch
    {
        "kenya" => ReadFile(SdmxTestFiles.Dataset(Kenya)).Series,
        "lac" => LacGlobalSeries.Load(),
        _ => DataRoundTripTests.AwkwardSeries(),
    };
}
