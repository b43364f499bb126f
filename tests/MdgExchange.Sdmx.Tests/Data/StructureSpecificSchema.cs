using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Tests.Data;

/// <summary>
/// The DSD-specific schema that SDMX-ML 2.1 structure-specific data are validated with (time series layout): types
/// <c>DataSetType</c>, <c>SeriesType</c> and <c>ObsType</c> in the message's namespace, restricting the base types of
/// <c>SDMXDataStructureSpecific.xsd</c> to the DSD's components: dimensions required on Series, series attributes
/// optional on Series, TIME_PERIOD required and OBS_VALUE an <c>xs:double</c> on Obs, observation attributes optional.
/// No other attribute is allowed. Codes are not enumerated (national DSDs extend the codelists).
/// The flat variant (<c>ObsLevelDim:AllDimensions</c>) has no <c>SeriesType</c>: its <c>DataSetType</c> holds
/// <c>Obs</c> only, whose <c>ObsType</c> requires every dimension and TIME_PERIOD and allows every attribute.
/// </summary>
internal static class StructureSpecificSchema
{
    private static readonly XNamespace Xs = "http://www.w3.org/2001/XMLSchema";
    private const string Common = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common";
    private const string Base = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific";

    /// <summary>Every schema error and warning of a structure-specific message for <paramref name="dsd"/> in <paramref name="targetNamespace"/>.</summary>
    public static IReadOnlyList<string> Validate(byte[] xml, DataStructureDefinition dsd, string targetNamespace) =>
        Validate(xml, dsd, (targetNamespace, false));

    /// <summary>
    /// Every schema error and warning of a structure-specific message for <paramref name="dsd"/> whose data sets are in
    /// the <paramref name="structures"/>' namespaces, each flat (AllDimensions) or not.
    /// </summary>
    public static IReadOnlyList<string> Validate(byte[] xml, DataStructureDefinition dsd, params (string Namespace, bool AllDimensions)[] structures)
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add(null, Path.Combine(AppContext.BaseDirectory, "xsd", "SDMXMessage.xsd"));
        for (var i = 0; i < structures.Length; i++)
        {
            using var reader = Create(dsd, structures[i].Namespace, structures[i].AllDimensions).CreateReader();

            // Relative imports resolve against the XSD folder.
            var schema = XmlSchema.Read(reader, null)!;
            schema.SourceUri = new Uri(Path.Combine(AppContext.BaseDirectory, "xsd", i == 0 ? "dsd-specific.xsd" : $"dsd-specific-{i}.xsd")).AbsoluteUri;
            set.Add(schema);
        }

        set.Compile();
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = set };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var validating = XmlReader.Create(new MemoryStream(xml), settings);
        while (validating.Read())
        {
        }

        return problems;
    }

    public static XDocument Create(DataStructureDefinition dsd, string targetNamespace, bool allDimensions = false)
    {
        var time = dsd.TimeDimension?.Id ?? "TIME_PERIOD";
        var measure = dsd.PrimaryMeasure?.Id ?? "OBS_VALUE";
        var seriesAttributes = dsd.Attributes.Where(a => a.AttachmentLevel != AttachmentLevel.Observation).Select(a => a.Id);
        var observationAttributes = dsd.Attributes.Where(a => a.AttachmentLevel == AttachmentLevel.Observation).Select(a => a.Id);
        var annotations = new XElement(Xs + "element", new XAttribute("ref", "common:Annotations"), new XAttribute("minOccurs", "0"));
        if (allDimensions)
        {
            return new XDocument(Schema(targetNamespace,
                DataSetType(annotations, "Obs", "ObsType"),
                Restriction("ObsType",
                    new XElement(Xs + "sequence", new XElement(annotations)),
                    [
                        Attribute("type", null, "prohibited"),
                        .. dsd.Dimensions.Select(d => Attribute(d.Id, "xs:string", "required")),
                        Attribute(time, "common:ObservationalTimePeriodType", "required"),
                        Attribute(measure, "xs:double", "optional"),
                        .. seriesAttributes.Concat(observationAttributes).Select(id => Attribute(id, "xs:string", "optional")),
                    ])));
        }

        return new XDocument(Schema(targetNamespace,
            DataSetType(annotations, "Series", "SeriesType"),
            Restriction("SeriesType",
                new XElement(Xs + "sequence",
                    new XElement(annotations),
                    new XElement(Xs + "element", new XAttribute("name", "Obs"), new XAttribute("type", "ObsType"), new XAttribute("minOccurs", "0"), new XAttribute("maxOccurs", "unbounded"))),
                [
                    Attribute(time, null, "prohibited"),
                    .. dsd.Dimensions.Select(d => Attribute(d.Id, "xs:string", "required")),
                    .. seriesAttributes.Select(id => Attribute(id, "xs:string", "optional")),
                ]),
            Restriction("ObsType",
                new XElement(Xs + "sequence", new XElement(annotations)),
                [
                    Attribute("type", null, "prohibited"),
                    Attribute(time, "common:ObservationalTimePeriodType", "required"),
                    Attribute(measure, "xs:double", "optional"),
                    .. observationAttributes.Select(id => Attribute(id, "xs:string", "optional")),
                ])));
    }

    private static XElement Schema(string targetNamespace, params XElement[] types) =>
        new(Xs + "schema",
            new XAttribute(XNamespace.Xmlns + "xs", Xs.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "common", Common),
            new XAttribute(XNamespace.Xmlns + "dsd", Base),
            new XAttribute("xmlns", targetNamespace),
            new XAttribute("targetNamespace", targetNamespace),
            new XAttribute("elementFormDefault", "unqualified"),
            new XAttribute("attributeFormDefault", "unqualified"),
            new XElement(Xs + "import", new XAttribute("namespace", Common), new XAttribute("schemaLocation", "SDMXCommon.xsd")),
            new XElement(Xs + "import", new XAttribute("namespace", Base), new XAttribute("schemaLocation", "SDMXDataStructureSpecific.xsd")),
            types);

    /// <summary>The data set: annotations, a data provider, then series or (flat) observations only.</summary>
    private static XElement DataSetType(XElement annotations, string child, string childType) =>
        Restriction("DataSetType",
            new XElement(Xs + "sequence",
                new XElement(annotations),
                new XElement(Xs + "element", new XAttribute("name", "DataProvider"), new XAttribute("type", "common:DataProviderReferenceType"), new XAttribute("minOccurs", "0")),
                new XElement(Xs + "choice", new XAttribute("minOccurs", "0"),
                    new XElement(Xs + "element", new XAttribute("name", child), new XAttribute("type", childType), new XAttribute("maxOccurs", "unbounded")))),
            []);

    private static XElement Restriction(string name, XElement content, XElement[] attributes) =>
        new(Xs + "complexType", new XAttribute("name", name),
            new XElement(Xs + "complexContent",
                new XElement(Xs + "restriction", new XAttribute("base", $"dsd:{name}"), content, attributes)));

    private static XElement Attribute(string name, string? type, string use)
    {
        var attribute = new XElement(Xs + "attribute", new XAttribute("name", name), new XAttribute("use", use));
        if (type is not null)
        {
            attribute.Add(new XAttribute("type", type));
        }

        return attribute;
    }
}
