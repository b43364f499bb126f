using System.Globalization;
using System.Reflection;
using CsvHelper;
using MdgExchange.Domain.Discrepancies;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Ml;
using YamlDotNet.RepresentationModel;

namespace MdgExchange.Application.Seed;

/// <summary>
/// The artefacts a fresh install starts with: the real SDG DSD file (concept scheme and 20 codelists),
/// a default dataflow on it, the SDG and MDG indicator frameworks, the discrepancy typology, and the real SDG
/// metadata structure (SDMX-ML 3.0) with its concept scheme and a metadataflow for indicator metadata.
/// </summary>
public static class SeedArtefacts
{
    /// <summary>The agency that maintains the artefacts MdgExchange defines itself.</summary>
    public const string Agency = "MDGX";

    public static readonly ArtefactRef SdgDsd = new(ArtefactType.DataStructure, "IAEG-SDGs", "SDG", "1.0");
    public static readonly ArtefactRef SdgDataflow = new(ArtefactType.Dataflow, Agency, "DF_SDG", "1.0");
    public static readonly ArtefactRef SdgFramework = new(ArtefactType.Codelist, Agency, "CL_FRAMEWORK_SDG", "1.0");
    public static readonly ArtefactRef MdgFramework = new(ArtefactType.Codelist, Agency, "CL_FRAMEWORK_MDG", "1.0");
    public static readonly ArtefactRef Typology = new(ArtefactType.Codelist, Agency, DiscrepancyTypology.CodelistId, "1.0");
    public static readonly ArtefactRef SdgMsd = new(ArtefactType.MetadataStructure, "IAEG-SDGs", "SDG_MSD", "1.0");
    public static readonly ArtefactRef SdgMetadataflow = new(ArtefactType.Metadataflow, Agency, "MDF_SDG", "1.0");

    /// <summary>Annotation type that says whether a framework code is a goal, a target or an indicator.</summary>
    public const string LevelAnnotation = "FRAMEWORK_LEVEL";

    /// <summary>Annotation type that carries the official dotted notation (1.1.1, 8.F).</summary>
    public const string NotationAnnotation = "NOTATION";

    /// <summary>Annotation type listing every target an indicator serves, when it serves several.</summary>
    public const string TargetsAnnotation = "TARGETS";

    public static IReadOnlyList<MaintainableArtefact> Load()
    {
        using var dsdFile = Open("IAEG-SDGs_SDG_DSD_v1.0_full.xml");
        var artefacts = new List<MaintainableArtefact>(StructureReader.Read(dsdFile).Artefacts)
        {
            new Dataflow
            {
                AgencyId = Agency,
                Id = SdgDataflow.Id,
                Version = SdgDataflow.Version,
                IsFinal = true,
                Names = [new("en", "SDG indicators, national and international"), new("es", "Indicadores ODS, nacionales e internacionales")],
                Descriptions = [new("en", "National (REPORTING_TYPE=N) and international (G) SDG series exchanged through MdgExchange.")],
                Structure = SdgDsd,
            },
            SdgFrameworkCodelist(),
            MdgFrameworkCodelist(),
            TypologyCodelist(),
            SdgMetadataConcepts.Build(),
            new Metadataflow
            {
                AgencyId = Agency,
                Id = SdgMetadataflow.Id,
                Version = SdgMetadataflow.Version,
                IsFinal = true,
                Names = [new("en", "SDG indicator metadata, national and international"), new("es", "Metadatos de los indicadores ODS, nacionales e internacionales")],
                Descriptions = [new("en", "Reference metadata on the SDG MSD for indicators and series, by national providers and international agencies.")],
                Structure = SdgMsd,
            },
        };
        using var msdFile = Open("IAEG-SDGs_SDG_MSD_v1.0.xml");
        artefacts.AddRange(StructureReader.Read(msdFile).Artefacts);
        return artefacts;
    }

    private static Codelist SdgFrameworkCodelist()
    {
        var list = new Codelist
        {
            AgencyId = Agency,
            Id = SdgFramework.Id,
            Version = SdgFramework.Version,
            IsFinal = true,
            Names = [new("en", "SDG framework: goals, targets and indicators"), new("es", "Marco de los ODS: objetivos, metas e indicadores")],
            Descriptions = [new("en", "Codes are the Open SDG dashed notation (1, 1-1, 1-1-1); the NOTATION annotation gives the official one.")],
        };
        var goals = (En: ReadYaml("sdg_global_goals_en.yml"), Es: ReadYaml("sdg_global_goals_es.yml"));
        var targets = (En: ReadYaml("sdg_global_targets_en.yml"), Es: ReadYaml("sdg_global_targets_es.yml"));
        var indicators = (En: ReadYaml("sdg_global_indicators_en.yml"), Es: ReadYaml("sdg_global_indicators_es.yml"));

        foreach (var goal in Keys(goals.En).OrderBy(SortKey))
        {
            list.Items.Add(FrameworkCode(goal, null, "GOAL", goals.En[$"{goal}-title"], goals.Es.GetValueOrDefault($"{goal}-title")));
            foreach (var target in Keys(targets.En).Where(t => Parent(t) == goal).OrderBy(SortKey))
            {
                list.Items.Add(FrameworkCode(target, goal, "TARGET", targets.En[$"{target}-title"], targets.Es.GetValueOrDefault($"{target}-title")));
                foreach (var indicator in Keys(indicators.En).Where(i => Parent(i) == target).OrderBy(SortKey))
                {
                    list.Items.Add(FrameworkCode(indicator, target, "INDICATOR", indicators.En[$"{indicator}-title"], indicators.Es.GetValueOrDefault($"{indicator}-title")));
                }
            }
        }

        return list;
    }

    private static Codelist MdgFrameworkCodelist()
    {
        var list = new Codelist
        {
            AgencyId = Agency,
            Id = MdgFramework.Id,
            Version = MdgFramework.Version,
            IsFinal = true,
            Names = [new("en", "MDG framework (official list of 15 January 2008): goals, targets and indicators"), new("es", "Marco de los ODM (lista oficial del 15 de enero de 2008): objetivos, metas e indicadores")],
            Descriptions = [new("en", "Codes replace the dots of the official notation with dashes (1, 1-A, 1-1); the NOTATION annotation gives the official one.")],
        };
        using var stream = Open("mdg_official_list_2008.csv");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var seen = new HashSet<string>();
        while (csv.Read())
        {
            var goal = csv.GetField("goal")!;
            // Some indicators serve several targets ("7.A;7.B", titles separated by " | "): every target
            // becomes a code, the indicator hangs under the first and lists all of them in an annotation.
            var targets = csv.GetField("targets")!.Split(';').Select(t => t.Trim().Replace('.', '-')).ToList();
            var targetTitles = csv.GetField("target_titles")!.Split(" | ");
            var indicator = csv.GetField("indicator")!.Replace('.', '-');
            if (seen.Add(goal))
            {
                list.Items.Add(FrameworkCode(goal, null, "GOAL", csv.GetField("goal_title")!, null));
            }

            for (var i = 0; i < targets.Count; i++)
            {
                if (seen.Add(targets[i]))
                {
                    list.Items.Add(FrameworkCode(targets[i], goal, "TARGET", targetTitles[Math.Min(i, targetTitles.Length - 1)], null));
                }
            }

            if (seen.Add(indicator))
            {
                var code = FrameworkCode(indicator, targets[0], "INDICATOR", csv.GetField("indicator_title")!, null);
                if (targets.Count > 1)
                {
                    code.Annotations.Add(new Annotation { Type = TargetsAnnotation, Title = string.Join(';', targets.Select(t => t.Replace('-', '.'))) });
                }

                list.Items.Add(code);
            }
        }

        return list;
    }

    private static Codelist TypologyCodelist() => new()
    {
        AgencyId = Agency,
        Id = Typology.Id,
        Version = Typology.Version,
        IsFinal = true,
        Names = [new("en", "Typology of discrepancies between national and international data"), new("es", "Tipología de discrepancias entre datos nacionales e internacionales")],
        Items = DiscrepancyTypology.All.Select(t => new Code
        {
            Id = t.Code,
            Names = [new("en", t.NameEn), new("es", t.NameEs)],
            Descriptions = [new("en", $"Evidence: {t.EvidenceEn}"), new("es", $"Evidencia: {t.EvidenceEs}")],
        }).ToList(),
    };

    private static Code FrameworkCode(string id, string? parent, string level, string en, string? es)
    {
        var code = new Code
        {
            Id = id,
            ParentId = parent,
            Names = es is null ? [new("en", Clean(en))] : [new("en", Clean(en)), new("es", Clean(es))],
            Annotations =
            [
                new Annotation { Type = LevelAnnotation, Title = level },
                new Annotation { Type = NotationAnnotation, Title = id.Replace('-', '.') },
            ],
        };
        return code;
    }

    private static string Clean(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static IEnumerable<string> Keys(Dictionary<string, string> yaml) =>
        yaml.Keys.Where(k => k.EndsWith("-title", StringComparison.Ordinal)).Select(k => k[..^"-title".Length]);

    private static string? Parent(string id) => id.Contains('-', StringComparison.Ordinal) ? id[..id.LastIndexOf('-')] : null;

    // Numeric parts sort numerically, letter parts (targets 1.a, 1.b) after the numbered ones.
    private static string SortKey(string id) =>
        string.Join('.', id.Split('-').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n.ToString("D4", CultureInfo.InvariantCulture) : "z" + p));

    private static Dictionary<string, string> ReadYaml(string name)
    {
        using var stream = Open(name);
        using var reader = new StreamReader(stream);
        var yaml = new YamlStream();
        yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return root.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value ?? "", c => (c.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal);
    }

    private static Stream Open(string fileName) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream($"datasets/{fileName}")
        ?? throw new InvalidOperationException($"The embedded seed file datasets/{fileName} is missing from the server assembly.");
}
