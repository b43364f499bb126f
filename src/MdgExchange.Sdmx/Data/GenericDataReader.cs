using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// Reads SDMX-ML 2.1 generic data: <c>generic:Series</c> with a <c>SeriesKey</c>, <c>Attributes</c> and
/// <c>Obs</c> (<c>ObsDimension</c>, <c>ObsValue</c>, <c>Attributes</c>), or flat <c>generic:Obs</c> with an <c>ObsKey</c>.
/// Every component is a <c>generic:Value</c> with <c>id</c> and <c>value</c>.
/// </summary>
internal sealed partial class GenericDataReader : MlDataReader
{
    private readonly List<(string Id, string Value)> _values = [];
    private readonly List<(string Id, string Value)> _inherited = [];
    private readonly List<(string Id, string Value)> _rowSeriesAttributes = [];
    private string?[] _rowKey = [];

    public GenericDataReader(MlReader reader, PeekStream stream)
        : base(DataFormat.SdmxMlGeneric, reader, stream)
    {
    }

    private protected override void ReadDataSetAttributes()
    {
        // A generic data set gives its attribute values in a generic:Attributes child, read with the other children.
    }

    private protected override Series? ReadDataSetChild()
    {
        if (Xml.NamespaceURI == SdmxNamespaces.GenericData)
        {
            switch (Xml.LocalName)
            {
                case "Series" when !Flat:
                    return ReadSeries();
                case "Obs" when Flat:
                    return ReadFlatObservation();
                case "Group":
                    ReadGroup();
                    return null;
                case "Attributes":
                    ReadDataSetValues();
                    return null;
            }
        }

        var element = Xml.Name;
        var location = Here();
        Xml.Skip();
        if (element.EndsWith("Annotations", StringComparison.Ordinal) || element.EndsWith("DataProvider", StringComparison.Ordinal))
        {
            Warn($"<{element}> of data sets are not kept (the first is at {location})", element);
            return null;
        }

        Reject(location, null, $"<{element}> is not expected here: a {(Flat ? "flat" : "series")} data set holds generic:{(Flat ? "Obs" : "Series")} elements");
        return null;
    }

    private Series ReadSeries()
    {
        var location = Here();
        var series = new Series { Location = location, ObservationLocations = [], Action = DataSetAction };
        _inherited.Clear();
        var depth = Enter();
        while (NextChild(depth, series))
        {
            switch (Xml.LocalName)
            {
                case "SeriesKey":
                    ReadValues();
                    foreach (var (id, value) in _values)
                    {
                        if (Layout.TryFind(id, out var slot) && slot.Kind == ComponentKind.Dimension)
                        {
                            series.Key[id] = value;
                        }
                        else
                        {
                            series.AddError(new DataReadError(location, id, $"the series key gives '{id}', which is not a dimension of {Layout.DsdName} other than time"));
                        }
                    }

                    ApplyDataSetContext(series);
                    break;
                case "Attributes":
                    ReadValues();
                    foreach (var (id, value) in _values)
                    {
                        if (!Layout.TryFind(id, out var slot) || slot.Kind is not (ComponentKind.SeriesAttribute or ComponentKind.ObservationAttribute))
                        {
                            series.AddError(new DataReadError(location, id, $"the series gives '{id}', which is not an attribute of {Layout.DsdName}"));
                        }
                        else if (slot.Kind == ComponentKind.SeriesAttribute)
                        {
                            series.Attributes[id] = value;
                        }
                        else
                        {
                            _inherited.Add((id, value));
                        }
                    }

                    break;
                case "Obs":
                    ReadObservation(series);
                    break;
                default:
                    Unexpected(series);
                    break;
            }
        }

        return series;
    }

    private void ReadObservation(Series series)
    {
        var location = Here();
        var observation = new Observation();
        string? time = null;
        string? value = null;
        string? valueLocation = null;
        var depth = Enter();
        while (NextChild(depth, series))
        {
            switch (Xml.LocalName)
            {
                case "ObsDimension":
                    time = Xml.GetAttribute("value");
                    Xml.Skip();
                    break;
                case "ObsValue":
                    valueLocation = Here();
                    value = Xml.GetAttribute("value");
                    Xml.Skip();
                    break;
                case "Attributes":
                    ReadValues();
                    foreach (var (id, attribute) in _values)
                    {
                        AddAttribute(series, observation, id, attribute, location);
                    }

                    break;
                default:
                    Unexpected(series);
                    break;
            }
        }

        foreach (var (id, inherited) in _inherited)
        {
            observation.Attributes.TryAdd(id, inherited);
        }

        Finish(series, observation, time, value, location, valueLocation);
    }

    private Series? ReadFlatObservation()
    {
        if (_rowKey.Length != Layout.DimensionIds.Length)
        {
            _rowKey = new string?[Layout.DimensionIds.Length];
        }

        Array.Clear(_rowKey);
        _rowSeriesAttributes.Clear();
        var location = Here();
        var observation = new Observation();
        string? time = null;
        string? value = null;
        string? valueLocation = null;
        List<DataReadError>? errors = null;
        var depth = Enter();
        while (NextChild(depth, null))
        {
            switch (Xml.LocalName)
            {
                case "ObsKey":
                    time = ReadObsKey(location, time, ref errors);
                    break;
                case "ObsValue":
                    valueLocation = Here();
                    value = Xml.GetAttribute("value");
                    Xml.Skip();
                    break;
                case "Attributes":
                    ReadObsAttributes(observation, location, ref errors);
                    break;
                default:
                    (errors ??= []).Add(new DataReadError(location, null, $"<{Xml.Name}> is not expected in an observation"));
                    Xml.Skip();
                    break;
            }
        }

        var series = Assembler.SeriesFor(_rowKey, DataSetAction, location, out var completed);
        if (series.Observations.Count == 0)
        {
            ApplyDataSetContext(series);
        }

        foreach (var (id, attribute) in _rowSeriesAttributes)
        {
            SeriesReading.SetSeriesAttribute(series, id, attribute, location);
        }

        foreach (var error in errors ?? [])
        {
            series.AddError(error with { ObservationIndex = series.Observations.Count });
        }

        Finish(series, observation, time, value, location, valueLocation);
        return completed;
    }

    /// <summary>A flat observation's key: its dimension codes into the row key; its time period returned.</summary>
    private string? ReadObsKey(string location, string? time, ref List<DataReadError>? errors)
    {
        ReadValues();
        foreach (var (id, code) in _values)
        {
            if (!Layout.TryFind(id, out var slot) || slot.Kind is not (ComponentKind.Dimension or ComponentKind.Time))
            {
                (errors ??= []).Add(new DataReadError(location, id, $"the observation key gives '{id}', which is not a dimension of {Layout.DsdName}"));
            }
            else if (slot.Kind == ComponentKind.Time)
            {
                time = code;
            }
            else
            {
                _rowKey[slot.Index] = code;
            }
        }

        return time;
    }

    /// <summary>A flat observation's attributes: the series-level ones kept for its series, the others on it.</summary>
    private void ReadObsAttributes(Observation observation, string location, ref List<DataReadError>? errors)
    {
        ReadValues();
        foreach (var (id, attribute) in _values)
        {
            if (Layout.TryFind(id, out var slot) && slot.Kind == ComponentKind.SeriesAttribute)
            {
                _rowSeriesAttributes.Add((id, attribute));
            }
            else if (slot.Kind == ComponentKind.ObservationAttribute)
            {
                observation.Attributes[id] = attribute;
            }
            else
            {
                (errors ??= []).Add(new DataReadError(location, id, $"the observation gives '{id}', which is not an attribute of {Layout.DsdName}"));
            }
        }
    }

    private void AddAttribute(Series series, Observation observation, string id, string value, string location)
    {
        if (!Layout.TryFind(id, out var slot) || slot.Kind is not (ComponentKind.SeriesAttribute or ComponentKind.ObservationAttribute))
        {
            series.AddError(new DataReadError(location, id, $"the observation gives '{id}', which is not an attribute of {Layout.DsdName}", series.Observations.Count));
        }
        else if (slot.Kind == ComponentKind.ObservationAttribute)
        {
            observation.Attributes[id] = value;
        }
        else
        {
            SeriesReading.SetSeriesAttribute(series, id, value, location);
        }
    }

    private void Finish(Series series, Observation observation, string? time, string? value, string location, string? valueLocation)
    {
        if (time is null)
        {
            series.AddError(new DataReadError(location, Layout.TimeId, $"the observation has no {Layout.TimeId}", series.Observations.Count));
        }

        observation.TimePeriod = time ?? "";
        SeriesReading.AddObservation(series, observation, value, location, Layout.MeasureId, valueLocation);
    }

    private void ReadDataSetValues()
    {
        var location = Here();
        ReadValues();
        foreach (var (id, value) in _values)
        {
            if (Layout.IsAttribute(id))
            {
                DataSetAttributes[id] = value;
            }
            else
            {
                Reject(location, id, $"the data set gives '{id}', which is not an attribute of {Layout.DsdName}");
            }
        }
    }

    private void ReadGroup()
    {
        var key = new Dictionary<string, string>(StringComparer.Ordinal);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var location = Here();
        var depth = Enter();
        while (NextChild(depth, null))
        {
            var isKey = Xml.LocalName == "GroupKey";
            if (!isKey && Xml.LocalName != "Attributes")
            {
                Unexpected(null);
                continue;
            }

            ReadValues();
            foreach (var (id, value) in _values)
            {
                if (isKey ? Layout.TryFind(id, out var slot) && slot.Kind == ComponentKind.Dimension : Layout.IsAttribute(id))
                {
                    (isKey ? key : attributes)[id] = value;
                }
                else
                {
                    Reject(location, id, $"the group gives '{id}', which is not {(isKey ? "a dimension" : "an attribute")} of {Layout.DsdName}");
                }
            }
        }

        Groups.Add((key, attributes));
    }
}
