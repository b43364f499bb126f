using System.Text;
using System.Xml;
using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// What the SDMX-ML 2.1 data writers share: the message element, the header, and data sets opened and closed
/// as the series' actions or validity change (SDMX-ML gives the action and the validity per data set, SDMX-CSV
/// the action per row).
/// </summary>
/// <remarks>
/// In the flat layout (<see cref="DataWriteOptions.AllDimensions"/>) the header declares two structures: the
/// flat one, which the data sets of observations use, and a series one (<c>dimensionAtObservation</c>
/// TIME_PERIOD) for series without observations (SDMX REST <c>detail=serieskeysonly</c>), whose key a flat
/// observation cannot carry: it always has a time period, and the DSD-specific schema of a flat data set has
/// no <c>Series</c>.
/// </remarks>
internal abstract class MlSeriesWriter : SeriesWriter
{
    private const string StructureId = "STR1";

    /// <summary>The structure of the data sets of series without observations in a flat message.</summary>
    private const string SeriesStructureId = "STR2";

    /// <summary>The <c>dimensionAtObservation</c> of a flat data set.</summary>
    private protected const string AllDimensions = "AllDimensions";

    private static readonly XmlWriterSettings Settings = new()
    {
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",

        // A line break in a text attribute would otherwise come back as a space: XML normalises attribute values.
        NewLineHandling = NewLineHandling.Entitize,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        CloseOutput = false,
    };

    private readonly char[] _number = new char[32];
    private DataSetKey? _dataSet;

    private protected MlSeriesWriter(Stream output, DataLayout layout, DataMessageHeader header, bool allDimensions)
        : base(layout, header)
    {
        Xml = XmlWriter.Create(output, Settings);
        Flat = allDimensions;
    }

    private protected XmlWriter Xml { get; }

    /// <summary>True for the flat layout (dimensionAtObservation AllDimensions).</summary>
    private protected bool Flat { get; }

    /// <summary>The message element's local name, e.g. <c>GenericData</c>.</summary>
    private protected abstract string MessageElement { get; }

    /// <summary>
    /// The <c>namespace</c> attribute of a structure of the header (structure-specific only), for the flat layout
    /// (<paramref name="flat"/>) or the series one.
    /// </summary>
    private protected virtual string? StructureNamespace(bool flat) => null;

    /// <summary>Namespace declarations of the message element beyond message and common.</summary>
    private protected abstract void DeclareNamespaces();

    /// <summary>
    /// Writes the data set's attributes: the structure reference, the action, the validity and, structure-specific,
    /// the type (of the flat or the series structure, as <paramref name="dataSet"/> says).
    /// </summary>
    private protected abstract void WriteDataSetAttributes(string structureId, DataSetKey dataSet);

    /// <summary>Writes a series inside the open data set (series layout).</summary>
    private protected abstract void WriteSeriesElement(Series series);

    /// <summary>Writes the observations of a series, each with its full key, inside the open data set (flat layout).</summary>
    private protected abstract void WriteFlatObservations(Series series);

    public sealed override void WriteStart()
    {
        Xml.WriteStartDocument();
        Xml.WriteStartElement("message", MessageElement, SdmxNamespaces.Message);
        Xml.WriteAttributeString("xmlns", "common", null, SdmxNamespaces.Common);
        DeclareNamespaces();
        WriteHeader();
    }

    public sealed override void WriteSeries(Series series)
    {
        ArgumentNullException.ThrowIfNull(series);
        CheckAttributes(series);
        var dataSet = new DataSetKey(ActionOf(series), series.ValidFrom, series.ValidTo, Flat && series.Observations.Count > 0);
        if (dataSet != _dataSet)
        {
            if (_dataSet is not null)
            {
                Xml.WriteEndElement();
            }

            Xml.WriteStartElement("message", "DataSet", SdmxNamespaces.Message);
            WriteDataSetAttributes(Flat && !dataSet.Flat ? SeriesStructureId : StructureId, dataSet);
            _dataSet = dataSet;
        }

        if (dataSet.Flat)
        {
            WriteFlatObservations(series);
        }
        else
        {
            WriteSeriesElement(series);
        }
    }

    public sealed override void WriteEnd()
    {
        if (_dataSet is not null)
        {
            Xml.WriteEndElement();
        }

        Xml.WriteEndElement();
        Xml.WriteEndDocument();
        Xml.Flush();
    }

    public sealed override void Flush() => Xml.Flush();

    /// <summary>
    /// Writes the data set's validity, when it has one, as <c>validFromDate</c>/<c>validToDate</c> (<c>xs:dateTime</c>)
    /// in <paramref name="ns"/> (the structure-specific data set's are qualified, the generic one's are not).
    /// </summary>
    private protected void WriteValidity(DataSetKey dataSet, string? prefix, string? ns)
    {
        if (dataSet.ValidFrom is { } from)
        {
            Xml.WriteAttributeString(prefix, "validFromDate", ns, XmlConvert.ToString(from));
        }

        if (dataSet.ValidTo is { } to)
        {
            Xml.WriteAttributeString(prefix, "validToDate", ns, XmlConvert.ToString(to));
        }
    }

    /// <summary>Writes <paramref name="value"/> as an attribute, formatted without allocating.</summary>
    private protected void ValueAttribute(string name, double? value)
    {
        Xml.WriteStartAttribute(name);
        Xml.WriteChars(_number, 0, ObservationValues.Format(value, _number));
        Xml.WriteEndAttribute();
    }

    private void WriteHeader()
    {
        var (id, sender) = HeaderIds();
        Xml.WriteStartElement("message", "Header", SdmxNamespaces.Message);
        Xml.WriteElementString("message", "ID", SdmxNamespaces.Message, id);
        Xml.WriteElementString("message", "Test", SdmxNamespaces.Message, "false");
        Xml.WriteElementString("message", "Prepared", SdmxNamespaces.Message, XmlConvert.ToString(MessageHeader.Prepared ?? DateTimeOffset.UtcNow));
        Xml.WriteStartElement("message", "Sender", SdmxNamespaces.Message);
        Xml.WriteAttributeString("id", sender);
        Xml.WriteEndElement();
        WriteStructure(StructureId, Flat);
        if (Flat)
        {
            WriteStructure(SeriesStructureId, flat: false);
        }

        Xml.WriteEndElement();
    }

    private void WriteStructure(string structureId, bool flat)
    {
        Xml.WriteStartElement("message", "Structure", SdmxNamespaces.Message);
        Xml.WriteAttributeString("structureID", structureId);
        if (StructureNamespace(flat) is { } ns)
        {
            Xml.WriteAttributeString("namespace", ns);
        }

        Xml.WriteAttributeString("dimensionAtObservation", flat ? AllDimensions : Layout.TimeId);
        Xml.WriteStartElement("common", StructureIsDsd ? "Structure" : "StructureUsage", SdmxNamespaces.Common);
        Xml.WriteStartElement("Ref");
        Xml.WriteAttributeString("agencyID", StructureRef.AgencyId);
        Xml.WriteAttributeString("id", StructureRef.Id);
        Xml.WriteAttributeString("version", StructureRef.Version);
        Xml.WriteEndElement();
        Xml.WriteEndElement();
        Xml.WriteEndElement();
    }
}

/// <summary>
/// What a data set gives all its series: the action, the validity (SDMX REST <c>includeHistory</c>) and the layout
/// (flat observations, or series). A series whose key differs from the open data set's starts a new one.
/// </summary>
internal readonly record struct DataSetKey(DataAction Action, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, bool Flat);
