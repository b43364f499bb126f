namespace MdgExchange.Server.Portal;

public static partial class PortalText
{
    /// <summary>The series page: chart, values, questions and answers.</summary>
    private static Dictionary<string, (string En, string Es)> SeriesWords() => new(StringComparer.Ordinal)
    {
        ["series"] = ("Series", "Serie"),
        ["serieswhere"] = ("{0}, in dataflow {1}.", "{0}, en el flujo de datos {1}."),
        ["noseries"] = ("Name a dataflow and a series key.", "Indique un flujo de datos y una clave de serie."),
        ["noseriesfound"] = ("There is no series {0} in {1} that you may see.", "No hay ninguna serie {0} en {1} que usted pueda ver."),
        ["badvintage"] = ("'{0}' is not an instant (ISO 8601).", "'{0}' no es un instante (ISO 8601)."),
        ["vintage"] = ("Vintage", "Versión"),
        ["current"] = ("Current values", "Valores actuales"),
        ["show"] = ("Show", "Mostrar"),
        ["charttitle"] = ("{0} in {1}: national and international values", "{0} en {1}: valores nacionales e internacionales"),
        ["chartnote"] = ("Hollow points are estimated, modelled or global monitoring values (NATURE E, M or G).", "Los puntos huecos son valores estimados, modelados o de seguimiento mundial (NATURE E, M o G)."),
        ["national"] = ("National", "Nacional"),
        ["international"] = ("International", "Internacional"),
        ["year"] = ("Year", "Año"),
        ["value"] = ("Value", "Valor"),
        ["estimated"] = ("estimated or modelled", "estimado o modelado"),
        ["valuesof"] = ("Values ({0})", "Valores ({0})"),
        ["period"] = ("Period", "Período"),
        ["difference"] = ("National − international", "Nacional − internacional"),
        ["seriesshown"] = ("Series shown: {0}.", "Series mostradas: {0}."),
        ["annotations"] = ("Questions, answers and notes", "Preguntas, respuestas y notas"),
        ["noannotations"] = ("No questions or notes on this series yet.", "Aún no hay preguntas ni notas sobre esta serie."),
        ["inreply"] = ("In reply to this question", "En respuesta a esta pregunta"),
        ["answer"] = ("Your answer", "Su respuesta"),
        ["sendanswer"] = ("Send the answer", "Enviar la respuesta"),
        ["ask"] = ("Ask a question on this series", "Hacer una pregunta sobre esta serie"),
        ["question"] = ("Question", "Pregunta"),
        ["onperiod"] = ("On", "Sobre"),
        ["wholeseries"] = ("the whole series", "toda la serie"),
        ["sendquestion"] = ("Send the question", "Enviar la pregunta"),
        ["notext"] = ("Write the text first.", "Escriba primero el texto."),
    };
}
