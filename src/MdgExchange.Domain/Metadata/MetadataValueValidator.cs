using System.Globalization;
using System.Xml;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Metadata;

/// <summary>A value that breaks a rule of the MSD: the field (row and column of a file, or a message path) and the rule.</summary>
public sealed record MetadataViolation(string Field, string Message);

/// <summary>
/// Checks a report's values against its MSD: each concept must be a metadata attribute (named by its dotted path or,
/// since ids are unique in an MSD, by its id alone), not a presentational one; no more instances per language than
/// maxOccurs; dates where the attribute is a GregorianDay; codes of the attribute's codelist; well-formed XHTML
/// where a value is markup. Returns the values with every concept as its full path.
/// </summary>
public static class MetadataValueValidator
{
    public static IReadOnlyList<MetadataValue> Validate(
        MetadataStructureDefinition msd,
        IEnumerable<(string Concept, string Lang, string Text)> values,
        Func<string, string> fieldOf,
        Func<ArtefactRef, string, bool> codeExists,
        List<MetadataViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(msd);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(fieldOf);
        ArgumentNullException.ThrowIfNull(codeExists);
        ArgumentNullException.ThrowIfNull(violations);
        var attributes = msd.AllAttributes().ToList();
        var result = new List<MetadataValue>();
        foreach (var (concept, lang, text) in values)
        {
            var field = fieldOf(concept);
            var match = attributes.Where(a => a.Path == concept || a.Attribute.Id == concept).ToList();
            if (match.Count != 1)
            {
                violations.Add(new(field, $"'{concept}' is not a metadata attribute of {msd.Ref}; its attributes include {string.Join(", ", attributes.Take(8).Select(a => a.Path))}, ..."));
                continue;
            }

            var (path, attribute) = match[0];
            if (attribute.IsPresentational)
            {
                violations.Add(new(field, $"'{path}' is presentational in {msd.Ref}: it only groups other attributes and takes no value"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(lang) || lang.Length > 35)
            {
                violations.Add(new(field, $"the value of '{path}' needs a language tag (en, es, ...), not '{lang}'"));
                continue;
            }

            if (CheckRepresentation(attribute, text) is { } problem)
            {
                violations.Add(new(field, $"'{path}': {problem}"));
                continue;
            }

            if (attribute.LocalRepresentation?.Enumeration is { } codelist && !codeExists(codelist, text.Trim()))
            {
                violations.Add(new(field, $"'{path}': '{text.Trim()}' is not a code of {codelist}"));
                continue;
            }

            result.Add(new MetadataValue(path, lang, text));
        }

        foreach (var group in result.GroupBy(v => (v.Concept, v.Lang)))
        {
            var max = msd.FindAttribute(group.Key.Concept)!.MaxOccurs;
            if (max is { } m && group.Count() > m)
            {
                violations.Add(new(fieldOf(group.Key.Concept), $"'{group.Key.Concept}' occurs {group.Count()} times in '{group.Key.Lang}'; {msd.Ref} allows at most {m}"));
            }
        }

        return result;
    }

    private static string? CheckRepresentation(MetadataAttributeDefinition attribute, string text)
    {
        var type = attribute.LocalRepresentation?.TextFormat?.TextType;
        if (type == "GregorianDay" && !DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return $"'{text.Trim()}' is not a date (YYYY-MM-DD)";
        }

        if (type == "XHTML" || LooksLikeMarkup(text))
        {
            try
            {
                var settings = new XmlReaderSettings { ConformanceLevel = ConformanceLevel.Fragment, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
                using var reader = XmlReader.Create(new StringReader(text), settings);
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "script" or "iframe" or "object" or "embed")
                    {
                        return $"rich text may not contain <{reader.LocalName}>";
                    }
                }
            }
            catch (XmlException e)
            {
                return $"rich text must be well-formed XHTML: {e.Message}";
            }
        }

        return null;
    }

    private static bool LooksLikeMarkup(string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.Length > 1 && trimmed[0] == '<' && char.IsAsciiLetter(trimmed[1]);
    }
}
