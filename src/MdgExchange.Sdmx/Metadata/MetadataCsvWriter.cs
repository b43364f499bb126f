using System.Text;

namespace MdgExchange.Sdmx.Metadata;

/// <summary>One metadataset to write: its flow, set, action, targets and values (concept path, language, text).</summary>
public sealed record MetadataSetToWrite(
    string Metadataflow,
    string SetAgency,
    string SetId,
    string? SetVersion,
    IReadOnlyList<(string Type, string Id)> Targets,
    IReadOnlyList<(string Concept, string Lang, string Text)> Values,
    IReadOnlyDictionary<string, string>? Custom = null);

/// <summary>
/// Writes SDMX-CSV 2.0 reference metadata: one row per metadataset, one column per metadata attribute in the
/// order given (the MSD's), each localised column declaring its languages (<c>STAT_CONC_DEF[en;es]</c>) and a
/// concept that occurs several times in a set marked multi-instance (<c>[]</c>). Custom columns follow the attributes.
/// </summary>
public static class MetadataCsvWriter
{
    private const char Sub = ';';

    public static void Write(TextWriter output, IReadOnlyList<string> attributeOrder, IReadOnlyList<MetadataSetToWrite> sets, IReadOnlyList<string>? customColumns = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(attributeOrder);
        ArgumentNullException.ThrowIfNull(sets);
        customColumns ??= [];
        var used = sets.SelectMany(s => s.Values.Select(v => v.Concept)).ToHashSet(StringComparer.Ordinal);
        var concepts = attributeOrder.Where(used.Contains).Concat(used.Except(attributeOrder).Order(StringComparer.Ordinal)).ToList();
        var langs = concepts.ToDictionary(c => c, c => sets.SelectMany(s => s.Values).Where(v => v.Concept == c).Select(v => v.Lang).Distinct().Order(StringComparer.Ordinal).ToList());
        var multiple = concepts.ToHashSet(StringComparer.Ordinal);
        multiple.RemoveWhere(c => !sets.Any(s => s.Values.Where(v => v.Concept == c).GroupBy(v => v.Lang).Any(g => g.Count() > 1)));

        var header = new List<string> { $"MDSTRUCTURE[{Sub}]", "MDSTRUCTURE_ID", "METADATASET_ID", "ACTION", "TARGET_TYPES", "TARGET_IDS" };
        header.AddRange(concepts.Select(c => c + (multiple.Contains(c) ? "[]" : "") + $"[{string.Join(Sub, langs[c])}]"));
        header.AddRange(customColumns);
        output.Write(string.Join(',', header) + "\r\n");
        foreach (var set in sets)
        {
            var row = new List<string>
            {
                "metadataflow",
                set.Metadataflow,
                set.SetVersion is null ? $"{set.SetAgency}:{set.SetId}" : $"{set.SetAgency}:{set.SetId}({set.SetVersion})",
                "I",
                string.Join(Sub, set.Targets.Select(t => t.Type)),
                string.Join(Sub, set.Targets.Select(t => t.Id)),
            };
            foreach (var concept in concepts)
            {
                var values = set.Values.Where(v => v.Concept == concept).ToList();
                if (!multiple.Contains(concept))
                {
                    row.Add(string.Join(Sub, values.Select(v => $"{v.Lang}:{v.Text}")));
                    continue;
                }

                // Instance k gathers the k-th value of each language; each instance quoted, quotes doubled.
                var byLang = values.GroupBy(v => v.Lang).Select(g => g.ToList()).ToList();
                var count = byLang.Max(g => g.Count);
                var instances = Enumerable.Range(0, count).Select(k => string.Join(Sub, byLang.Where(g => k < g.Count).Select(g => $"{g[k].Lang}:{g[k].Text}")));
                row.Add(string.Join(Sub, instances.Select(i => "\"" + i.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
            }

            row.AddRange(customColumns.Select(c => set.Custom?.GetValueOrDefault(c) ?? ""));
            WriteRow(output, row);
        }
    }

    private static void WriteRow(TextWriter output, IEnumerable<string> fields)
    {
        var line = new StringBuilder();
        foreach (var field in fields)
        {
            if (line.Length > 0)
            {
                line.Append(',');
            }

            // Every textual value quoted, as the field guide asks; quotes doubled.
            line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        output.Write(line.Append("\r\n").ToString());
    }
}
