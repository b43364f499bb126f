using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Data;

/// <summary>The structure section, written after the data sets: the components and the values the indices refer to.</summary>
internal sealed partial class SdmxJsonDataWriter
{
    private const string Language = "en";

    private void WriteStructure()
    {
        if (_version2)
        {
            _json.WriteStartArray("structures"u8);
            _json.WriteStartObject();
        }
        else
        {
            _json.WriteStartObject("structure"u8);
        }

        WriteLinks();
        WriteNames(Layout.Dsd.NameIn(Language));
        if (_version2)
        {
            _json.WriteStartArray("dataSets"u8);
            for (var i = 0; i < _dataSetCount; i++)
            {
                _json.WriteNumberValue(i);
            }

            _json.WriteEndArray();
        }

        WriteDimensions();
        if (_version2)
        {
            _json.WriteStartObject("measures"u8);
            _json.WriteStartArray("observation"u8);
            _json.WriteStartObject();
            _json.WriteString("id"u8, Layout.MeasureId);
            WriteNames(Layout.MeasureId);
            _json.WriteEndObject();
            _json.WriteEndArray();
            _json.WriteEndObject();
        }

        WriteAttributes();
        _json.WriteEndObject();
        if (_version2)
        {
            _json.WriteEndArray();
        }
    }

    /// <summary>
    /// The dimensions at series level (none in the flat layout) and at observation level (the period, or every
    /// dimension and the period), each with its key position and the codes used. 2.0.0 wants at least one value
    /// per dimension: a dimension no key used (no series, or no observations) is left out there, which no key can miss.
    /// </summary>
    private void WriteDimensions()
    {
        _json.WriteStartObject("dimensions"u8);
        _json.WriteStartArray("dataSet"u8);
        _json.WriteEndArray();
        _json.WriteStartArray("series"u8);
        if (!_flat)
        {
            WriteKeyDimensions();
        }

        _json.WriteEndArray();
        _json.WriteStartArray("observation"u8);
        if (_flat)
        {
            WriteKeyDimensions();
        }

        WriteDimension(Layout.TimeId, _dimensions.Length, _periods.Values);
        _json.WriteEndArray();
        _json.WriteEndObject();
    }

    private void WriteKeyDimensions()
    {
        for (var i = 0; i < _dimensions.Length; i++)
        {
            WriteDimension(Layout.DimensionIds[i], i, _dimensions[i].Values);
        }
    }

    private void WriteDimension(string id, int keyPosition, List<string> values)
    {
        if (_version2 && values.Count == 0)
        {
            return;
        }

        _json.WriteStartObject();
        _json.WriteString("id"u8, id);
        WriteNames(id);
        _json.WriteNumber("keyPosition"u8, keyPosition);
        _json.WriteStartArray("values"u8);
        foreach (var value in values)
        {
            _json.WriteStartObject();
            if (_version2 && !Identifiers.IsValidId(value))
            {
                _json.WriteString("value"u8, value);
            }
            else
            {
                _json.WriteString("id"u8, value);
                WriteNames(value);
            }

            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
    }

    /// <summary>The attributes written with the series and those written with the observations, in the order of their indices.</summary>
    private void WriteAttributes()
    {
        _json.WriteStartObject("attributes"u8);
        _json.WriteStartArray("dataSet"u8);
        _json.WriteEndArray();
        _json.WriteStartArray("series"u8);
        foreach (var attribute in _seriesAttributes)
        {
            WriteAttribute(attribute);
        }

        _json.WriteEndArray();
        _json.WriteStartArray("observation"u8);
        foreach (var attribute in _observationAttributes)
        {
            WriteAttribute(attribute);
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
    }

    private void WriteAttribute(int index)
    {
        var attribute = Layout.Dsd.Attributes[index];
        var values = _attributeValues[index].Values;
        _json.WriteStartObject();
        _json.WriteString("id"u8, attribute.Id);
        WriteNames(attribute.Id);
        if (_version2)
        {
            _json.WriteBoolean("isMandatory"u8, attribute.AssignmentStatus == UsageStatus.Mandatory);
        }

        WriteRelationship(attribute);
        if (values.Count > 0 || !_version2)
        {
            _json.WriteStartArray("values"u8);
            foreach (var value in values)
            {
                WriteAttributeValue(value, Layout.AttributeIsCoded[index]);
            }

            _json.WriteEndArray();
        }

        _json.WriteEndObject();
    }

    /// <summary>A code as id and name; a text (or a code that is not an SDMX id) as <c>value</c> (2.0.0) or <c>name</c> (1.0).</summary>
    private void WriteAttributeValue(string value, bool coded)
    {
        _json.WriteStartObject();
        if (coded && Identifiers.IsValidId(value))
        {
            _json.WriteString("id"u8, value);
            WriteNames(value);
        }
        else if (_version2)
        {
            _json.WriteString("value"u8, value);
        }
        else
        {
            WriteNames(value);
        }

        _json.WriteEndObject();
    }

    /// <summary>
    /// What the DSD attaches the attribute to: the data set (1.0 <c>none</c>, 2.0.0 <c>dataflow</c>), dimensions (a
    /// group's or the series key's), or the observation (1.0 <c>primaryMeasure</c>, 2.0.0 <c>observation</c>).
    /// </summary>
    private void WriteRelationship(DataAttribute attribute)
    {
        _json.WriteStartObject("relationship"u8);
        var relationship = attribute.Relationship;
        var dimensions = attribute.AttachmentLevel switch
        {
            AttachmentLevel.Group => Layout.Dsd.Groups.Find(g => g.Id == relationship.Group)?.DimensionIds ?? relationship.Dimensions,
            AttachmentLevel.Series => relationship.Dimensions,
            _ => [],
        };

        if (attribute.AttachmentLevel == AttachmentLevel.Observation)
        {
            if (_version2)
            {
                _json.WriteStartObject("observation"u8);
                _json.WriteEndObject();
            }
            else
            {
                _json.WriteString("primaryMeasure"u8, Layout.MeasureId);
            }
        }
        else if (dimensions.Count > 0)
        {
            _json.WriteStartArray("dimensions"u8);
            foreach (var dimension in dimensions)
            {
                _json.WriteStringValue(dimension);
            }

            _json.WriteEndArray();
        }
        else
        {
            _json.WriteStartObject(_version2 ? "dataflow"u8 : "none"u8);
            _json.WriteEndObject();
        }

        _json.WriteEndObject();
    }

    /// <summary><c>name</c> and <c>names</c> in the message's one language.</summary>
    private void WriteNames(string name)
    {
        _json.WriteString("name"u8, name);
        _json.WriteStartObject("names"u8);
        _json.WriteString(Language, name);
        _json.WriteEndObject();
    }
}
