using System.Reflection;
using MdgExchange.Domain.Structure;
using MdgExchange.Application.Catalog;
using MdgExchange.Storage;

namespace MdgExchange.Application.Reports;

/// <summary>
/// Reads the names a report shows from the structure registry: areas from <c>IAEG-SDGs:CL_AREA(1.0)</c> (English only in
/// the UNSD file, so Spanish comes from <see cref="SpanishAreaNames"/>, English when it has none, as for regional
/// aggregates), organisations from every data provider scheme and agency scheme.
/// </summary>
public sealed class ReportNameRegistry(IStructureStore store)
{
    public async Task<ReportNames> LoadAsync(string lang, CancellationToken cancellationToken)
    {
        var areas = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in await store.GetCodesAsync(CatalogRegistry.Areas, cancellationToken))
        {
            areas[code.Id] = AreaName(code, lang);
        }

        var organisations = new Dictionary<string, string>(StringComparer.Ordinal);
        // Data providers first: a national office is better described by its provider entry than by an agency stub named by its id.
        foreach (var type in (ArtefactType[])[ArtefactType.DataProviderScheme, ArtefactType.AgencyScheme])
        {
            foreach (var summary in await store.ListAsync(type, null, cancellationToken))
            {
                IEnumerable<Item> items = (await store.GetAsync(summary.Ref, cancellationToken))?.Artefact switch
                {
                    DataProviderScheme providers => providers.Items,
                    AgencyScheme agencies => agencies.Items,
                    _ => [],
                };
                foreach (var item in items)
                {
                    var name = item.NameIn(lang);
                    if (name != item.Id)
                    {
                        organisations.TryAdd(item.Id, name);
                    }
                }
            }
        }

        return new ReportNames(areas, organisations);
    }

    /// <summary>The code's name in <paramref name="lang"/>: the registry's own when it has one, else the shipped Spanish name, else English.</summary>
    public static string AreaName(Code code, string lang)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Names.FirstOrDefault(n => n.Lang == lang) is { } own)
        {
            return own.Text;
        }

        return lang == "es" && SpanishAreaNames.Find(code.Id) is { } es ? es : code.NameIn("en");
    }
}

/// <summary>
/// Spanish names of the ISO 3166-1 countries among the <c>CL_AREA</c> codes (M49 numeric and ISO alpha-2), from Debian's
/// iso-codes (<c>datasets/names/cl_area_es.tsv</c>, embedded; provenance in <c>datasets/names/README.md</c>).
/// </summary>
public static class SpanishAreaNames
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Names = new(Load);

    /// <summary>The Spanish name of a CL_AREA code ("68": "Bolivia (Estado plurinacional de)"), or null for codes iso-codes does not cover.</summary>
    public static string? Find(string code) => Names.Value.TryGetValue(code, out var name) ? name : null;

    private static IReadOnlyDictionary<string, string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("datasets/cl_area_es.tsv")
            ?? throw new InvalidOperationException("The embedded file datasets/cl_area_es.tsv is missing from the server assembly.");
        using var reader = new StreamReader(stream);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            // code, iso_numeric, alpha_2, name_es, iso_name_es
            var fields = line.Split('\t');
            if (fields.Length >= 4 && fields[0].Length > 0)
            {
                names[fields[0]] = fields[3];
            }
        }

        return names;
    }
}
