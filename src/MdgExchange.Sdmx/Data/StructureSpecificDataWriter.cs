using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// Writes SDMX-ML 2.1 structure-specific data. Series layout: dimensions and series attributes as XML attributes
/// of <c>Series</c>, period, value and observation attributes of <c>Obs</c>. Flat (AllDimensions): <c>Obs</c>
/// directly in the data set with every dimension, the period, the value and the series' and observation's
/// attributes. The data sets are typed with the DSD-specific schema's <c>DataSetType</c> in the namespace the
/// header declares for their structure (<c>...:ObsLevelDim:TIME_PERIOD</c> or <c>...:ObsLevelDim:AllDimensions</c>).
/// </summary>
internal sealed class StructureSpecificDataWriter(Stream output, DataLayout layout, DataMessageHeader header, bool allDimensions)
    : MlSeriesWriter(output, layout, header, allDimensions)
{
    private const string DsdPrefix = "ns1";

    /// <summary>The prefix of the series structure's namespace in a flat message (series without observations).</summary>
    private const string SeriesDsdPrefix = "ns2";

    private protected override string MessageElement => "StructureSpecificData";

    /// <summary>The SDMX convention: the structure's URN, then the observation level.</summary>
    private protected override string StructureNamespace(bool flat) =>
        $"urn:sdmx:org.sdmx.infomodel.datastructure.{(StructureIsDsd ? "DataStructure" : "Dataflow")}={StructureRef}:ObsLevelDim:{(flat ? AllDimensions : Layout.TimeId)}";

    private protected override void DeclareNamespaces()
    {
        Xml.WriteAttributeString("xmlns", "ss", null, SdmxNamespaces.StructureSpecificData);
        Xml.WriteAttributeString("xmlns", "xsi", null, SdmxNamespaces.XmlSchemaInstance);
        Xml.WriteAttributeString("xmlns", DsdPrefix, null, StructureNamespace(Flat));
        if (Flat)
        {
            Xml.WriteAttributeString("xmlns", SeriesDsdPrefix, null, StructureNamespace(flat: false));
        }
    }

    private protected override void WriteDataSetAttributes(string structureId, DataSetKey dataSet)
    {
        var prefix = Flat && !dataSet.Flat ? SeriesDsdPrefix : DsdPrefix;
        Xml.WriteAttributeString("ss", "dataScope", SdmxNamespaces.StructureSpecificData, StructureIsDsd ? "DataStructure" : "Dataflow");
        Xml.WriteAttributeString("xsi", "type", SdmxNamespaces.XmlSchemaInstance, $"{prefix}:DataSetType");
        Xml.WriteAttributeString("ss", "structureRef", SdmxNamespaces.StructureSpecificData, structureId);
        Xml.WriteAttributeString("ss", "action", SdmxNamespaces.StructureSpecificData, ActionName(dataSet.Action));
        WriteValidity(dataSet, "ss", SdmxNamespaces.StructureSpecificData);
    }

    private protected override void WriteFlatObservations(Series series)
    {
        foreach (var observation in series.Observations)
        {
            CheckAttributes(series, observation);
            Xml.WriteStartElement("Obs");
            foreach (var id in Layout.DimensionIds)
            {
                if (series.Key.TryGetValue(id, out var code))
                {
                    Xml.WriteAttributeString(id, code);
                }
            }

            Xml.WriteAttributeString(Layout.TimeId, observation.TimePeriod);
            if (observation.Value is not null)
            {
                ValueAttribute(Layout.MeasureId, observation.Value);
            }

            WriteAttributes(observation.Attributes, series.Attributes);
            Xml.WriteEndElement();
        }
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

    /// <summary>Writes <paramref name="attributes"/>, and those of <paramref name="inherited"/> it does not have, in DSD order.</summary>
    private void WriteAttributes(Dictionary<string, string> attributes, Dictionary<string, string>? inherited = null)
    {
        if (attributes.Count == 0 && (inherited is null || inherited.Count == 0))
        {
            return;
        }

        foreach (var id in Layout.AttributeIds)
        {
            if (attributes.TryGetValue(id, out var value) || inherited?.TryGetValue(id, out value) == true)
            {
                Xml.WriteAttributeString(id, value);
            }
        }
    }
}
