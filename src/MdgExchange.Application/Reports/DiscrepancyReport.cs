using System.Globalization;
using MdgExchange.Domain.Discrepancies;
using MdgExchange.Domain.Inventory;

namespace MdgExchange.Application.Reports;

/// <summary>
/// The discrepancy typology report: one row per national/international pair (the CSV, headed by the stable column
/// ids of <see cref="PairColumns"/>), counts per typology code by thematic area, goal, target, indicator and country,
/// the NATURE of the international figures, the largest gaps, the reconciliation progress and a line chart per
/// series and country of the national and international values over time.
/// </summary>
public static class DiscrepancyReport
{
    public const string PairsTable = "pairs";

    /// <summary>The columns of the pair table, in order: the CSV header and the JSON keys. Documented in the README; only ever added to.</summary>
    public static readonly IReadOnlyList<string> PairColumns =
    [
        "series", "indicator", "area", "period", "breakdown", "national_organisation", "national_value", "national_nature",
        "international_organisation", "international_value", "international_nature", "difference", "relative_difference", "codes", "state",
    ];

    /// <summary>The NATURE codes of the share table: country data, adjusted, estimated, modelled, global monitoring.</summary>
    public static readonly IReadOnlyList<string> Natures = ["C", "CA", "E", "M", "G"];

    private const int LargestGaps = 20;

    private static readonly Dictionary<string, (string En, string Es)> Labels = new(StringComparer.Ordinal)
    {
        ["title"] = ("Discrepancy typology report", "Informe de tipología de discrepancias"),
        ["subtitle"] = ("National and international figures of the SDG indicators", "Cifras nacionales e internacionales de los indicadores ODS"),
        ["generated"] = ("Generated", "Generado"),
        ["pairs_title"] = ("Pairs", "Pares"),
        ["pairs_note"] = ("One row per national/international pair; difference = international − national, relative to the national value.",
            "Una fila por par nacional/internacional; diferencia = internacional − nacional, relativa al valor nacional."),
        ["none_pairs"] = ("No pairs for these filters.", "No hay pares para estos filtros."),
        ["by_thematic_area"] = ("Typology by thematic area", "Tipología por área temática"),
        ["by_goal"] = ("Typology by goal", "Tipología por objetivo"),
        ["by_target"] = ("Typology by target", "Tipología por meta"),
        ["by_indicator"] = ("Typology by indicator", "Tipología por indicador"),
        ["by_country"] = ("Typology by country", "Tipología por país"),
        ["counts_note"] = ("Pairs carrying each active typology code (a pair may carry several).", "Pares con cada código activo de la tipología (un par puede tener varios)."),
        ["none_counts"] = ("No typology codes.", "Sin códigos de tipología."),
        ["nature_title"] = ("Nature of the international figures", "Naturaleza de las cifras internacionales"),
        ["nature_note"] = ("Share of the pairs with an international value by its NATURE.", "Proporción de los pares con valor internacional según su NATURE."),
        ["gaps_title"] = ("Largest gaps", "Mayores brechas"),
        ["gaps_note"] = ("The 20 pairs with the largest relative difference.", "Los 20 pares con la mayor diferencia relativa."),
        ["none_gaps"] = ("No pair has both values.", "Ningún par tiene ambos valores."),
        ["progress_title"] = ("Reconciliation progress", "Avance de la conciliación"),
        ["charts_note"] = ("National and international values over time (total, or the first breakdown when there is no total).",
            "Valores nacionales e internacionales en el tiempo (total, o la primera desagregación si no hay total)."),
        ["chart"] = ("Series", "Serie"),
        ["in"] = ("in", "en"),
        ["year"] = ("Year", "Año"),
        ["value"] = ("Value", "Valor"),
        ["national"] = ("National", "Nacional"),
        ["international"] = ("International", "Internacional"),
        ["no_indicator"] = ("No indicator", "Sin indicador"),
        ["other"] = ("Other or none", "Otra o ninguna"),
        // Natures.
        ["nature_C"] = ("Country data", "Datos del país"),
        ["nature_CA"] = ("Country data adjusted", "Datos del país ajustados"),
        ["nature_E"] = ("Estimated", "Estimado"),
        ["nature_M"] = ("Modelled", "Modelizado"),
        ["nature_G"] = ("Global monitoring data", "Datos de seguimiento mundial"),
        // Figures.
        ["figure_pairs"] = ("Pairs", "Pares"),
        ["figure_series"] = ("Series", "Series"),
        ["figure_countries"] = ("Countries", "Países"),
        ["figure_open"] = ("Open (raised or in consultation)", "Abiertos (planteados o en consulta)"),
        // Columns.
        ["series"] = ("Series", "Serie"),
        ["indicator"] = ("Indicator", "Indicador"),
        ["area"] = ("Area", "Área"),
        ["period"] = ("Period", "Período"),
        ["breakdown"] = ("Breakdown", "Desagregación"),
        ["national_organisation"] = ("National organisation", "Organismo nacional"),
        ["national_value"] = ("National value", "Valor nacional"),
        ["national_nature"] = ("National NATURE", "NATURE nacional"),
        ["international_organisation"] = ("International organisation", "Organismo internacional"),
        ["international_value"] = ("International value", "Valor internacional"),
        ["international_nature"] = ("International NATURE", "NATURE internacional"),
        ["difference"] = ("Difference", "Diferencia"),
        ["relative_difference"] = ("Relative difference", "Diferencia relativa"),
        ["codes"] = ("Typology codes", "Códigos de tipología"),
        ["state"] = ("State", "Estado"),
        ["group"] = ("Group", "Grupo"),
        ["code"] = ("Code", "Código"),
        ["type"] = ("Type", "Tipo"),
        ["pairs"] = ("Pairs", "Pares"),
        ["share"] = ("Share", "Proporción"),
        ["nature"] = ("NATURE", "NATURE"),
        ["meaning"] = ("Meaning", "Significado"),
        // States.
        ["state_raised"] = ("Raised", "Planteado"),
        ["state_in-consultation"] = ("In consultation", "En consulta"),
        ["state_reconciled"] = ("Reconciled", "Conciliado"),
        ["state_documented-side-by-side"] = ("Documented side by side", "Documentado lado a lado"),
        ["state_national-accepted"] = ("National value accepted", "Valor nacional aceptado"),
        ["state_agency-retained"] = ("Agency value retained", "Valor de la agencia mantenido"),
    };

    public static string Label(string id, string lang) => Labels.TryGetValue(id, out var l) ? (lang == "es" ? l.Es : l.En) : id;

    /// <summary>The relative difference of a pair (0.05 = 5 %): difference over the absolute national value; null without both values or with a national 0.</summary>
    public static double? RelativeDifference(DiscrepancyPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return pair.Difference is { } d && pair.NationalValue is { } n && n != 0 ? d / Math.Abs(n) : null;
    }

    /// <remarks>
    /// <paramref name="names"/> gives the HTML page its area and organisation names (codes alone without it); relative
    /// differences and shares are full-precision ratios in CSV and JSON, percentages on the page.
    /// </remarks>
    public static ReportDocument Build(
        IReadOnlyList<DiscrepancyPair> pairs, IReadOnlyDictionary<string, string> indicatorOfSeries, string lang, DateTimeOffset generatedAt, ReportNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(indicatorOfSeries);
        names ??= ReportNames.None;
        string L(string id) => Label(id, lang);
        string Indicator(DiscrepancyPair p) => indicatorOfSeries.TryGetValue(p.Series, out var i) ? i : "";
        var ordered = pairs.OrderBy(p => p.Series, StringComparer.Ordinal).ThenBy(p => p.Area, StringComparer.Ordinal)
            .ThenBy(p => p.Period, StringComparer.Ordinal).ThenBy(p => p.Breakdown, StringComparer.Ordinal).ToList();

        var pairTable = new ReportTable(PairsTable, L("pairs_title"), PairTableColumns(lang),
            ordered.Select(p => PairRow(p, Indicator(p))).ToList()) { Note = L("pairs_note"), EmptyText = L("none_pairs") };

        var tables = new List<ReportTable>
        {
            Counts("by_thematic_area", ordered, p => ThematicAreas.Of(Indicator(p)) is { } area ? ThematicAreas.Name(area, lang) : L("no_indicator"), lang),
            Counts("by_goal", ordered, p => ThematicAreas.GoalOf(Indicator(p)) ?? L("no_indicator"), lang),
            Counts("by_target", ordered, p => ThematicAreas.TargetOf(Indicator(p)) ?? L("no_indicator"), lang),
            Counts("by_indicator", ordered, p => Indicator(p) is { Length: > 0 } i ? i : L("no_indicator"), lang),
            Counts("by_country", ordered, p => p.Area, lang, ReportCellKind.Area),
            NatureTable(ordered, lang),
            GapsTable(ordered, Indicator, lang),
            ProgressTable(ordered, lang),
            pairTable,
        };

        var graphics = new List<ReportGraphic>();
        foreach (var group in ordered.GroupBy(p => (p.Series, p.Area)))
        {
            var breakdown = group.Any(p => p.Breakdown.Length == 0) ? "" : group.Min(p => p.Breakdown)!;
            var points = group.Where(p => p.Breakdown == breakdown && Year(p.Period) is not null)
                .GroupBy(p => Year(p.Period)!.Value)
                .Select(g => new SeriesChartPoint(g.Key, g.Select(p => p.NationalValue).FirstOrDefault(v => v is not null), g.Select(p => p.InternationalValue).FirstOrDefault(v => v is not null)))
                .ToList();
            var indicator = indicatorOfSeries.TryGetValue(group.Key.Series, out var i) ? $" ({i})" : "";
            var title = $"{L("chart")} {group.Key.Series}{indicator} {L("in")} {names.Area(group.Key.Area)}{(breakdown.Length > 0 ? $" [{breakdown}]" : "")}";
            var id = $"chart-{group.Key.Series}-{group.Key.Area}";
            graphics.Add(new ReportGraphic(id, title, SvgSeriesChart.Draw(id, title, points, L("national"), L("international"), L("year"), L("value")))
            {
                AfterTable = PairsTable, Note = L("charts_note"),
            });
        }

        var open = ordered.Count(p => p.State is ReconciliationStates.Raised or ReconciliationStates.InConsultation);
        return new ReportDocument
        {
            Id = "discrepancies",
            Title = L("title"),
            Subtitle = L("subtitle"),
            Lang = lang,
            GeneratedAt = generatedAt,
            GeneratedLabel = L("generated"),
            Figures =
            [
                new ReportFigure("pairs", L("figure_pairs"), Count(ordered.Count)),
                new ReportFigure("series", L("figure_series"), Count(ordered.Select(p => p.Series).Distinct().Count())),
                new ReportFigure("countries", L("figure_countries"), Count(ordered.Select(p => p.Area).Distinct().Count())),
                new ReportFigure("open", L("figure_open"), Count(open)),
            ],
            Chart = ordered.Count == 0 ? null : new ReportChart(L("progress_title"), ReconciliationStates.All
                .Select(s => (State: s, Pairs: ordered.Count(p => p.State == s)))
                .Select(s => new ReportBar(L("state_" + s.State), s.Pairs / (double)ordered.Count, Count(s.Pairs))).ToList()),
            Graphics = graphics,
            Tables = tables,
            CsvTableId = PairsTable,
            Names = names,
        };
    }

    private static IReadOnlyList<string> PairRow(DiscrepancyPair p, string indicator) =>
    [
        p.Series, indicator, p.Area, p.Period, p.Breakdown, p.NationalOrganisation ?? "", AsSent(p.NationalValue), p.NationalNature ?? "",
        p.InternationalOrganisation ?? "", AsSent(p.InternationalValue), p.InternationalNature ?? "", Number(p.Difference), AsSent(RelativeDifference(p)),
        string.Join(' ', p.ActiveCodes.Order(StringComparer.Ordinal)), p.State,
    ];

    /// <summary>The pair table's columns: areas and organisations named, the relative difference a percentage on the page.</summary>
    private static List<ReportColumn> PairTableColumns(string lang) => PairColumns.Select(c => new ReportColumn(c, Label(c, lang))
    {
        Kind = c switch
        {
            "area" => ReportCellKind.Area,
            "national_organisation" or "international_organisation" => ReportCellKind.Organisation,
            "relative_difference" => ReportCellKind.Share,
            _ => ReportCellKind.Text,
        },
    }).ToList();

    private static ReportTable Counts(string id, IReadOnlyList<DiscrepancyPair> pairs, Func<DiscrepancyPair, string> group, string lang, ReportCellKind groupKind = ReportCellKind.Text)
    {
        var names = DiscrepancyTypology.All.ToDictionary(t => t.Code, t => lang == "es" ? t.NameEs : t.NameEn, StringComparer.Ordinal);
        var order = DiscrepancyTypology.All.Select((t, i) => (t.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var rows = pairs.SelectMany(p => p.ActiveCodes.Select(code => (Group: group(p), Code: code)))
            .GroupBy(x => x)
            .OrderBy(g => g.Key.Group, GroupComparer.Instance).ThenBy(g => order.GetValueOrDefault(g.Key.Code, int.MaxValue)).ThenBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<string>)[g.Key.Group, g.Key.Code, names.GetValueOrDefault(g.Key.Code, g.Key.Code), Count(g.Count())])
            .ToList();
        return new ReportTable(id, Label(id, lang), [new("group", Label("group", lang)) { Kind = groupKind }, new("code", Label("code", lang)), new("type", Label("type", lang)), new("pairs", Label("pairs", lang))], rows)
        {
            Note = Label("counts_note", lang), EmptyText = Label("none_counts", lang),
        };
    }

    private static ReportTable NatureTable(IReadOnlyList<DiscrepancyPair> pairs, string lang)
    {
        var international = pairs.Where(p => p.InternationalValue is not null).ToList();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var nature in Natures)
        {
            var count = international.Count(p => p.InternationalNature == nature);
            rows.Add([nature, Label("nature_" + nature, lang), Count(count), Share(count, international.Count)]);
        }

        var other = international.Count(p => p.InternationalNature is null || !Natures.Contains(p.InternationalNature));
        rows.Add(["", Label("other", lang), Count(other), Share(other, international.Count)]);
        return new ReportTable("nature", Label("nature_title", lang),
            [new("nature", Label("nature", lang)), new("meaning", Label("meaning", lang)), new("pairs", Label("pairs", lang)), new("share", Label("share", lang)) { Kind = ReportCellKind.Share }], rows)
        {
            Note = Label("nature_note", lang),
        };
    }

    private static ReportTable GapsTable(IReadOnlyList<DiscrepancyPair> pairs, Func<DiscrepancyPair, string> indicator, string lang)
    {
        var rows = pairs.Where(p => RelativeDifference(p) is not null)
            .OrderByDescending(p => Math.Abs(RelativeDifference(p)!.Value))
            .Take(LargestGaps)
            .Select(p => PairRow(p, indicator(p)))
            .ToList();
        return new ReportTable("gaps", Label("gaps_title", lang), PairTableColumns(lang), rows)
        {
            Note = Label("gaps_note", lang), EmptyText = Label("none_gaps", lang),
        };
    }

    private static ReportTable ProgressTable(IReadOnlyList<DiscrepancyPair> pairs, string lang)
    {
        var rows = ReconciliationStates.All
            .Select(s => (IReadOnlyList<string>)[s, Label("state_" + s, lang), Count(pairs.Count(p => p.State == s)), Share(pairs.Count(p => p.State == s), pairs.Count)])
            .ToList();
        return new ReportTable("progress", Label("progress_title", lang),
            [new("state", Label("state", lang)), new("meaning", Label("meaning", lang)), new("pairs", Label("pairs", lang)), new("share", Label("share", lang)) { Kind = ReportCellKind.Share }], rows);
    }

    private static int? Year(string period) =>
        period.Length >= 4 && int.TryParse(period.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A value exactly as it was sent: the shortest text that reads back as the same number (3.0391239 stays 3.0391239).</summary>
    private static string AsSent(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Number(double? value) => value is { } v ? Math.Round(v, 6).ToString("G", CultureInfo.InvariantCulture) : "";

    /// <summary>A share in full precision (0.3333333333333333): CSV and JSON carry it so, the page shows a percentage.</summary>
    private static string Share(int count, int total) => total == 0 ? "" : (count / (double)total).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Orders groups naturally: goal 2 before goal 10, target 3.2 before 3.10, then text.</summary>
    private sealed class GroupComparer : IComparer<string>
    {
        public static readonly GroupComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = (x ?? "").Split('.');
            var b = (y ?? "").Split('.');
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var c = int.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && int.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? m.CompareTo(n)
                    : string.CompareOrdinal(a[i], b[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return a.Length.CompareTo(b.Length);
        }
    }
}
