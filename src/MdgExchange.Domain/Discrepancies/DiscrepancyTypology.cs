namespace MdgExchange.Domain.Discrepancies;

/// <summary>One code of the discrepancy typology (<c>CL_DISCREPANCY_TYPE</c>, DESIGN §4).</summary>
public sealed record DiscrepancyType(string Code, string NameEn, string NameEs, string EvidenceEn, string EvidenceEs);

/// <summary>
/// The typology of differences between national and international figures used by the working group.
/// </summary>
public static class DiscrepancyTypology
{
    /// <summary>The codelist id under which the typology is registered.</summary>
    public const string CodelistId = "CL_DISCREPANCY_TYPE";

    public static IReadOnlyList<DiscrepancyType> All { get; } =
    [
        new("SRC", "Different source or survey round", "Fuente o ronda de encuesta distinta",
            "SOURCE_DETAIL differs; both sides NATURE=C", "SOURCE_DETAIL distinto; ambos lados NATURE=C"),
        new("DEF", "Different definition, concept, classification or proxy", "Definición, concepto, clasificación o indicador sustituto distinto",
            "Metadata STAT_CONC_DEF differs; national proxy", "Metadatos STAT_CONC_DEF distintos; indicador sustituto nacional"),
        new("MTH", "Different computation method", "Método de cálculo distinto",
            "Metadata DATA_COMP differs", "Metadatos DATA_COMP distintos"),
        new("DEN", "Different denominator or population estimates", "Denominador o estimaciones de población distintos",
            "Metadata or annotation", "Metadatos o anotación"),
        new("ADJ", "Agency adjustment", "Ajuste de la agencia",
            "International NATURE=CA", "NATURE=CA en la serie internacional"),
        new("EST", "Agency estimation or imputation", "Estimación o imputación de la agencia",
            "International NATURE=E or OBS_STATUS=I", "NATURE=E u OBS_STATUS=I en la serie internacional"),
        new("MOD", "Agency modelling", "Modelización de la agencia",
            "International NATURE=M", "NATURE=M en la serie internacional"),
        new("GLB", "Global monitoring figure without national counterpart", "Dato de seguimiento mundial sin contraparte nacional",
            "International NATURE=G", "NATURE=G en la serie internacional"),
        new("VIN", "Vintage: a newer national release not yet used; timeliness lag", "Versión: una publicación nacional más reciente aún no utilizada; desfase",
            "Transfer history: the national value changed after the agency's last pull", "Historial de transferencias: el valor nacional cambió después de la última descarga de la agencia"),
        new("REF", "Reference period or TIME_DETAIL mismatch", "Período de referencia o TIME_DETAIL distinto",
            "TIME_DETAIL or TIME_COVERAGE differ", "TIME_DETAIL o TIME_COVERAGE distintos"),
        new("UNT", "Unit or multiplier", "Unidad o multiplicador",
            "UNIT_MEASURE or UNIT_MULT differ, or the ratio is near a power of ten", "UNIT_MEASURE o UNIT_MULT distintos, o la razón es cercana a una potencia de diez"),
        new("DIS", "Disaggregation or coverage (urban/rural, age band, geography)", "Desagregación o cobertura (urbano/rural, grupo de edad, geografía)",
            "Breakdown codes differ; swapped categories", "Códigos de desagregación distintos; categorías intercambiadas"),
        new("RND", "Rounding", "Redondeo",
            "The difference is within the rounding of the less precise value", "La diferencia está dentro del redondeo del valor menos preciso"),
        new("ERR", "Coding or processing error", "Error de codificación o de procesamiento",
            "E.g. urban and rural swapped, invalid codes", "P. ej. urbano y rural intercambiados, códigos inválidos"),
        new("NAV", "National data not available to or not reported to the agency", "Datos nacionales no disponibles o no comunicados a la agencia",
            "No national transfer to that agency", "Ninguna transferencia nacional a esa agencia"),
        new("CRD", "Coordination failure (no consultation)", "Falla de coordinación (sin consulta)",
            "No consultation annotation before international publication", "Ninguna anotación de consulta antes de la publicación internacional"),
    ];
}
