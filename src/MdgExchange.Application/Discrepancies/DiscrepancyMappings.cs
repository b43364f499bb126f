using MdgExchange.Domain.Discrepancies;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;

namespace MdgExchange.Application.Discrepancies;

/// <summary>
/// Series-code mappings and area aliases, registered as ordinary codelists so that they are versioned, imported and
/// exported like every other structure:
/// <list type="bullet">
/// <item>a codelist whose id starts with <c>CL_SERIES_MAP</c>: each code is a national series code, its annotation of
/// type <c>MDGX_GLOBAL_SERIES</c> names the global series (title), and an annotation of type <c>MDGX_PROXY</c> marks a
/// national proxy;</item>
/// <item>a codelist whose id starts with <c>CL_AREA_ALIAS</c>: each code is an alias (ISO alpha-2 or alpha-3, a
/// national code), its annotation of type <c>MDGX_AREA</c> names the M49 area (title).</item>
/// </list>
/// </summary>
public sealed class DiscrepancyMappings(IStructureStore store)
{
    public const string GlobalSeriesAnnotation = "MDGX_GLOBAL_SERIES";
    public const string ProxyAnnotation = "MDGX_PROXY";
    public const string AreaAnnotation = "MDGX_AREA";

    public async Task<(IReadOnlyList<SeriesMapping> Series, IReadOnlyDictionary<string, string> Areas)> LoadAsync(CancellationToken cancellationToken)
    {
        var series = new List<SeriesMapping>();
        var areas = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var summary in await store.ListAsync(ArtefactType.Codelist, null, cancellationToken))
        {
            var id = summary.Ref.Id;
            if (!id.StartsWith("CL_SERIES_MAP", StringComparison.Ordinal) && !id.StartsWith("CL_AREA_ALIAS", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var code in await store.GetCodesAsync(summary.Ref, cancellationToken))
            {
                if (code.Annotations.FirstOrDefault(a => a.Type == GlobalSeriesAnnotation)?.Title is { Length: > 0 } global)
                {
                    series.Add(new SeriesMapping(code.Id, global, code.Annotations.Any(a => a.Type == ProxyAnnotation)));
                }

                if (code.Annotations.FirstOrDefault(a => a.Type == AreaAnnotation)?.Title is { Length: > 0 } area)
                {
                    areas.TryAdd(code.Id, area);
                }
            }
        }

        return (series, areas);
    }
}
