namespace MdgExchange.Server.Portal;

public static partial class PortalText
{
    /// <summary>A subject kind's name (the kind itself when unknown).</summary>
    public static string ForumKind(string kind) => Texts.ContainsKey("fo:kind:" + kind) ? T("fo:kind:" + kind) : kind;

    /// <summary>The group's forum: the list of threads, a thread and its replies.</summary>
    private static Dictionary<string, (string En, string Es)> ForumWords() => new(StringComparer.Ordinal)
    {
        ["fo:nav"] = ("Forum", "Foro"),
        ["fo:title"] = ("The group's forum", "El foro del grupo"),
        ["fo:help"] = ("Discussion threads on an indicator, on a country or area, or on the group's work. Posts are plain text and part of the record: each one is a transfer.", "Hilos de discusión sobre un indicador, un país o zona, o el trabajo del grupo. Los mensajes son texto sin formato y forman parte del registro: cada uno es una transferencia."),
        ["fo:kind"] = ("About", "Sobre"),
        ["fo:kind:indicator"] = ("Indicator", "Indicador"),
        ["fo:kind:area"] = ("Country or area", "País o zona"),
        ["fo:kind:general"] = ("General", "General"),
        ["fo:anykind"] = ("every subject", "todos los temas"),
        ["fo:subjectcode"] = ("Code (series, indicator or area)", "Código (serie, indicador o zona)"),
        ["fo:filter"] = ("Show the threads", "Mostrar los hilos"),
        ["fo:threads"] = ("Threads", "Hilos"),
        ["fo:nothreads"] = ("No threads yet.", "Aún no hay hilos."),
        ["fo:thread"] = ("Thread", "Hilo"),
        ["fo:openedby"] = ("Opened by", "Abierto por"),
        ["fo:posts"] = ("Posts", "Mensajes"),
        ["fo:latest"] = ("Latest post", "Último mensaje"),
        ["fo:more"] = ("Older threads", "Hilos anteriores"),
        ["fo:open"] = ("Open a thread", "Abrir un hilo"),
        ["fo:threadtitle"] = ("Title", "Título"),
        ["fo:firstpost"] = ("Message", "Mensaje"),
        ["fo:codehelp"] = ("A series code of the SDG SERIES codelist (SI_POV_DAY1) or an indicator (1.1.1); a REF_AREA code (484); nothing for a general thread.", "Un código de serie de la lista de códigos SERIES de los ODS (SI_POV_DAY1) o un indicador (1.1.1); un código REF_AREA (484); nada para un hilo general."),
        ["fo:opensend"] = ("Open the thread", "Abrir el hilo"),
        ["fo:reply"] = ("Your reply", "Su respuesta"),
        ["fo:replysend"] = ("Send the reply", "Enviar la respuesta"),
        ["fo:wrote"] = ("{0} ({1}) wrote", "{0} ({1}) escribió"),
        ["fo:back"] = ("All threads on this subject", "Todos los hilos sobre este tema"),
        ["fo:nothread"] = ("There is no such thread.", "No existe ese hilo."),
        ["fo:pairs"] = ("Discrepancy pairs in consultation", "Pares de discrepancias en consulta"),
        ["fo:pairshelp"] = ("Each pair's discussion is on its page, with its questions and answers.", "La discusión de cada par está en su página, con sus preguntas y respuestas."),
        ["fo:allpairs"] = ("Every discrepancy pair", "Todos los pares de discrepancias"),
        ["fo:onseries"] = ("Forum threads on this indicator", "Hilos del foro sobre este indicador"),
        ["fo:onarea"] = ("Forum threads on this country or area", "Hilos del foro sobre este país o zona"),
        ["fo:invalid"] = ("{0}: {1}", "{0}: {1}"),
    };
}
