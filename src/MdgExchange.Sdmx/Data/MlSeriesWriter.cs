using System.Text;
using System.Xml;
using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// What the SDMX-ML 2.1 data writers share: the message element, the header, and data sets opened and closed
/// as the series' actions change (SDMX-ML gives the action per data set, SDMX-CSV per row).
/// </summary>
internal abstract class MlSeriesWriter : SeriesWriter
{
    private const string StructureId = "STR1";

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
    private DataAction? _dataSetAction;

    private protected MlSeriesWriter(Stream output, DataLayout layout, DataMessageHeader header)
        : base(layout, header) => Xml = XmlWriter.Create(output, Settings);

    private protected XmlWriter Xml { get; }

    /// <summary>The message element's local name, e.g. <c>GenericData</c>.</summary>
    private protected abstract string MessageElement { get; }

    /// <summary>The <c>namespace</c> attribute of the header's structure (structure-specific only).</summary>
    private protected virtual string? StructureNamespace => null;

    /// <summary>Namespace declarations of the message element beyond message and common.</summary>
    private protected abstract void DeclareNamespaces();

    /// <summary>Writes the data set's attributes (structure reference, action, type).</summary>
    private protected abstract void WriteDataSetAttributes(string structureId, DataAction action);

    /// <summary>Writes a series inside the open data set.</summary>
    private protected abstract void WriteSeriesElement(Series series);

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
        var action = ActionOf(series);
        if (action != _dataSetAction)
        {
            if (_dataSetAction is not null)
            {
                Xml.WriteEndElement();
            }

            Xml.WriteStartElement("message", "DataSet", SdmxNamespaces.Message);
            WriteDataSetAttributes(StructureId, action);
            _dataSetAction = action;
        }

        WriteSeriesElement(series);
    }

    public sealed override void WriteEnd()
    {
        if (_dataSetAction is not null)
        {
            Xml.WriteEndElement();
        }

        Xml.WriteEndElement();
        Xml.WriteEndDocument();
        Xml.Flush();
    }

    public sealed override void Flush() => Xml.Flush();

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
        Xml.WriteStartElement("message", "Structure", SdmxNamespaces.Message);
        Xml.WriteAttributeString("structureID", StructureId);
        if (StructureNamespace is { } ns)
        {
            Xml.WriteAttributeString("namespace", ns);
        }

        Xml.WriteAttributeString("dimensionAtObservation", Layout.TimeId);
        Xml.WriteStartElement("common", StructureIsDsd ? "Structure" : "StructureUsage", SdmxNamespaces.Common);
        Xml.WriteStartElement("Ref");
        Xml.WriteAttributeString("agencyID", StructureRef.AgencyId);
        Xml.WriteAttributeString("id", StructureRef.Id);
        Xml.WriteAttributeString("version", StructureRef.Version);
        Xml.WriteEndElement();
        Xml.WriteEndElement();
        Xml.WriteEndElement();
        Xml.WriteEndElement();
    }
}
