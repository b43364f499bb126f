using System.Xml;
using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// Reads SDMX-ML 2.1 structure-specific data: components are XML attributes named by their ids, on
/// <c>Series</c> (key and series attributes) and <c>Obs</c> (time, value, observation attributes), or all on
/// <c>Obs</c> in a flat data set.
/// </summary>
internal sealed class StructureSpecificDataReader : MlDataReader
{
    private const string ReportingYearStartDay = "REPORTING_YEAR_START_DAY";
    private readonly List<(string Id, string Value)> _inherited = [];
    private readonly List<(string Id, string Value)> _rowSeriesAttributes = [];
    private string?[] _rowKey = [];

    public StructureSpecificDataReader(MlReader reader, PeekStream stream)
        : base(DataFormat.SdmxMlStructureSpecific, reader, stream)
    {
    }

    private protected override void ReadDataSetAttributes()
    {
        var location = Here();
        if (!Xml.MoveToFirstAttribute())
        {
            return;
        }

        do
        {
            if (!IsUnqualified(Xml) || Xml.LocalName == ReportingYearStartDay)
            {
                continue;
            }

            if (Layout.IsAttribute(Xml.LocalName))
            {
                DataSetAttributes[Xml.LocalName] = Xml.Value;
            }
            else
            {
                Reject(location, Xml.LocalName, $"the data set gives '{Xml.LocalName}', which is not an attribute of {Layout.DsdName}");
            }
        }
        while (Xml.MoveToNextAttribute());
    }

    private protected override Series? ReadDataSetChild()
    {
        if (IsUnqualified(Xml))
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
            }
        }

        var element = Xml.Name;
        var location = Here();
        Xml.Skip();
        if (element.EndsWith("Annotations", StringComparison.Ordinal) || element == "DataProvider")
        {
            Warn($"<{element}> of data sets are not kept (the first is at {location})", element);
            return null;
        }

        // An element out of place: the series around it would be incomplete, so say so in the next one.
        Reject(location, null, $"<{element}> is not expected here: a {(Flat ? "flat" : "series")} data set holds {(Flat ? "Obs" : "Series")} elements");
        return null;
    }

    private Series ReadSeries()
    {
        var location = Here();
        var series = new Series { Location = location, ObservationLocations = [], Action = DataSetAction };
        _inherited.Clear();
        ReadSeriesAttributes(series, location);
        ApplyDataSetContext(series);
        if (Xml.IsEmptyElement)
        {
            Xml.Read();
            return series;
        }

        var depth = Xml.Depth;
        Xml.Read();
        while (Xml.NodeType != XmlNodeType.EndElement || Xml.Depth != depth)
        {
            if (Xml.NodeType == XmlNodeType.Element && IsUnqualified(Xml) && Xml.LocalName == "Obs")
            {
                ReadObservation(series);
            }
            else if (Xml.NodeType == XmlNodeType.Element)
            {
                var element = Xml.Name;
                var at = Here();
                Xml.Skip();
                if (element.EndsWith("Annotations", StringComparison.Ordinal))
                {
                    Warn($"annotations of series and observations are not kept (the first is at {at})", "annotations");
                }
                else
                {
                    series.AddError(new DataReadError(at, null, $"<{element}> is not expected in a Series, which holds Obs elements"));
                }
            }
            else if (Xml.NodeType == XmlNodeType.None)
            {
                throw R.Error("the document ends inside a series");
            }
            else
            {
                Xml.Read();
            }
        }

        Xml.Read();
        return series;
    }

    /// <summary>The Series element's XML attributes: dimensions into the key, series attributes, and observation attributes every Obs inherits.</summary>
    private void ReadSeriesAttributes(Series series, string location)
    {
        if (Xml.MoveToFirstAttribute())
        {
            do
            {
                if (!IsUnqualified(Xml) || Xml.LocalName == ReportingYearStartDay)
                {
                    continue;
                }

                var (id, value) = (Xml.LocalName, Xml.Value);
                if (!Layout.TryFind(id, out var slot))
                {
                    series.AddError(new DataReadError(location, id, $"the series gives '{id}', which is not a component of {Layout.DsdName}"));
                    continue;
                }

                switch (slot.Kind)
                {
                    case ComponentKind.Dimension:
                        series.Key[id] = value;
                        break;
                    case ComponentKind.SeriesAttribute:
                        series.Attributes[id] = value;
                        break;
                    case ComponentKind.ObservationAttribute:
                        _inherited.Add((id, value)); // a value for every observation of the series
                        break;
                    default:
                        series.AddError(new DataReadError(location, id, $"{id} belongs on each Obs, not on the Series"));
                        break;
                }
            }
            while (Xml.MoveToNextAttribute());
            Xml.MoveToElement();
        }
    }

    private void ReadObservation(Series series)
    {
        var location = Here();
        var observation = new Observation();
        string? time = null;
        string? value = null;
        if (Xml.MoveToFirstAttribute())
        {
            do
            {
                if (!IsUnqualified(Xml) || Xml.LocalName is ReportingYearStartDay or "type")
                {
                    continue;
                }

                var id = Xml.LocalName;
                if (!Layout.TryFind(id, out var slot))
                {
                    series.AddError(new DataReadError(location, id, $"the observation gives '{id}', which is not a component of {Layout.DsdName}", series.Observations.Count));
                    continue;
                }

                switch (slot.Kind)
                {
                    case ComponentKind.Time:
                        time = Xml.Value;
                        break;
                    case ComponentKind.Measure:
                        value = Xml.Value;
                        break;
                    case ComponentKind.ObservationAttribute:
                        observation.Attributes[id] = Xml.Value;
                        break;
                    case ComponentKind.SeriesAttribute:
                        SeriesReading.SetSeriesAttribute(series, id, Xml.Value, location);
                        break;
                    default:
                        series.AddError(new DataReadError(location, id, $"the dimension {id} belongs on the Series, not on each Obs", series.Observations.Count));
                        break;
                }
            }
            while (Xml.MoveToNextAttribute());
            Xml.MoveToElement();
        }

        foreach (var (id, inherited) in _inherited)
        {
            observation.Attributes.TryAdd(id, inherited);
        }

        Finish(series, observation, time, value, location);
    }

    /// <summary>A flat data set's observation: the full key, time, value and attributes of all levels on one element.</summary>
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
        List<DataReadError>? errors = null;
        if (Xml.MoveToFirstAttribute())
        {
            do
            {
                if (!IsUnqualified(Xml) || Xml.LocalName is ReportingYearStartDay or "type")
                {
                    continue;
                }

                var id = Xml.LocalName;
                if (!Layout.TryFind(id, out var slot))
                {
                    (errors ??= []).Add(new DataReadError(location, id, $"the observation gives '{id}', which is not a component of {Layout.DsdName}"));
                    continue;
                }

                switch (slot.Kind)
                {
                    case ComponentKind.Dimension:
                        _rowKey[slot.Index] = Xml.Value;
                        break;
                    case ComponentKind.Time:
                        time = Xml.Value;
                        break;
                    case ComponentKind.Measure:
                        value = Xml.Value;
                        break;
                    case ComponentKind.ObservationAttribute:
                        observation.Attributes[id] = Xml.Value;
                        break;
                    default:
                        _rowSeriesAttributes.Add((id, Xml.Value));
                        break;
                }
            }
            while (Xml.MoveToNextAttribute());
            Xml.MoveToElement();
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

        Finish(series, observation, time, value, location);
        return completed;
    }

    private void Finish(Series series, Observation observation, string? time, string? value, string location)
    {
        if (time is null)
        {
            series.AddError(new DataReadError(location, Layout.TimeId, $"the observation has no {Layout.TimeId}", series.Observations.Count));
        }

        observation.TimePeriod = time ?? "";
        SeriesReading.AddObservation(series, observation, value, location, Layout.MeasureId);
        if (!Xml.IsEmptyElement)
        {
            Warn($"annotations of series and observations are not kept (the first is at {location})", "annotations");
        }

        Xml.Skip();
    }

    private void ReadGroup()
    {
        var key = new Dictionary<string, string>(StringComparer.Ordinal);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var location = Here();
        if (Xml.MoveToFirstAttribute())
        {
            do
            {
                if (!IsUnqualified(Xml) || Xml.LocalName is ReportingYearStartDay or "type")
                {
                    continue;
                }

                if (Layout.TryFind(Xml.LocalName, out var slot) && slot.Kind == ComponentKind.Dimension)
                {
                    key[Xml.LocalName] = Xml.Value;
                }
                else if (Layout.IsAttribute(Xml.LocalName))
                {
                    attributes[Xml.LocalName] = Xml.Value;
                }
                else
                {
                    Reject(location, Xml.LocalName, $"the group gives '{Xml.LocalName}', which is neither a dimension nor an attribute of {Layout.DsdName}");
                }
            }
            while (Xml.MoveToNextAttribute());
            Xml.MoveToElement();
        }

        Groups.Add((key, attributes));
        Xml.Skip();
    }
}
