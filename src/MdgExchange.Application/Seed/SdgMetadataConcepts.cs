using MdgExchange.Domain.Structure;

namespace MdgExchange.Application.Seed;

/// <summary>
/// The concept scheme <c>IAEG-SDGs:SDG_META_CONCEPTS(1.0)</c> that the SDG MSD refers to. The published MSD names
/// its concepts by URN without shipping the scheme, so a fresh install builds it: the ids are the MSD's, the English
/// and Spanish names are the section headings of the SDG metadata template (version 2.0) they report.
/// </summary>
public static class SdgMetadataConcepts
{
    public static readonly ArtefactRef Scheme = new(ArtefactType.ConceptScheme, "IAEG-SDGs", "SDG_META_CONCEPTS", "1.0");

    private static readonly (string Id, string En, string Es)[] Concepts =
    [
        ("ADJUSTMENT", "Adjustments", "Ajustes"),
        ("CLASS_SYSTEM", "Classifications", "Clasificaciones"),
        ("COLL_METHOD", "Data collection method", "Método de recopilación de datos"),
        ("COMPARABILITY", "Comparability / deviation from international standards", "Comparabilidad / desviación de las normas internacionales"),
        ("COMPILING_ORG", "Data compilers", "Compiladores de datos"),
        ("CONTACT", "Contact", "Contacto"),
        ("CONTACT_EMAIL", "Contact email address", "Correo electrónico de contacto"),
        ("CONTACT_FUNCT", "Contact person function", "Función de la persona de contacto"),
        ("CONTACT_MAIL", "Contact mail address", "Dirección postal de contacto"),
        ("CONTACT_NAME", "Contact person(s)", "Persona(s) de contacto"),
        ("CONTACT_ORGANISATION", "Contact organisation", "Organización de contacto"),
        ("CONTACT_PHONE", "Contact phone number", "Teléfono de contacto"),
        ("COVERAGE", "Data availability and disaggregation", "Disponibilidad y desagregación de los datos"),
        ("DATA_COMP", "Method of computation", "Método de cálculo"),
        ("DATA_SOURCE", "Data providers", "Proveedores de datos"),
        ("DATA_VALIDATION", "Validation", "Validación"),
        ("DOC_METHOD", "Methods and guidance available to countries for the compilation of the data at the national level", "Métodos y orientaciones disponibles para los países para la compilación de los datos a nivel nacional"),
        ("FREQ_COLL", "Data collection calendar", "Calendario de recopilación de datos"),
        ("IMPUTATION", "Treatment of missing values (i) at country level and (ii) at regional level", "Tratamiento de los valores faltantes (i) a nivel de país y (ii) a nivel regional"),
        ("IND_DEF_CON_CLASS", "Indicator definition, concepts and classifications", "Definición del indicador, conceptos y clasificaciones"),
        ("INST_MANDATE", "Institutional mandate", "Mandato institucional"),
        ("META_LAST_UPDATE", "Metadata last updated", "Última actualización de los metadatos"),
        ("ORGANISATION_UNIT", "Organisation unit", "Unidad de la organización"),
        ("OTHER_DOC", "References and documentation", "Referencias y documentación"),
        ("OTHER_METHOD", "Other methodological considerations", "Otras consideraciones metodológicas"),
        ("QUALITY_ASSMNT", "Quality assessment", "Evaluación de la calidad"),
        ("QUALITY_ASSURE", "Quality assurance", "Garantía de la calidad"),
        ("QUALITY_MGMNT", "Quality management", "Gestión de la calidad"),
        ("RATIONALE", "Rationale", "Justificación"),
        ("REC_USE_LIM", "Comments and limitations", "Comentarios y limitaciones"),
        ("REG_AGG", "Regional aggregations", "Agregaciones regionales"),
        ("REL_CAL_POLICY", "Data release calendar", "Calendario de publicación de datos"),
        ("SDG_CUSTODIAN_AGENCIES", "Custodian agencies", "Organismos custodios"),
        ("SDG_GOAL", "Goal", "Objetivo"),
        ("SDG_INDICATOR", "Indicator", "Indicador"),
        ("SDG_INDICATOR_INFO", "Indicator information", "Información del indicador"),
        ("SDG_RELATED_INDICATORS", "Related indicators", "Indicadores relacionados"),
        ("SDG_SERIES_DESCR", "Series", "Series"),
        ("SDG_TARGET", "Target", "Meta"),
        ("SOURCE_TYPE", "Data sources", "Fuentes de datos"),
        ("SRC_TYPE_COLL_METHOD", "Data sources and collection method", "Fuentes de datos y método de recopilación"),
        ("STAT_CONC_DEF", "Definition, concepts and classifications", "Definición, conceptos y clasificaciones"),
        ("UNIT_MEASURE", "Unit of measure", "Unidad de medida"),
        ("TRANSLATIONS", "Translations", "Traducciones"),
    ];

    public static ConceptScheme Build() => new()
    {
        AgencyId = Scheme.AgencyId,
        Id = Scheme.Id,
        Version = Scheme.Version,
        IsFinal = true,
        Names = [new("en", "SDG metadata concepts"), new("es", "Conceptos de metadatos de los ODS")],
        Descriptions =
        [
            new("en", "The concepts of the SDG MSD IAEG-SDGs:SDG_MSD(1.0), named after the headings of the SDG metadata template; built by MdgExchange because the published MSD refers to this scheme without including it."),
        ],
        Items = Concepts.Select(c => new Concept { Id = c.Id, Names = [new("en", c.En), new("es", c.Es)] }).ToList(),
    };
}
