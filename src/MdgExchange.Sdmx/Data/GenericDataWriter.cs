using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Data;

/// <summary>Writes SDMX-ML 2.1 generic data, series layout (dimensionAtObservation TIME_PERIOD).</summary>
internal sealed class GenericDataWriter(Stream output, DataLayout layout, DataMessageHeader header) : MlSeriesWriter(output, layout, header)
{
    private const string Prefix = "generic";

    private protected override string MessageElement => "GenericData";

    private protected override void DeclareNamespaces() => Xml.WriteAttributeString("xmlns", Prefix, null, SdmxNamespaces.GenericData);

    private protected override void WriteDataSetAttributes(string structureId, DataAction action)
    {
        Xml.WriteAttributeString("structureRef", structureId);
        Xml.WriteAttributeString("action", ActionName(action));
    }

    private protected override void WriteSeriesElement(Series series)
    {
        Xml.WriteStartElement(Prefix, "Series", SdmxNamespaces.GenericData);
        Xml.WriteStartElement(Prefix, "SeriesKey", SdmxNamespaces.GenericData);
        foreach (var id in Layout.DimensionIds)
        {
            if (series.Key.TryGetValue(id, out var code))
            {
                Value(id, code);
            }
        }

        Xml.WriteEndElement();
        WriteAttributes(series.Attributes);
        foreach (var observation in series.Observations)
        {
            CheckAttributes(series, observation);
            Xml.WriteStartElement(Prefix, "Obs", SdmxNamespaces.GenericData);
            Xml.WriteStartElement(Prefix, "ObsDimension", SdmxNamespaces.GenericData);
            Xml.WriteAttributeString("value", observation.TimePeriod);
            Xml.WriteEndElement();
            if (observation.Value is not null)
            {
                Xml.WriteStartElement(Prefix, "ObsValue", SdmxNamespaces.GenericData);
                ValueAttribute("value", observation.Value);
                Xml.WriteEndElement();
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

        Xml.WriteStartElement(Prefix, "Attributes", SdmxNamespaces.GenericData);
        foreach (var id in Layout.AttributeIds)
        {
            if (attributes.TryGetValue(id, out var value))
            {
                Value(id, value);
            }
        }

        Xml.WriteEndElement();
    }

    private void Value(string id, string value)
    {
        Xml.WriteStartElement(Prefix, "Value", SdmxNamespaces.GenericData);
        Xml.WriteAttributeString("id", id);
        Xml.WriteAttributeString("value", value);
        Xml.WriteEndElement();
    }
}
