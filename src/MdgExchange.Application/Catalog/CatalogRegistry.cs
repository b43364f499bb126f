using MdgExchange.Domain.Catalog;
using MdgExchange.Domain.Structure;
using MdgExchange.Application.Reports;
using MdgExchange.Application.Seed;
using MdgExchange.Storage;

namespace MdgExchange.Application.Catalog;

/// <summary>An SDG indicator of the framework codelist: official notation and names.</summary>
public sealed record FrameworkIndicator(string Notation, BilingualName Name);

/// <summary>What the catalogue reads from the structure registry: countries, the SDG framework, series, area codelists.</summary>
public sealed class CatalogRegistry(IStructureStore store)
{
    public static readonly ArtefactRef Areas = new(ArtefactType.Codelist, "IAEG-SDGs", "CL_AREA", "1.0");
    public static readonly ArtefactRef Series = new(ArtefactType.Codelist, "IAEG-SDGs", "CL_SERIES", "1.0");

    // CL_SERIES codes carry the indicator they measure in an annotation titled "Indicator" (text "3.2.1", or several).
    private const string SeriesIndicatorTitle = "Indicator";

    public async Task<CatalogReferences> ReferencesAsync(IEnumerable<string> areaCodelists, CancellationToken cancellationToken)
    {
        var countries = await CountriesAsync(cancellationToken);
        var indicators = (await FrameworkAsync(cancellationToken)).ToDictionary(i => i.Notation, i => i.Name, StringComparer.Ordinal);
        var series = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var code in await store.GetCodesAsync(Series, cancellationToken))
        {
            series[code.Id] = code.Annotations.Where(a => a.Title == SeriesIndicatorTitle)
                .SelectMany(a => a.Texts.Select(t => t.Text))
                .SelectMany(t => t.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Distinct(StringComparer.Ordinal).ToList();
        }

        return new CatalogReferences(countries, indicators, series, await HierarchiesAsync(areaCodelists, cancellationToken));
    }

    /// <summary>The areas of <c>IAEG-SDGs:CL_AREA(1.0)</c> by M49 code; Spanish names from the shipped iso-codes names when the codelist has none.</summary>
    public async Task<IReadOnlyDictionary<string, BilingualName>> CountriesAsync(CancellationToken cancellationToken) =>
        (await store.GetCodesAsync(Areas, cancellationToken)).ToDictionary(c => c.Id, c => new BilingualName(c.NameIn("en"), ReportNameRegistry.AreaName(c, "es")), StringComparer.Ordinal);

    /// <summary>The area and organisation names the report shows, in <paramref name="lang"/>.</summary>
    public Task<ReportNames> NamesAsync(string lang, CancellationToken cancellationToken) => new ReportNameRegistry(store).LoadAsync(lang, cancellationToken);

    /// <summary>The indicators of <c>MDGX:CL_FRAMEWORK_SDG(1.0)</c> in framework order.</summary>
    public async Task<IReadOnlyList<FrameworkIndicator>> FrameworkAsync(CancellationToken cancellationToken) =>
        (await store.GetCodesAsync(SeedArtefacts.SdgFramework, cancellationToken))
            .Where(c => c.Annotations.Any(a => a.Type == SeedArtefacts.LevelAnnotation && a.Title == "INDICATOR"))
            .Select(c => new FrameworkIndicator(c.Annotations.FirstOrDefault(a => a.Type == SeedArtefacts.NotationAnnotation)?.Title ?? c.Id.Replace('-', '.'), Name(c)))
            .ToList();

    /// <summary>The area codelists that exist among those named, by <c>AGENCY:ID(VERSION)</c>.</summary>
    public async Task<IReadOnlyDictionary<string, AreaHierarchy>> HierarchiesAsync(IEnumerable<string> codelists, CancellationToken cancellationToken)
    {
        var hierarchies = new Dictionary<string, AreaHierarchy>(StringComparer.Ordinal);
        foreach (var name in codelists.Distinct(StringComparer.Ordinal))
        {
            if (ArtefactRef.TryParse(name, ArtefactType.Codelist, out var reference, out _) && await store.GetAsync(reference, cancellationToken) is { Artefact: Codelist list })
            {
                hierarchies[name] = new AreaHierarchy(name, list.Items.Select(c => (c.Id, c.ParentId)));
            }
        }

        return hierarchies;
    }

    private static BilingualName Name(Code code) => new(code.NameIn("en"), code.Names.FirstOrDefault(n => n.Lang == "es")?.Text);
}
