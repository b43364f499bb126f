using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// Writes SDMX-ML 2.1 structure-specific data, series layout: dimensions and series attributes as XML
/// attributes of <c>Series</c>, period, value and observation attributes of <c>Obs</c>. The data sets are typed
/// with the DSD-specific schema's <c>DataSetType</c> in the namespace the header declares.
/// </summary>
internal sealed class StructureSpecificDataWriter(Stream output, DataLayout layout, DataMessageHeader header) : MlSeriesWriter(output, layout, header)
{
    private const string DsdPrefix = "ns1";

    private protected override string MessageElement => "StructureSpecificData";

    /// <summary>The SDMX convention: the structure's URN, then the observation level.</summary>
    private protected override string StructureNamespace =>
        $"urn:sdmx:org.sdmx.infomodel.datastructure.{(StructureIsDsd ? "DataStructure" : "Dataflow")}={StructureRef}:ObsLevelDim:{Layout.TimeId}";

    private protected override void DeclareNamespaces()
    {
        Xml.WriteAttributeString("xmlns", "ss", null, SdmxNamespaces.StructureSpecificData);
        Xml.WriteAttributeString("xmlns", "xsi", null, SdmxNamespaces.XmlSchemaInstance);
        Xml.WriteAttributeString("xmlns", DsdPrefix, null, StructureNamespace);
    }

    private protected override void WriteDataSetAttributes(string structureId, DataAction action)
    {
        Xml.WriteAttributeString("ss", "dataScope", SdmxNamespaces.StructureSpecificData, StructureIsDsd ? "DataStructure" : "Dataflow");
        Xml.WriteAttributeString("xsi", "type", SdmxNamespaces.XmlSchemaInstance, $"{DsdPrefix}:DataSetType");
        Xml.WriteAttributeString("ss", "structureRef", SdmxNamespaces.StructureSpecificData, structureId);
        Xml.WriteAttributeString("ss", "action", SdmxNamespaces.StructureSpecificData, ActionName(action));
    }

    private protected override void WriteSeriesElement(Series series)
    {
        Xml.WriteStartElement("Series");
        foreach (var id in Layout.DimensionIds)
        {
            if (series.Key.TryGetValue(id, out var code))
            {
                Xml.WriteAttributeString(id, code);
            }
        }

        WriteAttributes(series.Attributes);
        foreach (var observation in series.Observations)
        {
            CheckAttributes(series, observation);
            Xml.WriteStartElement("Obs");
            Xml.WriteAttributeString(Layout.TimeId, observation.TimePeriod);
            if (observation.Value is not null)
            {
                ValueAttribute(Layout.MeasureId, observation.Value);
            }

            WriteAttributes(observation.Attributes);
            Xml.WriteEndElement();
        }

        Xml.WriteEndElement();
    }

    private void WriteAttributes(Dictionary<string, string> attributes)
    {
        if (attributes.Count == 0)
        {
            return;
        }

        foreach (var id in Layout.AttributeIds)
        {
            if (attributes.TryGetValue(id, out var value))
            {
                Xml.WriteAttributeString(id, value);
            }
        }
    }
}
