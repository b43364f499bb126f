using System.Xml;
using System.Xml.Schema;
using FluentAssertions.Equivalency;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Tests.Ml;

/// <summary>Paths of the shipped data and fixtures, XSD validation, and the read → write → read round trip.</summary>
internal static class SdmxTestFiles
{
    public const string RealDsd = "IAEG-SDGs_SDG_DSD_v1.0_full.xml";

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        // The message schema includes and imports the others by relative path, so the resolver must be allowed to open them.
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add(null, Path.Combine(AppContext.BaseDirectory, "xsd", "SDMXMessage.xsd"));
        set.Compile();
        return set;
    });

    /// <summary>A real file shipped in <c>datasets/sdmx</c>.</summary>
    public static string Dataset(string name) => Path.Combine(AppContext.BaseDirectory, "datasets", "sdmx", name);

    /// <summary>A hand-written fixture from <c>tests/data/sdmx</c>.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "sdmx", name);

    public static StructureMessage Read(string path)
    {
        using var stream = File.OpenRead(path);
        return StructureReader.Read(stream);
    }

    public static StructureMessage Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return StructureReader.Read(stream);
    }

    public static StructureMessage ReadText(string xml) => Read(System.Text.Encoding.UTF8.GetBytes(xml));

    public static byte[] Write(StructureMessage message)
    {
        using var stream = new MemoryStream();
        StructureWriter.Write(stream, message);
        return stream.ToArray();
    }

    /// <summary>Every schema error and warning in <paramref name="xml"/>, with its line.</summary>
    public static IReadOnlyList<string> ValidateAgainstXsd(byte[] xml)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    public static IReadOnlyList<string> ValidateAgainstXsd(string path) => ValidateAgainstXsd(File.ReadAllBytes(path));

    /// <summary>Reads, writes, checks the output against the XSDs, reads it again: returns both reads and the output.</summary>
    public static (StructureMessage First, StructureMessage Second, byte[] Written) RoundTrip(string path)
    {
        var first = Read(path);
        var written = Write(first);
        ValidateAgainstXsd(written).Should().BeEmpty("the writer's output must be valid SDMX-ML 2.1");
        var second = Read(written);
        return (first, second, written);
    }

    /// <summary>Artefacts compared member by member by their runtime type, in order.</summary>
    public static EquivalencyAssertionOptions<MaintainableArtefact> Exactly(EquivalencyAssertionOptions<MaintainableArtefact> options) =>
        options.RespectingRuntimeTypes().WithStrictOrdering();

    /// <summary>Every annotation of an artefact: its own, its items', its components' and groups'.</summary>
    public static IEnumerable<Annotation> AllAnnotations(MaintainableArtefact artefact)
    {
        IEnumerable<AnnotableArtefact> parts = artefact switch
        {
            Codelist c => c.Items,
            ConceptScheme c => c.Items,
            CategoryScheme c => c.Items,
            AgencyScheme c => c.Items,
            DataProviderScheme c => c.Items,
            DataConsumerScheme c => c.Items,
            DataStructureDefinition d => d.Components().Cast<AnnotableArtefact>().Concat(d.Groups),
            _ => [],
        };
        return artefact.Annotations.Concat(parts.SelectMany(p => p.Annotations));
    }
}
