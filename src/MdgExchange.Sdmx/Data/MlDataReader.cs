using System.Xml;
using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// What the two SDMX-ML 2.1 data readers share: recognising the message, its header, walking the data sets,
/// and turning parser errors into <see cref="SdmxFormatException"/>s that name the line.
/// </summary>
internal abstract partial class MlDataReader : SdmxDataReader
{
    private readonly PeekStream _stream;
    private readonly Dictionary<string, string> _dimensionAtObservation = new(StringComparer.Ordinal);

    /// <summary>Problems outside any series (a data set attribute the DSD lacks, an element out of place), each returned as a series of its own.</summary>
    private readonly Queue<Series> _rejected = new();
    private bool _inDataSet;
    private bool _ended;

    private protected MlDataReader(DataFormat format, MlReader reader, PeekStream stream)
        : base(format)
    {
        R = reader;
        Xml = reader.Xml;
        _stream = stream;
        ReadUpToFirstDataSet();
    }

    private protected MlReader R { get; }
    private protected XmlReader Xml { get; }
    private protected DataLayout Layout { get; private set; } = null!;

    /// <summary>True when the current data set has its observations directly inside (dimensionAtObservation AllDimensions).</summary>
    private protected bool Flat { get; private set; }

    /// <summary>The current data set's action, given to each of its series.</summary>
    private protected DataAction? DataSetAction { get; private set; }

    /// <summary>The current data set's <c>validFromDate</c> and <c>validToDate</c>, given to each of its series.</summary>
    private (DateTimeOffset? From, DateTimeOffset? To) _validity;

    /// <summary>Attribute values given for the whole current data set; every series gets them unless it has its own.</summary>
    private protected Dictionary<string, string> DataSetAttributes { get; } = new(StringComparer.Ordinal);

    /// <summary>The groups of the current data set: partial keys and the attribute values attached to them.</summary>
    private protected List<(Dictionary<string, string> Key, Dictionary<string, string> Attributes)> Groups { get; } = [];

    /// <summary>Builds series from a flat data set's observations.</summary>
    private protected SeriesAssembler Assembler { get; private set; } = null!;

    private protected sealed override void Begin(DataLayout layout)
    {
        Layout = layout;
        Assembler = new SeriesAssembler(layout);
    }

    private protected sealed override Series? Next()
    {
        try
        {
            while (_rejected.Count > 0 || !_ended)
            {
                if (_rejected.TryDequeue(out var rejected))
                {
                    return rejected;
                }

                if (!_inDataSet)
                {
                    BeginDataSet();
                    continue;
                }

                switch (Xml.NodeType)
                {
                    case XmlNodeType.EndElement:
                        // The data set's end tag: its last flat series is complete.
                        Xml.Read();
                        _inDataSet = false;
                        MoveToNextDataSet();
                        if (Assembler.Finish() is { } last)
                        {
                            return WithValidity(last);
                        }

                        break;
                    case XmlNodeType.Element:
                        if (ReadDataSetChild() is { } series)
                        {
                            return WithValidity(series);
                        }

                        break;
                    case XmlNodeType.None:
                        throw R.Error("the document ends inside a data set");
                    default:
                        Xml.Read();
                        break;
                }
            }

            return null;
        }
        catch (XmlException e)
        {
            throw NotWellFormed(R, e);
        }
        catch (Exception e) when (IsParserFault(e))
        {
            throw NotWellFormed(R, new XmlException(e.Message, e));
        }
    }

    /// <summary>Gives a series of the current data set (complete, read in it) the data set's validity.</summary>
    private Series WithValidity(Series series)
    {
        series.ValidFrom ??= _validity.From;
        series.ValidTo ??= _validity.To;
        return series;
    }

    /// <summary>
    /// Reads the child of a data set the reader is on (a group, a series, a flat observation, data set
    /// attributes) and leaves the reader after it. Returns a series once one is complete.
    /// </summary>
    private protected abstract Series? ReadDataSetChild();

    /// <summary>Reads the data set's own attributes (action and structure are read already) into <see cref="DataSetAttributes"/>.</summary>
    private protected abstract void ReadDataSetAttributes();

    /// <summary>Gives a new series the data set's and its groups' attribute values.</summary>
    private protected void ApplyDataSetContext(Series series)
    {
        foreach (var (id, value) in DataSetAttributes)
        {
            series.Attributes.TryAdd(id, value);
        }

        foreach (var (key, attributes) in Groups)
        {
            if (GroupMatches(key, series.Key))
            {
                foreach (var (id, value) in attributes)
                {
                    series.Attributes.TryAdd(id, value);
                }
            }
        }
    }

    /// <summary>
    /// Reports a problem that belongs to no series: it is returned as a series without key or observations that
    /// carries the error, so that it reaches the import with the others rather than being dropped.
    /// </summary>
    private protected void Reject(string location, string? component, string message)
    {
        var rejected = new Series { Location = location, ObservationLocations = [] };
        rejected.AddError(new DataReadError(location, component, message));
        _rejected.Enqueue(rejected);
    }

    private static bool GroupMatches(Dictionary<string, string> groupKey, Dictionary<string, string> seriesKey)
    {
        foreach (var (dimension, code) in groupKey)
        {
            if (!seriesKey.TryGetValue(dimension, out var own) || own != code)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The reader's current line as a location, e.g. <c>line 17</c>.</summary>
    private protected string Here() => SeriesReading.Line(R.Line);

    private protected static bool IsUnqualified(XmlReader xml) => xml.NamespaceURI.Length == 0;

    private void ReadUpToFirstDataSet()
    {
        try
        {
            if (Xml.IsEmptyElement)
            {
                _ended = true;
                return;
            }

            Xml.Read();
            MoveToNextDataSet();
        }
        catch (XmlException e)
        {
            throw NotWellFormed(R, e);
        }
        catch (Exception e) when (IsParserFault(e))
        {
            throw NotWellFormed(R, new XmlException(e.Message, e));
        }
    }

    /// <summary>Leaves the reader on the next data set's start tag, reading the header on the way, or ends the message.</summary>
    private void MoveToNextDataSet()
    {
        while (true)
        {
            switch (Xml.NodeType)
            {
                case XmlNodeType.Element when R.IsMessage("DataSet"):
                    return;
                case XmlNodeType.Element when R.IsMessage("Header"):
                    ReadHeader();
                    break;
                case XmlNodeType.Element:
                    Xml.Skip(); // the footer: a registry's status messages
                    break;
                case XmlNodeType.EndElement:
                    // The root's end tag; reading on reports anything after it.
                    while (Xml.Read())
                    {
                    }

                    _ended = true;
                    return;
                case XmlNodeType.None:
                    throw R.Error("the document ends before its root element is closed");
                default:
                    Xml.Read();
                    break;
            }
        }
    }

    private void BeginDataSet()
    {
        DataSetAttributes.Clear();
        Groups.Clear();
        var structureRef = Xml.GetAttribute("structureRef", SdmxNamespaces.StructureSpecificData) ?? Xml.GetAttribute("structureRef");
        var atObservation = structureRef is not null && _dimensionAtObservation.TryGetValue(structureRef, out var declared) ? declared
            : _dimensionAtObservation.Count == 1 ? _dimensionAtObservation.Values.First()
            : null;
        atObservation ??= Layout.TimeId;
        Flat = atObservation == "AllDimensions";
        if (!Flat && atObservation != Layout.TimeId)
        {
            throw R.Error($"the data set has dimensionAtObservation '{atObservation}'; only {Layout.TimeId} (series) and AllDimensions (flat) can be read");
        }

        var action = Xml.GetAttribute("action", SdmxNamespaces.StructureSpecificData) ?? Xml.GetAttribute("action");
        DataSetAction = action is null ? Header.Action : ParseAction(action, "the data set's action");
        Header.Action ??= DataSetAction;
        _validity = (ValidityDate("validFromDate"), ValidityDate("validToDate"));
        ReadDataSetAttributes();
        Xml.MoveToElement();
        if (Xml.IsEmptyElement)
        {
            Xml.Read();
            MoveToNextDataSet();
            return;
        }

        Xml.Read();
        _inDataSet = true;
    }

    /// <summary>A data set's <c>validFromDate</c> or <c>validToDate</c>: qualified in structure-specific data, not in generic data.</summary>
    private DateTimeOffset? ValidityDate(string name) =>
        (Xml.GetAttribute(name, SdmxNamespaces.StructureSpecificData) ?? Xml.GetAttribute(name)) is { } text
            ? R.ParseDate(text, $"the data set's {name}")
            : null;

    private void ReadHeader() => R.ReadChildren(() =>
    {
        if (R.IsMessage("ID"))
        {
            Header.Id = R.ReadString().Trim();
        }
        else if (R.IsMessage("Prepared"))
        {
            Header.Prepared = R.ParseDate(R.ReadString(), "Prepared");
        }
        else if (R.IsMessage("Sender"))
        {
            Header.SenderId = R.Attribute("id");
            Xml.Skip();
        }
        else if (R.IsMessage("Structure"))
        {
            ReadStructure();
        }
        else if (R.IsMessage("DataSetAction"))
        {
            Header.Action = ParseAction(R.ReadString(), "DataSetAction");
        }
        else
        {
            Xml.Skip(); // receivers, names, data set ids, reporting period: nothing an import uses
        }

        return true;
    });

    private void ReadStructure()
    {
        var structureId = R.Attribute("structureID") ?? "";
        var atObservation = R.Attribute("dimensionAtObservation");
        ArtefactRef? reference = null;
        var isDsd = false;
        R.ReadChildren(() =>
        {
            if (R.IsCommon("Structure"))
            {
                reference = R.ReadArtefactRef(ArtefactType.DataStructure);
                isDsd = true;
            }
            else if (R.IsCommon("StructureUsage"))
            {
                reference = R.ReadArtefactRef(ArtefactType.Dataflow);
            }
            else if (R.IsCommon("ProvisionAgrement") || R.IsCommon("ProvisionAgreement"))
            {
                reference = R.ReadArtefactRef(ArtefactType.ProvisionAgreement);
            }
            else
            {
                Xml.Skip();
            }

            return true;
        });
        if (atObservation is not null)
        {
            _dimensionAtObservation[structureId] = atObservation;
        }

        if (Header.StructureRef is null && reference is not null)
        {
            Header.StructureRef = reference.ToString();
            Header.StructureIsDsd = isDsd;
        }
    }

    private DataAction ParseAction(string text, string what) =>
        DataActions.TryParse(text, out var action)
            ? action
            : throw R.Error($"{what} is '{text}', which is not an SDMX action (Append, Replace, Delete or Information)");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Xml.Dispose();
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }
}
