using System.Text.Json;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Json;
using MdgExchange.Sdmx.Ml;
using MdgExchange.Sdmx.Tests.Ml;

namespace MdgExchange.Sdmx.Tests.Json;

/// <summary>The shipped structure files, read once, and writing them as SDMX-JSON structure messages.</summary>
internal static class StructureJsonFiles
{
    public const string Msd = "IAEG-SDGs_SDG_MSD_v1.0.xml";

    private static readonly Dictionary<string, Lazy<StructureMessage>> Messages = new(StringComparer.Ordinal)
    {
        [SdmxTestFiles.RealDsd] = new(() => SdmxTestFiles.Read(SdmxTestFiles.Dataset(SdmxTestFiles.RealDsd))),
        [Msd] = new(() => SdmxTestFiles.Read(SdmxTestFiles.Dataset(Msd))),
        ["organisations.xml"] = new(() => SdmxTestFiles.Read(SdmxTestFiles.Fixture("organisations.xml"))),
        ["constraints.xml"] = new(() => SdmxTestFiles.Read(SdmxTestFiles.Fixture("constraints.xml"))),
        ["categories.xml"] = new(() => SdmxTestFiles.Read(SdmxTestFiles.Fixture("categories.xml"))),
    };

    /// <summary>The file names, for theories.</summary>
    public static IEnumerable<string> Names => Messages.Keys;

    public static StructureMessage Message(string name) => Messages[name].Value;

    public static StructureHeader Header { get; } = new() { Id = "JSON_TEST", SenderId = "MDGEXCHANGE", ReceiverId = "UNSD", Prepared = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(5)) };

    public static string SchemaOf(StructureJsonVersion version) =>
        version == StructureJsonVersion.V10 ? SdmxJsonSchemas.Structure10 : SdmxJsonSchemas.Structure20;

    public static string Write(StructureJsonVersion version, IEnumerable<MaintainableArtefact> artefacts, string? language = null)
    {
        using var stream = new MemoryStream();
        StructureJsonWriter.Write(stream, version, Header, artefacts, language);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes, checks the message against the version's schema, and parses it.</summary>
    public static JsonDocument WriteValid(StructureJsonVersion version, IEnumerable<MaintainableArtefact> artefacts, string? language = null)
    {
        var json = Write(version, artefacts, language);
        SdmxJsonSchemas.ShouldBeValid(json, SchemaOf(version));
        return JsonDocument.Parse(json);
    }

    /// <summary>Writes SDMX-ML 2.1 and checks it against the XSDs.</summary>
    public static byte[] WriteValidMl(IEnumerable<MaintainableArtefact> artefacts)
    {
        var xml = SdmxTestFiles.Write(new StructureMessage { Header = Header, Artefacts = artefacts.ToList() });
        SdmxTestFiles.ValidateAgainstXsd(xml).Should().BeEmpty("the SDMX-ML writer's output must be valid SDMX-ML 2.1");
        return xml;
    }

    /// <summary>The objects of <c>data.{array}</c>.</summary>
    public static IReadOnlyList<JsonElement> Array(JsonDocument document, string array) =>
        document.RootElement.GetProperty("data").TryGetProperty(array, out var items) ? items.EnumerateArray().ToList() : [];

    /// <summary>The URN of an object's <c>self</c> link.</summary>
    public static string? SelfUrn(JsonElement element) =>
        element.TryGetProperty("links", out var links)
            ? links.EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "self").Select(l => l.TryGetProperty("urn", out var urn) ? urn.GetString() : null).FirstOrDefault()
            : null;

    public static string? OptionalString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString() : null;
}
