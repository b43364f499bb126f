namespace MdgExchange.Server.Portal;

public static partial class PortalText
{
    /// <summary>Sending a data file.</summary>
    private static Dictionary<string, (string En, string Es)> UploadWords() => new(StringComparer.Ordinal)
    {
        ["upload"] = ("Send a data file", "Enviar un archivo de datos"),
        ["uploadhelp"] = ("SDMX-ML or SDMX-CSV. Nothing is stored unless the whole file is valid; every problem is listed with its line and rule.", "SDMX-ML o SDMX-CSV. No se guarda nada si el archivo no es válido en su totalidad; cada problema se indica con su línea y su regla."),
        ["file"] = ("File", "Archivo"),
        ["action"] = ("Action", "Acción"),
        ["asfile"] = ("As the file says (else insert)", "La del archivo (si no, insertar)"),
        ["insert"] = ("insert or revise", "insertar o revisar"),
        ["replace"] = ("replace the series", "reemplazar las series"),
        ["send"] = ("Send", "Enviar"),
        ["stored"] = ("Stored: {0} series, {1} observations ({2} new, {3} revised).", "Guardado: {0} series, {1} observaciones ({2} nuevas, {3} revisadas)."),
        ["transfer"] = ("Transfer", "Transferencia"),
        ["where"] = ("Where", "Dónde"),
        ["rule"] = ("Problem", "Problema"),
        ["nofile"] = ("Choose a file and a dataflow.", "Elija un archivo y un flujo de datos."),
        ["toolarge"] = ("The file is over the limit of {0} bytes.", "El archivo supera el límite de {0} bytes."),
        ["up:progress"] = ("Progress of the upload", "Avance del envío"),
        ["up:sending"] = ("Sending the file: {0} % ({1} of {2} bytes).", "Enviando el archivo: {0} % ({1} de {2} bytes)."),
        ["up:checking"] = ("Reading and checking the file: {0} % read, {1} observations so far.", "Leyendo y verificando el archivo: {0} % leído, {1} observaciones hasta ahora."),
        ["up:committing"] = ("The whole file is read ({0} observations): storing it and recording the transfer.", "Se leyó todo el archivo ({0} observaciones): guardándolo y registrando la transferencia."),
        ["up:failed"] = ("The connection was lost before the server answered: look at your transfers on the home page before sending again.", "Se perdió la conexión antes de la respuesta del servidor: revise sus transferencias en la página de inicio antes de volver a enviar."),
    };
}
