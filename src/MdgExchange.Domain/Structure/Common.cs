namespace MdgExchange.Domain.Structure;

/// <summary>A text in one language (<c>xml:lang</c>).</summary>
public sealed record LocalisedString(string Lang, string Text);

/// <summary>An SDMX annotation: id, title, type, URL and language-tagged texts.</summary>
public sealed class Annotation
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Type { get; set; }
    public string? Url { get; set; }
    public List<LocalisedString> Texts { get; set; } = [];
}

/// <summary>Anything that carries annotations.</summary>
public abstract class AnnotableArtefact
{
    public List<Annotation> Annotations { get; set; } = [];
}

/// <summary>An identifiable, nameable artefact: id, names and descriptions in several languages.</summary>
public abstract class NameableArtefact : AnnotableArtefact
{
    public string Id { get; set; } = "";
    public string? Uri { get; set; }
    public List<LocalisedString> Names { get; set; } = [];
    public List<LocalisedString> Descriptions { get; set; } = [];

    /// <summary>The name in <paramref name="lang"/>, else English, else the first name, else the id.</summary>
    public string NameIn(string lang = "en") =>
        Names.FirstOrDefault(n => n.Lang == lang)?.Text
        ?? Names.FirstOrDefault(n => n.Lang == "en")?.Text
        ?? Names.FirstOrDefault()?.Text
        ?? Id;
}

/// <summary>A reference to an item (code, concept, category, organisation) inside a maintainable scheme.</summary>
public sealed record ItemRef(ArtefactRef Scheme, string ItemId)
{
    /// <inheritdoc />
    public override string ToString() => $"{Scheme}.{ItemId}";
}

/// <summary>A text format: the value type and facets such as <c>maxLength</c> or <c>pattern</c>.</summary>
public sealed class TextFormat
{
    public string? TextType { get; set; }
    public SortedDictionary<string, string> Facets { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>How a concept or component is represented: a codelist, a text format, or both.</summary>
public sealed class Representation
{
    /// <summary>The codelist (or concept scheme) that enumerates the allowed values, if any.</summary>
    public ArtefactRef? Enumeration { get; set; }

    /// <summary>Facets of an enumerated representation (<c>EnumerationFormat</c>).</summary>
    public TextFormat? EnumerationFormat { get; set; }

    /// <summary>A non-enumerated representation (<c>TextFormat</c>).</summary>
    public TextFormat? TextFormat { get; set; }
}
