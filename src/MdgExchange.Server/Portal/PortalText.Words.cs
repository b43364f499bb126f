namespace MdgExchange.Server.Portal;

/// <summary>The portal's words: English and Spanish for every key, one entry per text.</summary>
public static partial class PortalText
{
    /// <summary>Every word set of the portal (one per page family, each in its own file); a key given twice fails at start-up.</summary>
    private static readonly Dictionary<string, (string En, string Es)> Texts = Merge(CoreWords(), SignInWords(), UploadWords(), SeriesWords(), DiscrepancyWords(), NewsWords(), ForumWords(), FormWords());

    private static Dictionary<string, (string En, string Es)> Merge(params Dictionary<string, (string En, string Es)>[] sets)
    {
        var all = new Dictionary<string, (string En, string Es)>(StringComparer.Ordinal);
        foreach (var pair in sets.SelectMany(set => set))
        {
            all.Add(pair.Key, pair.Value);
        }

        return all;
    }

    private static Dictionary<string, (string En, string Es)> CoreWords() => new(StringComparer.Ordinal)
    {
        ["title"] = ("MdgExchange — collaborative site", "MdgExchange — sitio colaborativo"),
        ["welcome"] = ("Signed in as {0}, for {1} ({2}).", "Sesión iniciada como {0}, por {1} ({2})."),
        ["transfers"] = ("Your organisation's latest transfers", "Últimas transferencias de su organización"),
        ["none"] = ("No transfers yet.", "Aún no hay transferencias."),
        ["when"] = ("When", "Cuándo"),
        ["kind"] = ("Kind", "Tipo"),
        ["outcome"] = ("Outcome", "Resultado"),
        ["dataflow"] = ("Dataflow", "Flujo de datos"),
        ["observations"] = ("Observations", "Observaciones"),
        ["denied"] = ("You may not open this page.", "No puede abrir esta página."),
        ["skip"] = ("Skip to content", "Ir al contenido"),
        ["reports"] = ("Reports", "Informes"),
    };
}
