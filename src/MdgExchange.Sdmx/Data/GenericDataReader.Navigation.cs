using System.Xml;
using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// Walking generic data's nested elements without a delegate per element: a loop of <see cref="NextChild"/>
/// calls visits the children of the element <see cref="Enter"/> stepped into.
/// </summary>
internal sealed partial class GenericDataReader
{
    /// <summary>Reads the <c>generic:Value</c> children of the current element into <see cref="_values"/>; leaves the reader after the element.</summary>
    private void ReadValues()
    {
        _values.Clear();
        var depth = Enter();
        while (NextChild(depth, null))
        {
            if (Xml.LocalName == "Value")
            {
                _values.Add((Xml.GetAttribute("id") ?? "", Xml.GetAttribute("value") ?? ""));
                Xml.Skip();
            }
            else
            {
                Unexpected(null);
            }
        }
    }

    /// <summary>Steps into the current element: its depth, or -1 when it is empty (and has been read past).</summary>
    private int Enter()
    {
        if (Xml.IsEmptyElement)
        {
            Xml.Read();
            return -1;
        }

        var depth = Xml.Depth;
        Xml.Read();
        return depth;
    }

    /// <summary>
    /// Moves to the next generic-namespace child of the element entered at <paramref name="depth"/>; false after its
    /// end tag. Other children are skipped: annotations with a warning, anything else as an error of <paramref name="series"/>.
    /// </summary>
    private bool NextChild(int depth, Series? series)
    {
        if (depth < 0)
        {
            return false;
        }

        while (true)
        {
            switch (Xml.NodeType)
            {
                case XmlNodeType.EndElement when Xml.Depth == depth:
                    Xml.Read();
                    return false;
                case XmlNodeType.Element when Xml.NamespaceURI == SdmxNamespaces.GenericData:
                    return true;
                case XmlNodeType.Element:
                    Unexpected(series);
                    break;
                case XmlNodeType.None:
                    throw R.Error("the document ends inside a data set");
                default:
                    Xml.Read();
                    break;
            }
        }
    }

    /// <summary>Skips an element that has no place here: annotations with a warning, anything else as an error.</summary>
    private void Unexpected(Series? series)
    {
        var (element, location) = (Xml.Name, Here());
        Xml.Skip();
        if (element.EndsWith("Annotations", StringComparison.Ordinal))
        {
            Warn($"annotations of series and observations are not kept (the first is at {location})", "annotations");
        }
        else if (series is not null)
        {
            series.AddError(new DataReadError(location, null, $"<{element}> is not expected here"));
        }
        else
        {
            Reject(location, null, $"<{element}> is not expected here");
        }
    }
}
