using MdgExchange.Domain.Inventory;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;

namespace MdgExchange.Application.Inventory;

/// <summary>
/// What the inventory needs from the registry and the key store: each series code's SDG indicator (the CL_SERIES
/// <c>Indicator</c> annotation), each area's country (subnational codes of CL_AREA_* codelists rolled up to the first
/// ancestor that is a code of the SDG CL_AREA), and each organisation's kind (national or agency) by its roles.
/// </summary>
internal sealed class InventoryContext
{
    private static readonly ArtefactRef SdgAreas = new(ArtefactType.Codelist, "IAEG-SDGs", "CL_AREA", "1.0");

    private IReadOnlyDictionary<string, string> _indicatorOfSeries = new Dictionary<string, string>();
    private readonly HashSet<string> _countries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _parents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _roles = new(StringComparer.Ordinal);

    public static async Task<InventoryContext> LoadAsync(IStructureStore structures, IKeyStore keys, IReadOnlyList<StoredFlow> flows, CancellationToken cancellationToken)
    {
        var context = new InventoryContext();
        context._indicatorOfSeries = await Discrepancies.SeriesIndicators.LoadAsync(structures, cancellationToken);

        context._countries.UnionWith((await structures.GetCodesAsync(SdgAreas, cancellationToken)).Select(c => c.Id));
        foreach (var list in (await structures.ListAsync(ArtefactType.Codelist, null, cancellationToken)).Where(s => s.Ref.Id.StartsWith("CL_AREA_", StringComparison.Ordinal)))
        {
            foreach (var code in await structures.GetCodesAsync(list.Ref, cancellationToken))
            {
                context._parents.TryAdd(code.Id, code.ParentId);
            }
        }

        // Roles the transfers recorded first (they are what the organisation did), then the keys'.
        foreach (var flow in flows)
        {
            if (flow.SenderRole is { } s)
            {
                context._roles.TryAdd(flow.Sender, s);
            }

            if (flow.ReceiverRole is { } r)
            {
                context._roles.TryAdd(flow.Receiver, r);
            }
        }

        foreach (var key in await keys.ListAsync(null, cancellationToken))
        {
            context._roles.TryAdd(key.Organisation, key.Role);
        }

        return context;
    }

    /// <summary>The indicator of a series code, or the code itself when it is an indicator (metadata); "" when unknown.</summary>
    public string IndicatorOf(string code) =>
        _indicatorOfSeries.TryGetValue(code, out var indicator) ? indicator : IsIndicator(code) ? code : "";

    public static bool IsIndicator(string code) => code.Length > 0 && char.IsAsciiDigit(code[0]) && code.Contains('.', StringComparison.Ordinal);

    /// <summary>The country an area belongs to: itself when it is a CL_AREA code, else its first ancestor that is.</summary>
    public string CountryOf(string area)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (string? code = area; code is not null && seen.Add(code); code = _parents.GetValueOrDefault(code))
        {
            if (_countries.Contains(code))
            {
                return code;
            }
        }

        return area;
    }

    /// <summary>national, agency or other.</summary>
    public string KindOf(string organisation) => _roles.GetValueOrDefault(organisation) switch
    {
        Security.Roles.Provider => "national",
        Security.Roles.Agency => "agency",
        _ => "other",
    };

    public IEnumerable<string> Agencies => _roles.Where(r => r.Value == Security.Roles.Agency).Select(r => r.Key);

    public string Direction(string sender, string receiver, string kind)
    {
        var from = KindOf(sender);

        // A push, annotation or submission to no one in particular goes to the other side: national data to the
        // agencies, an agency's series to everyone (counted as agency to agency).
        var to = receiver == "*" ? (from == "national" ? "agency" : from) : KindOf(receiver);
        return (from, to) switch
        {
            ("national", "agency") => FlowDirections.NationalToAgency,
            ("agency", "national") => FlowDirections.AgencyToNational,
            ("agency", "agency") => FlowDirections.AgencyToAgency,
            ("national", "national") => FlowDirections.NationalToNational,
            _ => kind == "pull" && from == "national" ? FlowDirections.NationalToAgency : FlowDirections.Other,
        };
    }
}
