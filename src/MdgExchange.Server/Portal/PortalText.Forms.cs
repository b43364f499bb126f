namespace MdgExchange.Server.Portal;

public static partial class PortalText
{
    /// <summary>The answer to a portal page the person may not open: 403 with a short page saying so (and a way home).</summary>
    public static Task DeniedPageAsync(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status403Forbidden;
        response.ContentType = "text/html; charset=utf-8";
        var title = System.Net.WebUtility.HtmlEncode(T("denied"));
        return response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{Language}\"><head><meta charset=\"utf-8\"><title>{title}</title><link rel=\"stylesheet\" href=\"{PortalAssets.StylesheetPath}\"></head>"
            + $"<body><main id=\"main\"><h1 id=\"denied\">{title}</h1><p><a href=\"/\">MdgExchange</a></p></main></body></html>");
    }

    /// <summary>The form pages: indicator metadata, the catalogue's technical sheet, onboarding and invitations (keys <c>fm:</c>).</summary>
    private static Dictionary<string, (string En, string Es)> FormWords() => Merge(FormCommonWords(), MetadataFormWords(), CatalogFormWords(), OnboardFormWords());

    private static Dictionary<string, (string En, string Es)> FormCommonWords() => new(StringComparer.Ordinal)
    {
        ["fm:notstored"] = ("Nothing was stored. Correct the fields marked below and send again.", "No se guardó nada. Corrija los campos señalados y vuelva a enviar."),
        ["fm:organisation"] = ("Organisation", "Organización"),
        ["fm:name"] = ("Name", "Nombre"),
        ["fm:nameen"] = ("Name in English", "Nombre en inglés"),
        ["fm:namees"] = ("Name in Spanish", "Nombre en español"),
        ["fm:area"] = ("Area (REF_AREA)", "Área (REF_AREA)"),
        ["fm:areas"] = ("Areas", "Áreas"),
        ["fm:allareas"] = ("every area", "todas las áreas"),
        ["fm:anyarea"] = ("any area", "cualquier área"),
        ["fm:country"] = ("Country", "País"),
        ["fm:indicator"] = ("Indicator", "Indicador"),
        ["fm:series"] = ("Series", "Serie"),
        ["fm:actions"] = ("Actions", "Acciones"),
        ["fm:status"] = ("Status", "Estado"),
        ["fm:version"] = ("Version", "Versión"),
        ["fm:since"] = ("Since", "Desde"),
        ["fm:updated"] = ("Updated", "Actualizado"),
    };

    private static Dictionary<string, (string En, string Es)> MetadataFormWords() => new(StringComparer.Ordinal)
    {
        ["fm:metadata"] = ("Indicator metadata", "Metadatos de indicadores"),
        ["fm:mdlist"] = ("Metadata reports, current versions", "Informes de metadatos, versiones vigentes"),
        ["fm:noreports"] = ("No metadata report matches.", "Ningún informe de metadatos coincide."),
        ["fm:target"] = ("Indicator or series", "Indicador o serie"),
        ["fm:targethint"] = ("An indicator as 3.2.1, or a series code as SH_DYN_MORT.", "Un indicador como 3.2.1, o un código de serie como SH_DYN_MORT."),
        ["fm:notarget"] = ("Name the indicator or the series the metadata describes.", "Indique el indicador o la serie que describen los metadatos."),
        ["fm:reportingtype"] = ("Reported by", "Informado por"),
        ["fm:rt:N"] = ("National", "Nacional"),
        ["fm:rt:G"] = ("International agency", "Organismo internacional"),
        ["fm:rt:R"] = ("Regional", "Regional"),
        ["fm:languages"] = ("Languages", "Idiomas"),
        ["fm:compare"] = ("Compare", "Comparar"),
        ["fm:revise"] = ("Revise", "Revisar"),
        ["fm:mdedit"] = ("Submit indicator metadata", "Enviar metadatos de un indicador"),
        ["fm:mdedithelp"] = ("Choose the indicator or series, the area and the language, then write each concept of the SDG metadata template. Each change is a new version; the previous one is kept.", "Elija el indicador o la serie, el área y el idioma, y escriba cada concepto de la plantilla de metadatos de los ODS. Cada cambio es una nueva versión; la anterior se conserva."),
        ["fm:mdwhat"] = ("What the metadata describes", "Qué describen los metadatos"),
        ["fm:kind"] = ("Describes", "Describe"),
        ["fm:load"] = ("Open", "Abrir"),
        ["fm:mdcurrent"] = ("Revising {0}, version {1} of {2}.", "Revisión de {0}, versión {1} del {2}."),
        ["fm:mdfor"] = ("Metadata of {0} for {1}, in language {2}.", "Metadatos de {0} para {1}, en el idioma {2}."),
        ["fm:mdsubmit"] = ("Submit the metadata", "Enviar los metadatos"),
        ["fm:mdstored"] = ("{0}:{1} version {2}: {3}.", "{0}:{1} versión {2}: {3}."),
        ["fm:outcome:created"] = ("created", "creado"),
        ["fm:outcome:updated"] = ("new version stored", "nueva versión guardada"),
        ["fm:outcome:unchanged"] = ("unchanged (the current version already says this)", "sin cambios (la versión vigente ya dice esto)"),
        ["fm:mdcomparethis"] = ("Compare with the international metadata", "Comparar con los metadatos internacionales"),
        ["fm:mdcompare"] = ("Compare indicator metadata", "Comparar metadatos de indicadores"),
        ["fm:comparewhat"] = ("Give both the indicator or series and the country.", "Indique el indicador o la serie y el país."),
        ["fm:pair"] = ("National / international", "Nacional / internacional"),
        ["fm:nocomparison"] = ("No metadata of {0} for area {1}.", "No hay metadatos de {0} para el área {1}."),
        ["fm:comparing"] = ("{0} against {1}: {2}, area {3}", "{0} frente a {1}: {2}, área {3}"),
        ["fm:comparesummary"] = ("{0} the same, {1} different, {2} missing nationally, {3} missing internationally.", "{0} iguales, {1} diferentes, {2} faltan en la nacional, {3} faltan en la internacional."),
        ["fm:conceptbyconcept"] = ("Concept by concept; differences and gaps are marked", "Concepto por concepto; se marcan las diferencias y los vacíos"),
        ["fm:concept"] = ("Concept", "Concepto"),
        ["fm:cs:Same"] = ("Same", "Igual"),
        ["fm:cs:Different"] = ("Different", "Diferente"),
        ["fm:cs:MissingNational"] = ("Missing nationally", "Falta en la nacional"),
        ["fm:cs:MissingInternational"] = ("Missing internationally", "Falta en la internacional"),
        ["fm:cs:MissingBoth"] = ("Missing on both sides", "Falta en ambas"),
    };

    private static Dictionary<string, (string En, string Es)> CatalogFormWords() => new(StringComparer.Ordinal)
    {
        ["fm:catalog"] = ("Catalogue of statistical operations", "Catálogo de operaciones estadísticas"),
        ["fm:oplist"] = ("Statistical operations by country", "Operaciones estadísticas por país"),
        ["fm:countryhint"] = ("M49 code, e.g. 32, 152, 484; empty for all.", "Código M49, p. ej. 32, 152, 484; vacío para todos."),
        ["fm:nooperations"] = ("No operation matches.", "Ninguna operación coincide."),
        ["fm:opnew"] = ("New technical sheet", "Nueva ficha técnica"),
        ["fm:opedit"] = ("Technical sheet", "Ficha técnica"),
        ["fm:opeditof"] = ("Technical sheet: {0}", "Ficha técnica: {0}"),
        ["fm:opedithelp"] = ("Every field of the catalogue template. Nothing is stored unless the whole sheet is valid; each problem is shown next to its field.", "Todos los campos de la plantilla del catálogo. No se guarda nada si la ficha no es válida en su totalidad; cada problema se muestra junto a su campo."),
        ["fm:noop"] = ("The catalogue has no operation {0}.", "El catálogo no tiene la operación {0}."),
        ["fm:opidentity"] = ("The operation", "La operación"),
        ["fm:opid"] = ("Operation id", "Identificador de la operación"),
        ["fm:opidhint"] = ("Letters, digits, _ or -, e.g. AR_EPH.", "Letras, dígitos, _ o -, p. ej. AR_EPH."),
        ["fm:opname"] = ("Operation", "Operación"),
        ["fm:producer"] = ("Producer", "Productor"),
        ["fm:optype"] = ("Type of operation", "Tipo de operación"),
        ["fm:periodicity"] = ("Periodicity", "Periodicidad"),
        ["fm:opdesign"] = ("Design and coverage", "Diseño y cobertura"),
        ["fm:refyears"] = ("Reference years of past rounds", "Años de referencia de rondas anteriores"),
        ["fm:refyearshint"] = ("Separated by ;, e.g. 2010;2022.", "Separados por ;, p. ej. 2010;2022."),
        ["fm:nextround"] = ("Next round (year)", "Próxima ronda (año)"),
        ["fm:universe"] = ("Universe", "Universo"),
        ["fm:coverage"] = ("Coverage", "Cobertura"),
        ["fm:samplesize"] = ("Sample size (units)", "Tamaño de la muestra (unidades)"),
        ["fm:level"] = ("Lowest level of representative estimates", "Nivel más desagregado de estimaciones representativas"),
        ["fm:methodology"] = ("Methodology address (http or https)", "Dirección de la metodología (http o https)"),
        ["fm:areacodelist"] = ("Area codelist of the country", "Lista de códigos de áreas del país"),
        ["fm:areacodelisthint"] = ("AGENCY:ID(VERSION); only when areas are given.", "AGENCIA:ID(VERSIÓN); solo si se indican áreas."),
        ["fm:areashint"] = ("Codes separated by ;; empty: the whole country.", "Códigos separados por ;; vacío: todo el país."),
        ["fm:opindicators"] = ("Indicators it feeds", "Indicadores que alimenta"),
        ["fm:opindicatorshint"] = ("One row per indicator (and optionally series); leave a row empty to skip it.", "Una fila por indicador (y, si se quiere, serie); deje una fila vacía para omitirla."),
        ["fm:indicatorrow"] = ("Indicator {0}", "Indicador {0}"),
        ["fm:indicators"] = ("Indicators", "Indicadores"),
        ["fm:disaggregations"] = ("Disaggregations", "Desagregaciones"),
        ["fm:opsave"] = ("Save the technical sheet", "Guardar la ficha técnica"),
        ["fm:opcreated"] = ("Operation {0} created with {1} indicator(s).", "Operación {0} creada con {1} indicador(es)."),
        ["fm:oprevised"] = ("Operation {0} revised; it now feeds {1} indicator(s).", "Operación {0} revisada; ahora alimenta {1} indicador(es)."),
        ["fm:opdelete"] = ("Delete the operation", "Eliminar la operación"),
        ["fm:opdeleteconfirm"] = ("Yes, delete {0} from the catalogue", "Sí, eliminar {0} del catálogo"),
        ["fm:opdeletewhat"] = ("Confirm the operation to delete.", "Confirme la operación que se eliminará."),
        ["fm:opdeleted"] = ("Operation {0} deleted.", "Operación {0} eliminada."),
    };

    private static Dictionary<string, (string En, string Es)> OnboardFormWords() => new(StringComparer.Ordinal)
    {
        ["fm:onboard"] = ("Onboard providers", "Incorporar proveedores"),
        ["fm:onboardhelp"] = ("A national provider, the areas it reports and its dataflows: the registry gets its data provider, provision agreements and area constraints, with no SDMX-ML to write.", "Un proveedor nacional, las áreas que informa y sus flujos de datos: el registro recibe su proveedor de datos, sus acuerdos de provisión y sus restricciones de área, sin escribir SDMX-ML."),
        ["fm:providerid"] = ("Provider id", "Identificador del proveedor"),
        ["fm:providerhint"] = ("The organisation's SDMX id, e.g. INDEC.", "El identificador SDMX de la organización, p. ej. INDEC."),
        ["fm:providerareas"] = ("Areas it reports (REF_AREA codes)", "Áreas que informa (códigos REF_AREA)"),
        ["fm:providerareashint"] = ("Separated by spaces or commas, e.g. 32.", "Separados por espacios o comas, p. ej. 32."),
        ["fm:dataflows"] = ("Dataflows it reports", "Flujos de datos que informa"),
        ["fm:replaceareas"] = ("Replace its areas (else they are added)", "Reemplazar sus áreas (si no, se añaden)"),
        ["fm:onboardbutton"] = ("Onboard the provider", "Incorporar el proveedor"),
        ["fm:onboarded"] = ("{0} is onboarded.", "{0} quedó incorporado."),
        ["fm:onboardunchanged"] = ("{0} was already onboarded so; nothing changed.", "{0} ya estaba incorporado así; nada cambió."),
        ["fm:providers"] = ("Providers", "Proveedores"),
        ["fm:providerslist"] = ("Data providers with their dataflows and areas", "Proveedores de datos con sus flujos y áreas"),
        ["fm:invite"] = ("Invite a person", "Invitar a una persona"),
        ["fm:role"] = ("Role", "Rol"),
        ["fm:role:provider"] = ("National provider", "Proveedor nacional"),
        ["fm:role:agency"] = ("International agency", "Organismo internacional"),
        ["fm:role:coordinator"] = ("Coordinator", "Coordinación"),
        ["fm:role:admin"] = ("Administrator", "Administración"),
        ["fm:email"] = ("Email", "Correo electrónico"),
        ["fm:invitebutton"] = ("Invite", "Invitar"),
        ["fm:invited"] = ("{0} is invited for {1} as {2}, until {3}.", "{0} está invitado por {1} como {2}, hasta el {3}."),
        ["fm:signuplink"] = ("One-time sign-up link", "Enlace de registro de un solo uso"),
        ["fm:mail:sent"] = ("The link was also mailed to {0}.", "El enlace también se envió por correo a {0}."),
        ["fm:mail:failed"] = ("The mail could not be sent ({0}); the invitation stands.", "No se pudo enviar el correo ({0}); la invitación sigue en pie."),
        ["fm:linkonce"] = ("This link is shown only now: give it to the person yourself.", "Este enlace se muestra solo ahora: entrégueselo usted a la persona."),
        ["fm:notinvited"] = ("No invitation was made.", "No se hizo ninguna invitación."),
    };
}
