using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// Writes SDMX-ML 2.1 generic data: in the series layout (dimensionAtObservation TIME_PERIOD), <c>generic:Series</c>
/// with a <c>SeriesKey</c>, <c>Attributes</c> and <c>Obs</c>; flat (AllDimensions), <c>generic:Obs</c> directly in
/// the data set, each with an <c>ObsKey</c> of every dimension and the time period, and the series' and its own attributes.
/// </summary>
internal sealed class GenericDataWriter(Stream output, DataLayout layout, DataMessageHeader header, bool allDimensions)
    : MlSeriesWriter(output, layout, header, allDimensions)
{
    private const string Prefix = "generic";

    private protected override string MessageElement => "GenericData";

    private protected override void DeclareNamespaces() => Xml.WriteAttributeString("xmlns", Prefix, null, SdmxNamespaces.GenericData);

    private protected override void WriteDataSetAttributes(string structureId, DataSetKey dataSet)
    {
        Xml.WriteAttributeString("structureRef", structureId);
        Xml.WriteAttributeString("action", ActionName(dataSet.Action));
        WriteValidity(dataSet, null, null);
    }

    private protected override void WriteFlatObservations(Series series)
    {
        foreach (var observation in series.Observations)
        {
            CheckAttributes(series, observation);
            Xml.WriteStartElement(Prefix, "Obs", SdmxNamespaces.GenericData);
            Xml.WriteStartElement(Prefix, "ObsKey", SdmxNamespaces.GenericData);
            foreach (var id in Layout.DimensionIds)
            {
                if (series.Key.TryGetValue(id, out var code))
                {
                    Value(id, code);
                }
            }

            Value(Layout.TimeId, observation.TimePeriod);
            Xml.WriteEndElement();
            if (observation.Value is not null)
            {
                Xml.WriteStartElement(Prefix, "ObsValue", SdmxNamespaces.GenericData);
                ValueAttribute("value", observation.Value);
                Xml.WriteEndElement();
            }

            WriteAttributes(observation.Attributes, series.Attributes);
            Xml.WriteEndElement();
        }
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

    /// <summary>Writes <paramref name="attributes"/>, and those of <paramref name="inherited"/> it does not have, in DSD order.</summary>
    private void WriteAttributes(Dictionary<string, string> attributes, Dictionary<string, string>? inherited = null)
    {
        if (attributes.Count == 0 && (inherited is null || inherited.Count == 0))
        {
            return;
        }

        Xml.WriteStartElement(Prefix, "Attributes", SdmxNamespaces.GenericData);
        foreach (var id in Layout.AttributeIds)
        {
            if (attributes.TryGetValue(id, out var value) || inherited?.TryGetValue(id, out value) == true)
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
