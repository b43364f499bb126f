namespace MdgExchange.Sdmx.Ml;

/// <summary>The XML namespaces of SDMX-ML 2.1.</summary>
public static class SdmxNamespaces
{
    public const string Message = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message";
    public const string Structure = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure";
    public const string Common = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common";
    public const string Registry = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/registry";
    public const string Xml = "http://www.w3.org/XML/1998/namespace";
    public const string GenericData = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic";
    public const string StructureSpecificData = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific";
    public const string XmlSchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The start every SDMX-ML namespace shares, whatever the version (casing differs in 2.0).</summary>
    internal const string AnySdmxMl = "http://www.sdmx.org/resources/sdmxml/schemas/";
}
