using System.Text.RegularExpressions;
using MdgExchange.Domain.Metadata;
using MdgExchange.Domain.Structure;
using MdgExchange.Application.Seed;
using MdgExchange.Storage;

namespace MdgExchange.Application.Metadata;

/// <summary>What a report is about, once its targets are checked against the registry.</summary>
public sealed record ResolvedTarget(string Kind, string Code, string? RefArea);

/// <summary>
/// Resolves and checks what metadata reports target, against the registry: an indicator is a code of an indicator
/// framework codelist (<c>MDGX:CL_FRAMEWORK_SDG(1.0).3-2-1</c>, or <c>3.2.1</c> directly), a series a code of a
/// <c>CL_SERIES</c> codelist, an area a code of a <c>CL_AREA</c> codelist (the SDG one or a national extension with
/// subnational areas). Codes are read once per request.
/// </summary>
public sealed partial class MetadataTargets(IStructureStore store)
{
    public static readonly ArtefactRef SdgAreas = new(ArtefactType.Codelist, "IAEG-SDGs", "CL_AREA", "1.0");
    public static readonly ArtefactRef SdgSeries = new(ArtefactType.Codelist, "IAEG-SDGs", "CL_SERIES", "1.0");

    private readonly Dictionary<ArtefactRef, Dictionary<string, Code>?> _codes = [];
    private List<ArtefactRef>? _areaLists;

    /// <summary>The codes of a codelist by id, or null when the codelist does not exist.</summary>
    public async Task<IReadOnlyDictionary<string, Code>?> CodesAsync(ArtefactRef codelist, CancellationToken cancellationToken)
    {
        if (!_codes.TryGetValue(codelist, out var codes))
        {
            var list = await store.GetAsync(codelist, cancellationToken) is { Artefact: Codelist } ? await store.GetCodesAsync(codelist, cancellationToken) : null;
            codes = list?.ToDictionary(c => c.Id, StringComparer.Ordinal);
            _codes[codelist] = codes;
        }

        return codes;
    }

    public bool CodeExists(ArtefactRef codelist, string code) =>
        _codes.TryGetValue(codelist, out var codes) && codes is not null && codes.ContainsKey(code);

    /// <summary>Loads a codelist for <see cref="CodeExists"/>.</summary>
    public Task PreloadAsync(ArtefactRef codelist, CancellationToken cancellationToken) => CodesAsync(codelist, cancellationToken);

    /// <summary>Resolves SDMX-CSV targets (<c>code</c> + <c>AGENCY:CODELIST(VERSION).CODE</c> or a code URN).</summary>
    public async Task<ResolvedTarget?> ResolveAsync(IReadOnlyList<(string Type, string Id)> targets, string field, List<MetadataViolation> violations, CancellationToken cancellationToken)
    {
        string? kind = null, code = null, area = null;
        var before = violations.Count;
        foreach (var (type, id) in targets)
        {
            if (!string.Equals(type, "code", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(new(field, $"target '{id}' is of type '{type}'; reports here target codes (an indicator, a series, an area): type code"));
                continue;
            }

            if (ParseCodeReference(id) is not var (codelist, item))
            {
                violations.Add(new(field, $"target '{id}' is not a code reference AGENCY:CODELIST(VERSION).CODE or a code URN"));
                continue;
            }

            var codes = await CodesAsync(codelist, cancellationToken);
            if (codes is null)
            {
                violations.Add(new(field, $"target '{id}': codelist {codelist} is not in the registry"));
                continue;
            }

            if (!codes.TryGetValue(item, out var found))
            {
                violations.Add(new(field, $"target '{id}': {codelist} has no code '{item}'"));
                continue;
            }

            if (codelist.Id.StartsWith("CL_AREA", StringComparison.Ordinal))
            {
                area = area is null ? item : Duplicate(field, "area", violations, area);
            }
            else if (codelist.Id.StartsWith("CL_FRAMEWORK", StringComparison.Ordinal))
            {
                var level = found.Annotations.FirstOrDefault(a => a.Type == SeedArtefacts.LevelAnnotation)?.Title;
                if (level is not null and not "INDICATOR")
                {
                    violations.Add(new(field, $"target '{id}' is a {level.ToLowerInvariant()} of the framework, not an indicator"));
                    continue;
                }

                var notation = found.Annotations.FirstOrDefault(a => a.Type == SeedArtefacts.NotationAnnotation)?.Title ?? item.Replace('-', '.');
                (kind, code) = code is null ? (MetadataTargetKinds.Indicator, notation) : (kind, Duplicate(field, "indicator or series", violations, code));
            }
            else if (codelist.Id.StartsWith("CL_SERIES", StringComparison.Ordinal))
            {
                (kind, code) = code is null ? (MetadataTargetKinds.Series, item) : (kind, Duplicate(field, "indicator or series", violations, code));
            }
            else
            {
                violations.Add(new(field, $"target '{id}' is neither an indicator (a framework codelist, CL_FRAMEWORK_*), a series (CL_SERIES) nor an area (CL_AREA*)"));
            }
        }

        if (code is null && violations.Count == before)
        {
            violations.Add(new(field, "the report targets no indicator or series: name one (e.g. MDGX:CL_FRAMEWORK_SDG(1.0).3-2-1 or IAEG-SDGs:CL_SERIES(1.0).SH_DYN_MORT)"));
            return null;
        }

        return code is null ? null : new ResolvedTarget(kind!, code, area);
    }

    /// <summary>An indicator given directly (<c>3.2.1</c> or <c>3-2-1</c>): a code of the SDG framework, else of the MDG one.</summary>
    public async Task<string?> IndicatorAsync(string indicator, string field, List<MetadataViolation> violations, CancellationToken cancellationToken)
    {
        var dashed = indicator.Trim().Replace('.', '-');
        foreach (var framework in new[] { SeedArtefacts.SdgFramework, SeedArtefacts.MdgFramework })
        {
            if ((await CodesAsync(framework, cancellationToken))?.GetValueOrDefault(dashed) is { } code
                && code.Annotations.FirstOrDefault(a => a.Type == SeedArtefacts.LevelAnnotation)?.Title is null or "INDICATOR")
            {
                return code.Annotations.FirstOrDefault(a => a.Type == SeedArtefacts.NotationAnnotation)?.Title ?? dashed.Replace('-', '.');
            }
        }

        violations.Add(new(field, $"'{indicator}' is not an indicator of the SDG or MDG framework"));
        return null;
    }

    /// <summary>A series code given directly: a code of CL_SERIES.</summary>
    public async Task<string?> SeriesAsync(string series, string field, List<MetadataViolation> violations, CancellationToken cancellationToken)
    {
        if ((await CodesAsync(SdgSeries, cancellationToken))?.ContainsKey(series) == true)
        {
            return series;
        }

        violations.Add(new(field, $"'{series}' is not a series code of {SdgSeries}"));
        return null;
    }

    /// <summary>An area given directly: a code of CL_AREA or of a national area codelist (CL_AREA_*).</summary>
    public async Task<string?> AreaAsync(string area, string field, List<MetadataViolation> violations, CancellationToken cancellationToken)
    {
        if (await AreaCodelistAsync(area, cancellationToken) is not null)
        {
            return area;
        }

        violations.Add(new(field, $"'{area}' is not an area code of {SdgAreas} or of a national area codelist"));
        return null;
    }

    /// <summary>The codelist that holds an area code: the SDG one first, then the national ones; null when none does.</summary>
    public async Task<ArtefactRef?> AreaCodelistAsync(string area, CancellationToken cancellationToken)
    {
        _areaLists ??= (await store.ListAsync(ArtefactType.Codelist, null, cancellationToken)).Select(s => s.Ref).Where(r => r.Id.StartsWith("CL_AREA", StringComparison.Ordinal)).OrderBy(r => r == SdgAreas ? 0 : 1).ToList();
        foreach (var list in _areaLists)
        {
            if ((await CodesAsync(list, cancellationToken))?.ContainsKey(area) == true)
            {
                return list;
            }
        }

        return null;
    }

    private static string Duplicate(string field, string what, List<MetadataViolation> violations, string first)
    {
        violations.Add(new(field, $"the report names more than one {what}; one report describes one"));
        return first;
    }

    private static (ArtefactRef Codelist, string Code)? ParseCodeReference(string id)
    {
        var match = CodeReference().Match(id.Trim());
        return match.Success
            ? (new ArtefactRef(ArtefactType.Codelist, match.Groups["agency"].Value, match.Groups["list"].Value, match.Groups["version"].Value), match.Groups["code"].Value)
            : null;
    }

    [GeneratedRegex(@"^(?:urn:sdmx:org\.sdmx\.infomodel\.codelist\.Code=)?(?<agency>[A-Za-z][A-Za-z0-9_\-]*(?:\.[A-Za-z][A-Za-z0-9_\-]*)*):(?<list>[A-Za-z0-9_@$\-]+)\((?<version>[0-9]+(?:\.[0-9]+)*)\)\.(?<code>[A-Za-z0-9_@$\-]+)$")]
    private static partial Regex CodeReference();
}
