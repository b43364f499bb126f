using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;

namespace MdgExchange.Sdmx.Metadata;

/// <summary>
/// Reads SDMX-CSV 2.0 reference-metadata messages (the metadata field guide): the header row names the structure,
/// set, action and target columns, then one column per metadata attribute, its id prefixed by its parents
/// (<c>CONTACT.CONTACT_NAME</c>), with <c>[]</c> for multiple instances and <c>[en;es]</c> for the languages of
/// localised values (<c>en:Text;es:Texto</c>). The field separator is the character after the first header field,
/// the sub-field separator the one in its brackets (<c>MDSTRUCTURE[;]</c>). Every problem is collected with its row
/// and column; the file is refused as a whole when there is any.
/// </summary>
public static partial class MetadataCsvReader
{
    private static readonly string[] Fixed = ["MDSTRUCTURE", "MDSTRUCTURE_ID", "MDSTRUCTURE_NAME", "METADATASET_ID", "METADATASET_NAME", "ACTION", "TARGET_TYPES", "TARGET_IDS", "TARGET_NAMES"];

    /// <summary>Reads every set of the message; <paramref name="defaultLang"/> is the language of non-localised values.</summary>
    /// <exception cref="MetadataFileException">The file is not SDMX-CSV 2.0 metadata, or rows break its rules.</exception>
    public static IReadOnlyList<ParsedMetadataSet> Read(Stream input, string defaultLang = "en")
    {
        ArgumentNullException.ThrowIfNull(input);
        string text;
        try
        {
            using var reader = new StreamReader(input, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException e)
        {
            throw new MetadataFileException($"the file is not UTF-8 text: {e.Message}", e);
        }

        var first = FirstField().Match(text);
        if (!first.Success)
        {
            throw new MetadataFileException([new MetadataFileError(1, "MDSTRUCTURE", "the first header field must be MDSTRUCTURE (optionally MDSTRUCTURE[;]): this is not an SDMX-CSV 2.0 metadata file")]);
        }

        var subSeparator = first.Groups["sub"].Success ? first.Groups["sub"].Value[0] : ';';
        var delimiter = first.Groups["delimiter"].Success ? first.Groups["delimiter"].Value : ",";
        var errors = new List<MetadataFileError>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            Mode = CsvMode.RFC4180,
            IgnoreBlankLines = true,
            BadDataFound = args => errors.Add(new MetadataFileError(args.Context.Parser!.Row, "", $"malformed CSV field {args.Field}: a quote inside an unquoted field, or an unclosed quote")),
        };
        using var parser = new CsvParser(new StringReader(text), configuration);
        if (!parser.Read())
        {
            throw new MetadataFileException("the file is empty");
        }

        var header = parser.Record!.Select(h => h.Trim()).ToArray();
        var columns = ParseHeader(header, subSeparator, errors);
        var sets = new List<ParsedMetadataSet>();
        while (parser.Read())
        {
            var row = parser.Row;
            var record = parser.Record!;
            if (record.Length == 1 && string.IsNullOrWhiteSpace(record[0]))
            {
                continue;
            }

            if (record.Length != header.Length)
            {
                errors.Add(new MetadataFileError(row, header.Length > record.Length ? header[Math.Min(record.Length, header.Length - 1)] : "", $"the row has {record.Length} fields, the header {header.Length}"));
                continue;
            }

            sets.Add(ReadRow(row, record, header, columns, subSeparator, defaultLang, errors));
        }

        if (errors.Count > 0)
        {
            throw new MetadataFileException(errors);
        }

        return sets;
    }

    private sealed record AttributeColumn(string Path, bool Multiple, IReadOnlyList<string>? Langs);

    private static Dictionary<int, AttributeColumn> ParseHeader(string[] header, char sub, List<MetadataFileError> errors)
    {
        var columns = new Dictionary<int, AttributeColumn>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            // labels=both gives "ID: Name"; the id is what counts.
            var field = i == 0 ? "MDSTRUCTURE" : header[i].Split(": ", 2)[0];
            if (!seen.Add(field))
            {
                errors.Add(new MetadataFileError(1, field, "the column appears twice in the header"));
            }

            if (Fixed.Contains(field, StringComparer.Ordinal))
            {
                continue;
            }

            var match = AttributeHeader().Match(field);
            if (!match.Success)
            {
                errors.Add(new MetadataFileError(1, field, "is neither a fixed SDMX-CSV column nor a metadata attribute (PARENT.CHILD, with [] for multiple instances and [en;es] for languages)"));
                continue;
            }

            var path = string.Join('.', match.Groups["path"].Value.Split('.').Select(p => p.Replace("[]", "", StringComparison.Ordinal)));
            var langs = match.Groups["langs"].Success ? match.Groups["langs"].Value.Split(sub, StringSplitOptions.RemoveEmptyEntries) : null;
            columns[i] = new AttributeColumn(path, match.Groups["multi"].Success, langs);
        }

        foreach (var required in new[] { "MDSTRUCTURE_ID", "METADATASET_ID", "TARGET_TYPES", "TARGET_IDS" })
        {
            if (!header.Any(h => h.Split(": ", 2)[0] == required))
            {
                errors.Add(new MetadataFileError(1, required, "the required column is missing from the header"));
            }
        }

        return columns;
    }

    private static ParsedMetadataSet ReadRow(int row, string[] record, string[] header, Dictionary<int, AttributeColumn> columns, char sub, string defaultLang, List<MetadataFileError> errors)
    {
        string? Cell(string name)
        {
            var index = Array.FindIndex(header, h => h.Split(": ", 2)[0] == name);
            return index < 0 || string.IsNullOrWhiteSpace(record[index]) ? null : record[index].Split(": ", 2)[0].Trim();
        }

        var kind = record[0].Trim();
        if (!string.Equals(kind, "metadataflow", StringComparison.OrdinalIgnoreCase) && !string.Equals(kind, "metadataprovision", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new MetadataFileError(row, "MDSTRUCTURE", $"'{kind}' must be metadataflow or metadataprovision"));
        }

        var (setAgency, setId, setVersion) = SetOf(row, Cell("METADATASET_ID"), errors);
        var action = Cell("ACTION") ?? "I";
        if (action is not ("I" or "A" or "R" or "D"))
        {
            errors.Add(new MetadataFileError(row, "ACTION", $"'{action}' is not an action: I (information), A (append), R (replace) or D (delete)"));
        }

        var types = (Cell("TARGET_TYPES") ?? "").Split(sub, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ids = (Cell("TARGET_IDS") ?? "").Split(sub, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            errors.Add(new MetadataFileError(row, "TARGET_IDS", "the metadataset has no target: name the indicator or series code (and the area) it describes"));
        }
        else if (types.Length != ids.Length)
        {
            errors.Add(new MetadataFileError(row, "TARGET_TYPES", $"{types.Length} target types for {ids.Length} target ids"));
        }

        var parsed = new ParsedMetadataSet
        {
            Row = row,
            Metadataflow = Cell("MDSTRUCTURE_ID"),
            SetAgency = setAgency,
            SetId = setId,
            SetVersion = setVersion,
            Action = action,
            Targets = ids.Select((id, i) => (i < types.Length ? types[i] : "", id)).ToList(),
        };
        ReadValues(parsed, row, record, header, columns, sub, defaultLang, errors);
        return parsed;
    }

    /// <summary>The metadataset a row belongs to, <c>AGENCY:ID</c> or <c>AGENCY:ID(VERSION)</c>.</summary>
    private static (string? Agency, string? Id, string? Version) SetOf(int row, string? set, List<MetadataFileError> errors)
    {
        if (set is null)
        {
            errors.Add(new MetadataFileError(row, "METADATASET_ID", "the metadataset id is required"));
            return (null, null, null);
        }

        var match = SetReference().Match(set);
        if (!match.Success)
        {
            errors.Add(new MetadataFileError(row, "METADATASET_ID", $"'{set}' is not AGENCY:ID or AGENCY:ID(VERSION)"));
            return (null, null, null);
        }

        return (match.Groups["agency"].Value, match.Groups["id"].Value, match.Groups["version"].Success ? match.Groups["version"].Value : null);
    }

    /// <summary>The row's attribute cells as values: one per instance (a repeatable attribute) and per language.</summary>
    private static void ReadValues(ParsedMetadataSet parsed, int row, string[] record, string[] header, Dictionary<int, AttributeColumn> columns, char sub, string defaultLang, List<MetadataFileError> errors)
    {
        foreach (var (index, column) in columns)
        {
            var cell = record[index];
            if (string.IsNullOrWhiteSpace(cell))
            {
                continue;
            }

            parsed.ColumnOf.TryAdd(column.Path, header[index]);
            var instances = column.Multiple ? SplitInstances(cell, sub) : [cell];
            foreach (var instance in instances)
            {
                if (column.Langs is null)
                {
                    parsed.Values.Add((column.Path, defaultLang, instance));
                    continue;
                }

                foreach (var (lang, value, error) in SplitLanguages(instance, sub, column.Langs))
                {
                    if (error is not null)
                    {
                        errors.Add(new MetadataFileError(row, header[index], error));
                    }
                    else
                    {
                        parsed.Values.Add((column.Path, lang, value));
                    }
                }
            }
        }
    }

    /// <summary>Instances of a multi-instance value: separated by the sub-field separator, each optionally quoted.</summary>
    private static List<string> SplitInstances(string cell, char sub)
    {
        var instances = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < cell.Length; i++)
        {
            var c = cell[i];
            if (c == '"' && quoted && i + 1 < cell.Length && cell[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"' && (quoted || current.Length == 0))
            {
                quoted = !quoted;
            }
            else if (c == sub && !quoted)
            {
                instances.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        instances.Add(current.ToString());
        return instances.Where(i => i.Length > 0).ToList();
    }

    /// <summary>
    /// <c>en:Text;es:Texto</c>: the separator counts only where a declared language and a colon follow it, so a
    /// value may itself hold the separator (an XHTML entity such as <c>&amp;amp;</c> does).
    /// </summary>
    private static IEnumerable<(string Lang, string Value, string? Error)> SplitLanguages(string instance, char sub, IReadOnlyList<string> langs)
    {
        var starts = new List<(int At, string Lang)>();
        for (var i = 0; i < instance.Length; i++)
        {
            if (i > 0 && instance[i - 1] != sub)
            {
                continue;
            }

            foreach (var lang in langs)
            {
                if (string.CompareOrdinal(instance, i, lang + ":", 0, lang.Length + 1) == 0)
                {
                    starts.Add((i, lang));
                    break;
                }
            }
        }

        if (starts.Count == 0 || starts[0].At != 0)
        {
            yield return ("", "", $"a localised value must start with one of its languages ({string.Join(", ", langs)}) and a colon, e.g. {langs[0]}:text");
            yield break;
        }

        for (var k = 0; k < starts.Count; k++)
        {
            var from = starts[k].At + starts[k].Lang.Length + 1;
            var to = k + 1 < starts.Count ? starts[k + 1].At - 1 : instance.Length;
            yield return (starts[k].Lang, instance[from..to], null);
        }
    }

    [GeneratedRegex(@"^\uFEFF?""?MDSTRUCTURE(?:\[(?<sub>[^\]])\])?""?(?<delimiter>[,;\t|])?", RegexOptions.CultureInvariant)]
    private static partial Regex FirstField();

    [GeneratedRegex(@"^(?<path>[A-Za-z][A-Za-z0-9_@$\-]*(?:\[\])??(?:\.[A-Za-z][A-Za-z0-9_@$\-]*(?:\[\])??)*?)(?<multi>\[\])?(?:\[(?<langs>[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?(?:[^\]A-Za-z0-9][A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)*)\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex AttributeHeader();

    [GeneratedRegex(@"^(?<agency>[A-Za-z][A-Za-z0-9_\-]*(?:\.[A-Za-z][A-Za-z0-9_\-]*)*):(?<id>[A-Za-z0-9_@$\-]+)(?:\((?<version>[0-9]+(?:\.[0-9]+)*(?:-[A-Za-z0-9]+)?)\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex SetReference();
}
