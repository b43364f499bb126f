using MdgExchange.Domain.Structure;
using MdgExchange.Storage;

namespace MdgExchange.Application.Discrepancies;

/// <summary>Each SDG series code's indicator: the first indicator of the <c>Indicator</c> annotation of the code in <c>IAEG-SDGs:CL_SERIES(1.0)</c>.</summary>
public static class SeriesIndicators
{
    private static readonly ArtefactRef SdgSeries = new(ArtefactType.Codelist, "IAEG-SDGs", "CL_SERIES", "1.0");

    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(IStructureStore structures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(structures);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in await structures.GetCodesAsync(SdgSeries, cancellationToken))
        {
            var indicator = code.Annotations.FirstOrDefault(a => a.Title == "Indicator")?.Texts.FirstOrDefault()?.Text?.Split(',')[0].Trim();
            if (!string.IsNullOrEmpty(indicator))
            {
                map[code.Id] = indicator;
            }
        }

        return map;
    }
}
