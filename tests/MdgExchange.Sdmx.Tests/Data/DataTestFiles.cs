using System.Text;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Data;
using MdgExchange.Sdmx.Tests.Ml;

namespace MdgExchange.Sdmx.Tests.Data;

/// <summary>The SDG DSD, the shipped data files, the malformed corpus, and reading and writing in one call.</summary>
internal static class DataTestFiles
{
    public const string Kenya = "KE1_SDG_StructureSpecific_SDMX2.1.xml";
    public const string SdgBuildGeneric = "sdgbuild_test_1-1-1--structure.xml";
    public const string SdgBuildStructureSpecific = "sdgbuild_test_1-1-1--structure-specific.xml";

    private static readonly Lazy<DataStructureDefinition> SdgDsd = new(() =>
        SdmxTestFiles.Read(SdmxTestFiles.Dataset(SdmxTestFiles.RealDsd)).Artefacts.OfType<DataStructureDefinition>().Single());

    /// <summary><c>IAEG-SDGs:SDG(1.0)</c>, read from the real UNSD file with the structure reader.</summary>
    public static DataStructureDefinition Sdg => SdgDsd.Value;

    /// <summary>A file of the malformed corpus in <c>tests/data/sdmx-data</c>.</summary>
    public static string Corpus(string name) => Path.Combine(AppContext.BaseDirectory, "data", "sdmx-data", name);

    /// <summary>Everything a reader gives for a message: format, header, series, warnings.</summary>
    public sealed record Read(DataFormat Format, DataMessageHeader Header, List<Series> Series, IReadOnlyList<string> Warnings)
    {
        public IEnumerable<Observation> Observations => Series.SelectMany(s => s.Observations);
        public IEnumerable<DataReadError> Errors => Series.SelectMany(s => s.Errors ?? []);
    }

    public static Read ReadFile(string path, DataStructureDefinition? dsd = null)
    {
        using var stream = File.OpenRead(path);
        return ReadStream(stream, dsd);
    }

    public static Read ReadBytes(byte[] bytes, DataStructureDefinition? dsd = null)
    {
        using var stream = new MemoryStream(bytes);
        return ReadStream(stream, dsd);
    }

    public static Read ReadText(string text, DataStructureDefinition? dsd = null) => ReadBytes(Encoding.UTF8.GetBytes(text), dsd);

    public static Read ReadStream(Stream stream, DataStructureDefinition? dsd = null)
    {
        using var reader = DataReaderFactory.Open(stream);
        var series = reader.ReadSeries(dsd ?? Sdg).ToList();
        return new Read(reader.Format, reader.Header, series, reader.Warnings);
    }

    public static byte[] Write(DataFormat format, IEnumerable<Series> series, DataMessageHeader? header = null, DataStructureDefinition? dsd = null)
    {
        using var stream = new MemoryStream();
        DataWriter.Write(stream, format, dsd ?? Sdg, header ?? DefaultHeader(), series);
        return stream.ToArray();
    }

    public static DataMessageHeader DefaultHeader() => new()
    {
        Id = "TEST1",
        SenderId = "MDGX",
        Prepared = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero),
        StructureRef = "MDGX:DF_SDG(1.0)",
    };

    public static SdmxFormatException Refused(string path) => Refused(File.ReadAllBytes(path));

    public static SdmxFormatException Refused(byte[] bytes, DataStructureDefinition? dsd = null)
    {
        var act = () => ReadBytes(bytes, dsd);
        return act.Should().Throw<SdmxFormatException>().Which;
    }

    public static SdmxFormatException RefusedText(string text) => Refused(Encoding.UTF8.GetBytes(text));
}
