using System.Globalization;
using MdgExchange.Domain.Catalog;
using MdgExchange.Application.Catalog;

namespace MdgExchange.Application.Reports;

/// <summary>
/// The catalogue of statistical operations as a report (DESIGN §5): per country, a summary of coverage of the SDG
/// framework, the operations with their "ficha técnica", what each can produce, and the gaps: indicators without
/// any source and indicators without a subnational source.
/// </summary>
public static class CatalogReport
{
    private static readonly Dictionary<string, (string En, string Es)> Labels = new(StringComparer.Ordinal)
    {
        ["title"] = ("Catalogue of statistical operations", "Catálogo de operaciones estadísticas"),
        ["region"] = ("All countries of the catalogue", "Todos los países del catálogo"),
        ["generated"] = ("Generated", "Generado"),
        ["summary"] = ("Summary by country", "Resumen por país"),
        ["chart"] = ("SDG indicators with at least one source", "Indicadores ODS con al menos una fuente"),
        ["operations"] = ("Statistical operations", "Operaciones estadísticas"),
        ["indicators"] = ("Indicators each operation can produce", "Indicadores que puede producir cada operación"),
        ["gaps"] = ("Gaps: SDG indicators without a source or without a subnational source", "Brechas: indicadores ODS sin fuente o sin fuente subnacional"),
        ["gaps_note"] = ("Relative to the SDG framework MDGX:CL_FRAMEWORK_SDG(1.0).", "Respecto del marco ODS MDGX:CL_FRAMEWORK_SDG(1.0)."),
        ["none_operations"] = ("The catalogue has no operation here.", "El catálogo no tiene operaciones aquí."),
        ["none_gaps"] = ("No gaps.", "Sin brechas."),
        ["country"] = ("Country", "País"),
        ["country_name"] = ("Country name", "Nombre del país"),
        ["operation_count"] = ("Operations", "Operaciones"),
        ["with_source"] = ("Indicators with a source", "Indicadores con fuente"),
        ["with_subnational"] = ("Indicators with a subnational source", "Indicadores con fuente subnacional"),
        ["without_source"] = ("Indicators without a source", "Indicadores sin fuente"),
        ["framework"] = ("SDG indicators", "Indicadores ODS"),
        ["operation_id"] = ("Operation", "Operación"),
        ["name"] = ("Name", "Nombre"),
        ["producer"] = ("Producer", "Productor"),
        ["type"] = ("Type", "Tipo"),
        ["periodicity"] = ("Periodicity", "Periodicidad"),
        ["reference_years"] = ("Reference years", "Años de referencia"),
        ["next_round"] = ("Next round", "Próxima ronda"),
        ["level"] = ("Lowest level with representative estimates", "Nivel mínimo con estimaciones representativas"),
        ["sample_size"] = ("Sample size", "Tamaño de la muestra"),
        ["universe"] = ("Universe", "Universo"),
        ["coverage"] = ("Coverage", "Cobertura"),
        ["areas"] = ("Areas covered", "Áreas cubiertas"),
        ["methodology_url"] = ("Methodology", "Metodología"),
        ["indicator_count"] = ("Indicators", "Indicadores"),
        ["indicator"] = ("Indicator", "Indicador"),
        ["indicator_name"] = ("Indicator name", "Nombre del indicador"),
        ["series"] = ("Series", "Serie"),
        ["disaggregations"] = ("Disaggregations", "Desagregaciones"),
        ["gap"] = ("Gap", "Brecha"),
        [IndicatorGap.NoSource] = ("No source", "Sin fuente"),
        [IndicatorGap.NoSubnationalSource] = ("No subnational source", "Sin fuente subnacional"),
        ["countries"] = ("Countries", "Países"),
        ["gap_count"] = ("Gaps", "Brechas"),
        ["whole_country"] = ("Whole country", "Todo el país"),
    };

    public static string Label(string id, string lang) => Labels.TryGetValue(id, out var l) ? (lang == "es" ? l.Es : l.En) : id;

    /// <summary>The report of one country (<paramref name="country"/>) or of the region (null), labels in <paramref name="lang"/>.</summary>
    /// <remarks><paramref name="countries"/> are those of the report (one, or every country of the catalogue), in order.</remarks>
    public static ReportDocument Build(
        string lang, string? country, IReadOnlyList<string> countries, IReadOnlyList<StatisticalOperation> operations, IReadOnlyList<IndicatorGap> gaps,
        IReadOnlyList<FrameworkIndicator> framework, IReadOnlyDictionary<string, BilingualName> countryNames, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(countries);
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(gaps);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(countryNames);
        string L(string id) => Label(id, lang);
        string CountryName(string code) => countryNames.TryGetValue(code, out var n) ? n.In(lang) : code;
        var indicatorNames = framework.ToDictionary(i => i.Notation, i => i.Name.In(lang), StringComparer.Ordinal);
        // The summary and gap tables name the country in a column of their own; elsewhere the page puts the name beside the code.
        ReportColumn C(string id) => new(id, L(id)) { Kind = id == "producer" ? ReportCellKind.Organisation : ReportCellKind.Text };
        ReportColumn Country() => new("country", L("country")) { Kind = ReportCellKind.Area };

        var summaryRows = new List<IReadOnlyList<string>>();
        var bars = new List<ReportBar>();
        foreach (var code in countries)
        {
            var own = operations.Where(o => o.Country == code).ToList();
            var withSource = own.SelectMany(o => o.Indicators.Select(i => i.Indicator)).Where(indicatorNames.ContainsKey).Distinct(StringComparer.Ordinal).Count();
            var subnational = own.Where(o => o.Level > GeographicLevel.National).SelectMany(o => o.Indicators.Select(i => i.Indicator)).Where(indicatorNames.ContainsKey).Distinct(StringComparer.Ordinal).Count();
            summaryRows.Add([code, CountryName(code), Number(own.Count), Number(withSource), Number(subnational), Number(framework.Count - withSource), Number(framework.Count)]);
            bars.Add(new ReportBar($"{CountryName(code)} ({code})", framework.Count == 0 ? 0 : (double)withSource / framework.Count, $"{withSource} / {framework.Count}"));
        }

        var operationRows = operations.Select(o => (IReadOnlyList<string>)
        [
            o.Id, o.NameIn(lang), o.Country, o.Producer, CatalogVocabulary.Label(CatalogVocabulary.OperationTypes, o.Type, lang),
            CatalogVocabulary.Label(CatalogVocabulary.Periodicities, o.Periodicity, lang), string.Join(", ", o.ReferenceYears.Select(y => Number(y))),
            o.NextRound is { } next ? Number(next) : "", o.Level.Label(lang), o.SampleSize is { } size ? Number(size) : "", o.Universe ?? "", o.Coverage ?? "",
            o.Areas.Count == 0 ? L("whole_country") : string.Join(", ", o.Areas), o.MethodologyUrl ?? "", Number(o.Indicators.Count),
        ]).ToList();

        var indicatorRows = operations.SelectMany(o => o.Indicators.Select(i => (IReadOnlyList<string>)
        [
            o.Country, o.Id, i.Indicator, indicatorNames.GetValueOrDefault(i.Indicator, ""), i.Series ?? "",
            string.Join(", ", i.Disaggregations.Select(d => CatalogVocabulary.Label(CatalogVocabulary.Disaggregations, d, lang))), o.Level.Label(lang),
        ])).ToList();

        var gapRows = gaps.OrderBy(g => countries.ToList().IndexOf(g.Country)).ThenBy(g => g.Kind, StringComparer.Ordinal).ThenBy(g => g.Indicator, IndicatorNotation.Comparer)
            .Select(g => (IReadOnlyList<string>)[g.Country, CountryName(g.Country), g.Indicator, indicatorNames.GetValueOrDefault(g.Indicator, ""), L(g.Kind)]).ToList();

        return new ReportDocument
        {
            Id = "catalog",
            Title = L("title"),
            Subtitle = country is null ? L("region") : $"{CountryName(country)} ({country})",
            Lang = lang,
            GeneratedAt = generatedAt,
            GeneratedLabel = L("generated"),
            Figures =
            [
                new("countries", L("countries"), Number(countries.Count)),
                new("operations", L("operation_count"), Number(operations.Count)),
                new("framework", L("framework"), Number(framework.Count)),
                new("gaps", L("gap_count"), Number(gaps.Count)),
            ],
            Chart = new ReportChart(L("chart"), bars),
            Tables =
            [
                new ReportTable("summary", L("summary"), [C("country"), C("country_name"), C("operation_count"), C("with_source"), C("with_subnational"), C("without_source"), C("framework")], summaryRows),
                new ReportTable("operations", L("operations"),
                    [C("operation_id"), C("name"), Country(), C("producer"), C("type"), C("periodicity"), C("reference_years"), C("next_round"), C("level"), C("sample_size"), C("universe"), C("coverage"), C("areas"), C("methodology_url"), C("indicator_count")],
                    operationRows) { EmptyText = L("none_operations") },
                new ReportTable("indicators", L("indicators"), [Country(), C("operation_id"), C("indicator"), C("indicator_name"), C("series"), C("disaggregations"), C("level")], indicatorRows) { EmptyText = L("none_operations") },
                new ReportTable("gaps", L("gaps"), [C("country"), C("country_name"), C("indicator"), C("indicator_name"), C("gap")], gapRows) { Note = L("gaps_note"), EmptyText = L("none_gaps") },
            ],
        };
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
