namespace MdgExchange.Server.Portal;

public static partial class PortalText
{
    /// <summary>What's new and the reports.</summary>
    private static Dictionary<string, (string En, string Es)> NewsWords() => new(StringComparer.Ordinal)
    {
        ["new"] = ("What's new", "Novedades"),
        ["newhelp"] = ("Series that other organisations sent since your organisation last pulled them (a look at a series page counts as a pull). Values under an embargo you may not see are not listed.", "Series que otras organizaciones enviaron desde la última vez que su organización las extrajo (ver la página de una serie cuenta como extracción). No se listan valores bajo un embargo que usted no puede ver."),
        ["nothingnew"] = ("Nothing new since your last pulls.", "Nada nuevo desde sus últimas extracciones."),
        ["from"] = ("From", "De"),
        ["pushed"] = ("Sent", "Enviado"),
        ["lastpulled"] = ("Your last pull", "Su última extracción"),
        ["never"] = ("never", "nunca"),
        ["revisedcount"] = ("({0} revised)", "({0} revisadas)"),
        ["download"] = ("Download", "Descargar"),
        ["inventory"] = ("Inventory of information flows", "Inventario de flujos de información"),
        ["discrepancyreport"] = ("Discrepancy typology report", "Informe de tipología de discrepancias"),
        ["catalogue"] = ("Catalogue of statistical sources", "Catálogo de fuentes estadísticas"),
        ["viewrecorded"] = ("This view was recorded as the transfer", "Esta consulta quedó registrada como la transferencia"),
    };
}
