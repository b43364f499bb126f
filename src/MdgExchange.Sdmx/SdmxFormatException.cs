namespace MdgExchange.Sdmx;

/// <summary>
/// An SDMX document that cannot be read: not well-formed XML, not an SDMX-ML message of the expected
/// kind, or content that breaks an SDMX rule (an invalid id or version, a missing required attribute).
/// The message names the artefact (<c>AGENCY:ID(VERSION)</c> where known), the element, the line and
/// position, and the rule broken.
/// </summary>
public sealed class SdmxFormatException : Exception
{
    public SdmxFormatException()
        : base("the SDMX document cannot be read")
    {
        Rule = Message;
    }

    public SdmxFormatException(string message)
        : base(message)
    {
        Rule = message;
    }

    public SdmxFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rule = message;
    }

    /// <param name="rule">What is wrong, as a sentence fragment (e.g. "'1.x' is not a valid version").</param>
    /// <param name="artefact">The artefact being read, <c>AGENCY:ID(VERSION)</c>, if known.</param>
    /// <param name="element">The qualified name of the element at fault, if known.</param>
    /// <param name="lineNumber">1-based line, 0 when unknown.</param>
    /// <param name="linePosition">1-based position in the line, 0 when unknown.</param>
    /// <param name="innerException">The underlying parser error, if any.</param>
    public SdmxFormatException(string rule, string? artefact, string? element, int lineNumber, int linePosition, Exception? innerException = null)
        : base(Compose(rule, artefact, element, lineNumber, linePosition), innerException)
    {
        Rule = rule;
        Artefact = artefact;
        Element = element;
        LineNumber = lineNumber;
        LinePosition = linePosition;
    }

    /// <summary>The rule broken, without the location.</summary>
    public string Rule { get; }

    /// <summary>The artefact being read, <c>AGENCY:ID(VERSION)</c>, or null when the problem is outside any artefact.</summary>
    public string? Artefact { get; }

    /// <summary>The qualified name of the element at fault, e.g. <c>str:Codelist</c>.</summary>
    public string? Element { get; }

    public int LineNumber { get; }
    public int LinePosition { get; }

    private static string Compose(string rule, string? artefact, string? element, int line, int position)
    {
        var where = new List<string>();
        if (line > 0)
        {
            where.Add($"line {line}, position {position}");
        }

        if (!string.IsNullOrEmpty(element))
        {
            where.Add($"element <{element}>");
        }

        if (!string.IsNullOrEmpty(artefact))
        {
            where.Add($"artefact {artefact}");
        }

        return where.Count == 0 ? rule : $"{string.Join(", ", where)}: {rule}";
    }
}
