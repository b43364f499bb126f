using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MdgExchange.Sdmx.Metadata;

/// <summary>
/// Reads the indicator metadata pages national reporting platforms built on Open SDG publish: Markdown with YAML
/// front matter (<c>---</c> … <c>---</c>), one file per indicator and language. The Open SDG fields are mapped to the
/// concepts of the SDG MSD (<see cref="FieldConcepts"/>); fields that are the MSD's own concept ids (newer Open SDG
/// sites use them) are taken as they are; the Markdown body is the indicator information. The indicator comes from
/// <c>indicator_number</c> (or <c>indicator</c>), else from the file name (<c>3-2-1.md</c>). Fields that carry no
/// metadata concept (display settings, translation keys) are listed in <see cref="ParsedMetadataSet.Ignored"/>.
/// </summary>
public static partial class OpenSdgMetadataReader
{
    /// <summary>Open SDG metadata fields → SDG MSD concepts. Numbered source fields (<c>source_organisation_2</c>) map by their stem.</summary>
    public static IReadOnlyDictionary<string, string> FieldConcepts { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["indicator_definition"] = "STAT_CONC_DEF",
        ["national_indicator_description"] = "STAT_CONC_DEF",
        ["computation_definitions"] = "STAT_CONC_DEF",
        ["computation_units"] = "UNIT_MEASURE",
        ["computation_calculations"] = "DATA_COMP",
        ["national_geographical_coverage"] = "COVERAGE",
        ["source_geographical_coverage"] = "COVERAGE",
        ["source_organisation"] = "DATA_SOURCE",
        ["source_data_source"] = "SOURCE_TYPE",
        ["source_statistical_classification"] = "CLASS_SYSTEM",
        ["source_periodicity"] = "FREQ_COLL",
        ["source_next_release"] = "REL_CAL_POLICY",
        ["source_release_date"] = "REL_CAL_POLICY",
        ["source_contact"] = "CONTACT",
        ["source_url"] = "OTHER_DOC",
        ["source_other_info"] = "OTHER_METHOD",
        ["source_earliest_available"] = "COVERAGE",
        ["other_info"] = "OTHER_METHOD",
        ["goal_meta_link"] = "OTHER_DOC",
        ["un_custodian_agency"] = "SDG_CUSTODIAN_AGENCIES",
        ["quality_assurance"] = "QUALITY_ASSURE",
        ["international_comparability"] = "COMPARABILITY",
        ["comments_limitations"] = "REC_USE_LIM",
        ["rationale_interpretation"] = "RATIONALE",
        ["rational_interpretation"] = "RATIONALE",
        ["sdg_goal"] = "SDG_GOAL",
        ["target_id"] = "SDG_TARGET",
        ["indicator_number"] = "SDG_INDICATOR",
    };

    /// <summary>The concept the Markdown body is stored under.</summary>
    public const string BodyConcept = "SDG_INDICATOR_INFO";

    /// <summary>Reads one page; <paramref name="fileName"/> gives the indicator when the front matter does not.</summary>
    /// <exception cref="MetadataFileException">No front matter, invalid YAML (with its line), or no indicator.</exception>
    public static ParsedMetadataSet Read(Stream input, string? fileName, string lang = "en")
    {
        ArgumentNullException.ThrowIfNull(input);
        string text;
        try
        {
            using var reader = new StreamReader(input, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            text = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        catch (DecoderFallbackException e)
        {
            throw new MetadataFileException($"the file is not UTF-8 text: {e.Message}", e);
        }

        var match = FrontMatter().Match(text);
        if (!match.Success)
        {
            throw new MetadataFileException([new MetadataFileError(1, "front matter", "an Open SDG metadata page starts with YAML front matter between two '---' lines")]);
        }

        var fields = ParseYaml(match.Groups["yaml"].Value);
        var body = match.Groups["body"].Value.Trim();
        var values = new List<(string, string, string)>();
        var columnOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var ignored = new List<string>();
        foreach (var (field, value) in fields)
        {
            var stem = NumberedField().Match(field) is { Success: true } numbered ? numbered.Groups["stem"].Value : field;
            var concept = FieldConcepts.GetValueOrDefault(stem) ?? (IsMsdConceptId(field) ? field : null);
            if (concept is null || string.IsNullOrWhiteSpace(value) || TranslationKey().IsMatch(value))
            {
                ignored.Add(field);
                continue;
            }

            values.Add((concept, lang, value.Trim()));
            columnOf.TryAdd(concept, field);
        }

        if (body.Length > 0)
        {
            values.Add((BodyConcept, lang, body));
            columnOf.TryAdd(BodyConcept, "body");
        }

        var indicator = fields.FirstOrDefault(f => f.Field == "indicator_number").Value ?? fields.FirstOrDefault(f => f.Field == "indicator").Value;
        if (string.IsNullOrWhiteSpace(indicator) && fileName is not null && FileIndicator().Match(Path.GetFileNameWithoutExtension(fileName)) is { Success: true } fromName)
        {
            indicator = fromName.Groups["code"].Value.Replace('-', '.');
        }

        if (string.IsNullOrWhiteSpace(indicator))
        {
            throw new MetadataFileException([new MetadataFileError(1, "indicator_number", "the page names no indicator: set indicator_number in the front matter, or name the file after it (3-2-1.md)")]);
        }

        return new ParsedMetadataSet { Indicator = indicator.Trim(), Values = values, ColumnOf = columnOf, Ignored = ignored };
    }

    private static bool IsMsdConceptId(string field) => field.Length > 1 && field.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');

    private static List<(string Field, string? Value)> ParseYaml(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // Line 1 of the YAML is line 2 of the file, after the opening '---'.
            throw new MetadataFileException([new MetadataFileError((int)e.Start.Line + 1, "front matter", $"invalid YAML: {e.Message}")]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new MetadataFileException([new MetadataFileError(2, "front matter", "the front matter must be a YAML mapping of field: value")]);
        }

        return root.Children.Select(c => ((c.Key as YamlScalarNode)?.Value ?? "", Scalar(c.Value))).ToList();
    }

    private static string? Scalar(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value,
        YamlSequenceNode sequence => string.Join("\n", sequence.Children.Select(Scalar).Where(v => !string.IsNullOrWhiteSpace(v))),
        _ => null, // nested mappings are display settings, not metadata
    };

    [GeneratedRegex(@"\A\uFEFF?---[ \t]*\n(?<yaml>.*?)\n---[ \t]*(?:\n(?<body>.*))?\z", RegexOptions.Singleline)]
    private static partial Regex FrontMatter();

    [GeneratedRegex(@"^(?<stem>[a-z_]+?)_[0-9]+$")]
    private static partial Regex NumberedField();

    [GeneratedRegex(@"^[a-z_]+\.[0-9a-z\-]+-title$")]
    private static partial Regex TranslationKey();

    [GeneratedRegex(@"(?<code>[0-9]{1,2}-[0-9a-z]{1,2}-[0-9a-z]{1,2})$")]
    private static partial Regex FileIndicator();
}
