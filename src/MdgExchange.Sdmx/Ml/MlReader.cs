using System.Globalization;
using System.Xml;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>
/// A cursor over an SDMX-ML document: element matching, attribute parsing with SDMX rules, and errors
/// that carry the artefact, element and line. Every reading method leaves the reader after the element
/// it was called on, so child handlers compose.
/// </summary>
internal sealed class MlReader(XmlReader xml)
{
    private readonly IXmlLineInfo? _lineInfo = xml as IXmlLineInfo;

    public XmlReader Xml { get; } = xml;

    /// <summary><c>AGENCY:ID(VERSION)</c> of the artefact being read, for messages.</summary>
    public string? Artefact { get; set; }

    /// <summary>The item or component being read, e.g. <c>code 'SI_POV_DAY1'</c>, for messages.</summary>
    public string? Part { get; set; }

    /// <summary>Why the artefact being read cannot be kept; set by the first unsupported feature met.</summary>
    public string? UnsupportedReason { get; set; }

    public List<string> Warnings { get; } = [];

    public int Line => _lineInfo?.LineNumber ?? 0;
    public int Position => _lineInfo?.LinePosition ?? 0;

    public bool IsStructure(string localName) => Is(SdmxNamespaces.Structure, localName);
    public bool IsCommon(string localName) => Is(SdmxNamespaces.Common, localName);
    public bool IsMessage(string localName) => Is(SdmxNamespaces.Message, localName);

    /// <summary><c>Ref</c> and <c>URN</c> inside references are unqualified.</summary>
    public bool IsUnqualified(string localName) => Is("", localName);

    private bool Is(string ns, string localName) =>
        Xml.NodeType == XmlNodeType.Element && Xml.LocalName == localName && Xml.NamespaceURI == ns;

    /// <summary>Adapts a statement to a child handler: runs it and reports the element consumed.</summary>
    public static bool Consumed(Action read)
    {
        read();
        return true;
    }

    /// <summary>
    /// Visits the child elements of the current element. <paramref name="child"/> is called on each child
    /// start tag and either consumes the whole child and returns true, or returns false without moving,
    /// in which case the child is skipped as unsupported. Leaves the reader after the end tag.
    /// </summary>
    public void ReadChildren(Func<bool> child)
    {
        if (Xml.IsEmptyElement)
        {
            Xml.Read();
            return;
        }

        var depth = Xml.Depth;
        Xml.Read();
        while (true)
        {
            switch (Xml.NodeType)
            {
                case XmlNodeType.Element:
                    if (!child())
                    {
                        SkipUnsupported();
                    }

                    break;
                case XmlNodeType.EndElement when Xml.Depth == depth:
                    Xml.Read();
                    return;
                case XmlNodeType.None:
                    throw Error("the document ends before this element is closed");
                default:
                    Xml.Read();
                    break;
            }
        }
    }

    /// <summary>
    /// Skips an element the model cannot hold. Inside an artefact that makes the artefact unsupported, so
    /// that nothing is dropped silently; outside one (header, containers) it is a warning.
    /// </summary>
    public void SkipUnsupported()
    {
        var what = $"the element <{Xml.Name}> (line {Line})";
        if (Artefact is not null)
        {
            UnsupportedReason ??= $"{what}{(Part is null ? "" : $" in {Part}")} is not supported";
        }
        else
        {
            Warn($"{what} is not supported and was ignored");
        }

        Xml.Skip();
    }

    public void Warn(string message) => Warn(Line, message);

    public void Warn(int line, string message) =>
        Warnings.Add($"line {line}{(Artefact is null ? "" : $", {Artefact}")}{(Part is null ? "" : $", {Part}")}: {message}");

    public SdmxFormatException Error(string rule) =>
        ErrorAt(Xml.NodeType is XmlNodeType.Element or XmlNodeType.EndElement ? Xml.Name : null, Line, Position, rule);

    public SdmxFormatException ErrorAt(string? element, int line, int position, string rule, Exception? inner = null) =>
        new(Part is null ? rule : $"{Part}: {rule}", Artefact, element, line, position, inner);

    public string? Attribute(string name) => Xml.GetAttribute(name);

    public string RequiredAttribute(string name) =>
        Xml.GetAttribute(name) ?? throw Error($"the required attribute '{name}' is missing");

    /// <summary>A required SDMX id (IDType).</summary>
    public string Id(string name = "id")
    {
        var value = RequiredAttribute(name);
        return Identifiers.IsValidId(value) ? value : throw Error(InvalidId(name, value));
    }

    /// <summary>An optional SDMX id (IDType).</summary>
    public string? OptionalId(string name = "id")
    {
        var value = Attribute(name);
        return value is null || Identifiers.IsValidId(value) ? value : throw Error(InvalidId(name, value));
    }

    /// <summary>A required dotted id (NestedIDType), e.g. a nested category <c>A.B</c>.</summary>
    public string NestedId(string name = "id")
    {
        var value = RequiredAttribute(name);
        return value.Split('.').All(Identifiers.IsValidId) ? value : throw Error(InvalidId(name, value));
    }

    public string AgencyId(string name = "agencyID")
    {
        var value = RequiredAttribute(name);
        return Identifiers.IsValidAgencyId(value)
            ? value
            : throw Error($"'{name}' is '{value}', which is not a valid agency id (ids separated by dots, each starting with a letter)");
    }

    /// <summary>An optional version attribute, <paramref name="fallback"/> when absent (the schema default).</summary>
    public string? Version(string name, string? fallback)
    {
        var value = Attribute(name);
        if (value is null)
        {
            return fallback;
        }

        return Identifiers.IsValidVersion(value)
            ? value
            : throw Error($"'{name}' is '{value}', which is not a valid version (digits separated by dots, e.g. 1.0)");
    }

    public bool Bool(string name, bool fallback)
    {
        var value = Attribute(name);
        return value is null ? fallback : ParseBool(value, $"'{name}'");
    }

    public bool ParseBool(string value, string what) => value.Trim() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw Error($"{what} is '{value}', which is not a boolean (true or false)"),
    };

    public int? Int(string name)
    {
        var value = Attribute(name);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Error($"'{name}' is '{value}', which is not an integer");
    }

    public DateTimeOffset? Date(string name)
    {
        var value = Attribute(name);
        return value is null ? null : ParseDate(value, $"'{name}'");
    }

    /// <summary>An xs:dateTime or xs:date; one without a zone is taken as UTC, so reading does not depend on the machine.</summary>
    public DateTimeOffset ParseDate(string value, string what) =>
        DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw Error($"{what} is '{value}', which is not a date-time (e.g. 2019-06-13T21:56:59)");

    /// <summary>The text of a simple element; leaves the reader after it.</summary>
    public string ReadString() => Xml.ReadElementContentAsString();

    /// <summary>A text with its language (<c>xml:lang</c>, English when absent as the schema says).</summary>
    public LocalisedString ReadLocalised()
    {
        var lang = Xml.GetAttribute("lang", SdmxNamespaces.Xml) ?? "en";
        return new LocalisedString(lang, Xml.ReadElementContentAsString());
    }

    private static string InvalidId(string name, string value) =>
        $"'{name}' is '{value}', which is not a valid SDMX id (letters, digits, _, @, $ and - only)";
}
