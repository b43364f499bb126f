using System.Globalization;
using MdgExchange.Domain.Catalog;
using MdgExchange.Domain.Inventory;

namespace MdgExchange.Application.Reports;

/// <summary>
/// The information-flow inventory as a report (DESIGN §4): summary figures, a diagram of who sends to whom, the flows
/// grouped by goal → target → indicator, a timeline per indicator and the gaps. Its CSV is the flow table alone, one
/// row per flow, headed by the stable column ids of <see cref="FlowColumns"/>; the gaps are in the JSON and HTML.
/// </summary>
public static class InventoryReport
{
    public const string FlowsTable = "flows";
    public const string GapsTable = "gaps";

    /// <summary>The columns of the flow table, in order: the CSV header and the JSON keys. Documented in the README; only ever added to.</summary>
    public static readonly IReadOnlyList<string> FlowColumns =
    [
        "indicator", "series", "country", "sender", "receiver", "direction", "kind", "channel", "format", "goal", "target", "thematic_area",
        "first_transfer", "last_transfer", "transfers", "rejected", "rejected_share", "median_interval_days", "series_count", "observations",
        "last_error", "median_pull_lag_hours", "median_revision_lag_hours", "pushes_not_yet_pulled",
    ];

    public static readonly IReadOnlyList<string> GapColumns = ["kind", "gap", "indicator", "series", "country", "organisation", "detail"];

    private static readonly Dictionary<string, (string En, string Es)> Labels = new(StringComparer.Ordinal)
    {
        ["title"] = ("Information-flow inventory", "Inventario de flujos de información"),
        ["generated"] = ("Generated", "Generado"),
        ["all"] = ("All recorded transfers", "Todas las transferencias registradas"),
        ["filters"] = ("Filters", "Filtros"),
        ["from"] = ("from", "desde"),
        ["to"] = ("to", "hasta"),
        ["organisation"] = ("Organisation", "Organización"),
        ["thematic_area"] = ("Thematic area", "Área temática"),
        ["flows_title"] = ("Flows by goal, target and indicator", "Flujos por objetivo, meta e indicador"),
        ["flows_note"] = ("One row per flow: transfers sharing indicator, series, country, sender, receiver, direction, kind, channel and format.",
            "Una fila por flujo: transferencias con el mismo indicador, serie, país, emisor, receptor, dirección, tipo, canal y formato."),
        ["none_flows"] = ("No flows for these filters.", "No hay flujos para estos filtros."),
        ["gaps_title"] = ("Gaps", "Brechas"),
        ["none_gaps"] = ("No gaps.", "Sin brechas."),
        ["diagram"] = ("Flows between organisations", "Flujos entre organizaciones"),
        ["diagram_more"] = (SvgFlowDiagram.DefaultMoreText, "+{0} pares emisor → receptor más ({1} transferencias): véase la tabla de flujos"),
        ["diagram_note"] = ("One arrow per sender and receiver; its width and number give the transfers.",
            "Una flecha por emisor y receptor; su ancho y su número indican las transferencias."),
        ["national"] = ("National bodies", "Organismos nacionales"),
        ["others"] = ("Others", "Otros"),
        ["agencies"] = ("International agencies", "Organismos internacionales"),
        ["everyone"] = ("* (every reader)", "* (todos los lectores)"),
        ["timeline"] = ("Timeline of indicator", "Cronología del indicador"),
        ["timeline_note"] = ("A bar per flow from its first to its last transfer; red: the share rejected.",
            "Una barra por flujo, de su primera a su última transferencia; en rojo, la proporción rechazada."),
        ["goal_heading"] = ("Goal", "Objetivo"),
        ["target_heading"] = ("Target", "Meta"),
        ["indicator_heading"] = ("Indicator", "Indicador"),
        ["no_indicator"] = ("No indicator", "Sin indicador"),
        ["no_goal"] = ("No goal", "Sin objetivo"),
        ["transfers_word"] = ("transfers", "transferencias"),
        ["transfer_word"] = ("transfer", "transferencia"),
        ["timeline_none"] = ("Timeline of the flows without an indicator", "Cronología de los flujos sin indicador"),
        ["rejected_word"] = ("rejected", "rechazadas"),
        // Summary figures.
        ["figure_flows"] = ("Flows", "Flujos"),
        ["figure_transfers"] = ("Transfers", "Transferencias"),
        ["figure_organisations"] = ("Organisations", "Organizaciones"),
        ["figure_countries"] = ("Countries", "Países"),
        ["figure_indicators"] = ("Indicators", "Indicadores"),
        ["figure_rejected"] = ("Rejected", "Rechazadas"),
        ["figure_pull_lag"] = ("Median pull lag", "Demora mediana de extracción"),
        ["figure_gaps"] = ("Gaps", "Brechas"),
        ["define_flows"] = ("Rows of the flow table: distinct indicator, series, country, sender, receiver, kind, channel and format", "Filas de la tabla de flujos: combinaciones distintas de indicador, serie, país, emisor, receptor, tipo, canal y formato"),
        ["define_transfers"] = ("Distinct transfers in the transfer log behind these flows; a transfer feeding several flows counts once", "Transferencias distintas del registro detrás de estos flujos; una transferencia que alimenta varios flujos cuenta una vez"),
        ["define_organisations"] = ("Distinct senders and receivers of these flows", "Emisores y receptores distintos de estos flujos"),
        ["define_countries"] = ("Distinct countries (reference areas) of these flows", "Países (áreas de referencia) distintos de estos flujos"),
        ["define_indicators"] = ("Distinct SDG indicators of these flows", "Indicadores ODS distintos de estos flujos"),
        ["define_rejected_share"] = ("Rejected transfers divided by the transfers above, each counted once", "Transferencias rechazadas divididas por las transferencias de arriba, cada una contada una vez"),
        ["define_median_pull_lag_hours"] = ("Median over pull flows of each flow's median hours from a push to the first pull after it", "Mediana, sobre los flujos de extracción, de la mediana de horas entre un envío y la primera extracción posterior"),
        ["define_gaps"] = ("Rows of the gap table", "Filas de la tabla de brechas"),
        // Columns.
        ["indicator"] = ("Indicator", "Indicador"),
        ["series"] = ("Series", "Serie"),
        ["country"] = ("Country", "País"),
        ["sender"] = ("Sender", "Emisor"),
        ["receiver"] = ("Receiver", "Receptor"),
        ["direction"] = ("Direction", "Dirección"),
        ["kind"] = ("Kind", "Tipo"),
        ["channel"] = ("Channel", "Canal"),
        ["format"] = ("Format", "Formato"),
        ["goal"] = ("Goal", "Objetivo"),
        ["target"] = ("Target", "Meta"),
        ["first_transfer"] = ("First transfer", "Primera transferencia"),
        ["last_transfer"] = ("Last transfer", "Última transferencia"),
        ["transfers"] = ("Transfers", "Transferencias"),
        ["rejected"] = ("Rejected", "Rechazadas"),
        ["rejected_share"] = ("Rejected share", "Proporción rechazada"),
        ["median_interval_days"] = ("Median interval (days)", "Intervalo mediano (días)"),
        ["series_count"] = ("Series sent", "Series enviadas"),
        ["observations"] = ("Observations", "Observaciones"),
        ["last_error"] = ("Last error", "Último error"),
        ["median_pull_lag_hours"] = ("Median pull lag (hours)", "Demora mediana de extracción (horas)"),
        ["median_revision_lag_hours"] = ("Median revision lag (hours)", "Demora mediana tras revisión (horas)"),
        ["pushes_not_yet_pulled"] = ("Pushes not yet pulled", "Envíos aún no extraídos"),
        ["gap"] = ("Gap", "Brecha"),
        ["detail"] = ("Detail", "Detalle"),
        [InventoryGap.NotPulled] = ("Pushed by the country, never pulled by the agency", "Enviada por el país, nunca extraída por el organismo"),
        [InventoryGap.NoNationalTransfer] = ("Published by an agency with no national transfer behind", "Publicada por un organismo sin transferencia nacional detrás"),
    };

    public static string Label(string id, string lang) => Labels.TryGetValue(id, out var l) ? (lang == "es" ? l.Es : l.En) : id;

    /// <remarks>
    /// <paramref name="names"/> gives the HTML page its country and organisation names (codes alone without it); the
    /// rejected share is a full-precision ratio in CSV and JSON, a percentage on the page.
    /// </remarks>
    public static ReportDocument Build(InventoryResult result, string lang, ReportNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        names ??= ReportNames.None;
        string L(string id) => Label(id, lang);
        ReportColumn C(string id) => new(id, L(id)) { Kind = KindOf(id) };
        var flows = result.Flows.OrderBy(f => GoalOf(f), GoalComparer).ThenBy(f => TargetOf(f), IndicatorNotation.Comparer)
            .ThenBy(f => f.Indicator.Length == 0 ? 1 : 0).ThenBy(f => f.Indicator, IndicatorNotation.Comparer)
            .ThenBy(f => f.Series, StringComparer.Ordinal).ThenBy(f => f.Country, StringComparer.Ordinal).ThenBy(f => f.Sender, StringComparer.Ordinal)
            .ThenBy(f => f.Receiver, StringComparer.Ordinal).ThenBy(f => f.Kind, StringComparer.Ordinal).ThenBy(f => f.Channel, StringComparer.Ordinal)
            .ThenBy(f => f.Format, StringComparer.Ordinal).ToList();

        var flowTable = new ReportTable(FlowsTable, L("flows_title"), [.. FlowColumns.Select(C)], [.. flows.Select(FlowRow)])
        {
            Note = L("flows_note"),
            EmptyText = L("none_flows"),
            RowGroups = [.. flows.Select(f => Groups(f, lang))],
        };
        var gapRows = result.Gaps.OrderBy(g => g.Indicator, IndicatorNotation.Comparer).ThenBy(g => g.Country, StringComparer.Ordinal)
            .ThenBy(g => g.Organisation, StringComparer.Ordinal).ThenBy(g => g.Series, StringComparer.Ordinal).ThenBy(g => g.Kind, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<string>)[g.Kind, L(g.Kind), g.Indicator, g.Series ?? "", g.Country, g.Organisation, g.Detail]).ToList();
        var gapTable = new ReportTable(GapsTable, L("gaps_title"), [.. GapColumns.Select(C)], gapRows) { EmptyText = L("none_gaps") };

        return new ReportDocument
        {
            Id = "inventory",
            Title = L("title"),
            Subtitle = Subtitle(result.Query, lang, names),
            Lang = lang,
            GeneratedAt = result.GeneratedAt,
            GeneratedLabel = L("generated"),
            Figures = Figures(result, lang),
            Graphics = flows.Count == 0 ? [] : [Diagram(flows, lang, names), .. Timelines(flows, lang)],
            Tables = [flowTable, gapTable],
            CsvTableId = FlowsTable,
            Names = names,
        };
    }

    private static ReportCellKind KindOf(string column) => column switch
    {
        "country" => ReportCellKind.Area,
        "sender" or "receiver" or "organisation" => ReportCellKind.Organisation,
        "rejected_share" => ReportCellKind.Share,
        _ => ReportCellKind.Text,
    };

    private static IReadOnlyList<string> FlowRow(InventoryFlow f) =>
    [
        f.Indicator, f.Series ?? "", f.Country, f.Sender, f.Receiver, f.Direction, f.Kind, f.Channel, f.Format, GoalOf(f) ?? "", TargetOf(f) ?? "",
        f.ThematicArea ?? ThematicAreas.Of(f.Indicator) ?? "", Moment(f.FirstTransfer), Moment(f.LastTransfer), Number(f.Transfers), Number(f.Rejected),
        f.RejectedShare.ToString("R", CultureInfo.InvariantCulture), Decimal(f.MedianInterval?.TotalDays), Number(f.SeriesCount), Number(f.Observations),
        f.LastError ?? "", Decimal(f.MedianPullLag?.TotalHours), Decimal(f.MedianRevisionLag?.TotalHours), Number(f.PushesNotYetPulled),
    ];

    private static IReadOnlyList<string> Groups(InventoryFlow f, string lang)
    {
        var goal = GoalOf(f);
        var area = f.ThematicArea ?? ThematicAreas.Of(goal);
        var goalHeading = goal is null ? Label("no_goal", lang)
            : area is null ? $"{Label("goal_heading", lang)} {goal}" : $"{Label("goal_heading", lang)} {goal} — {ThematicAreas.Name(area, lang)}";
        var indicator = f.Indicator.Length == 0 ? Label("no_indicator", lang) : $"{Label("indicator_heading", lang)} {f.Indicator}";
        return TargetOf(f) is { } target ? [goalHeading, $"{Label("target_heading", lang)} {target}", indicator] : [goalHeading, indicator];
    }

    private static IReadOnlyList<ReportFigure> Figures(InventoryResult result, string lang)
    {
        var flows = result.Flows;
        var transfers = result.TransfersRead;
        var lags = flows.Where(f => f.MedianPullLag is not null).Select(f => f.MedianPullLag!.Value.TotalHours).Order().ToList();
        ReportFigure Figure(string id, string label, string value) => new(id, Label(label, lang), value) { Definition = Label("define_" + id, lang) };
        return
        [
            Figure("flows", "figure_flows", Number(flows.Count)),
            Figure("transfers", "figure_transfers", Number(transfers)),
            Figure("organisations", "figure_organisations", Number(Organisations(flows).Keys.Count(o => o != "*"))),
            Figure("countries", "figure_countries", Number(flows.Select(f => f.Country).Distinct(StringComparer.Ordinal).Count())),
            Figure("indicators", "figure_indicators", Number(flows.Where(f => f.Indicator.Length > 0).Select(f => f.Indicator).Distinct(StringComparer.Ordinal).Count())),
            Figure("rejected_share", "figure_rejected", transfers == 0 ? "—" : ReportCells.Percent((double)result.RejectedTransfers / transfers, lang)),
            Figure("median_pull_lag_hours", "figure_pull_lag", lags.Count == 0 ? "—" : $"{Decimal(Median(lags))} h"),
            Figure("gaps", "figure_gaps", Number(result.Gaps.Count)),
        ];
    }

    private static ReportGraphic Diagram(IReadOnlyList<InventoryFlow> flows, string lang, ReportNames names)
    {
        // Boxes keep the short ids (the drawing truncates long labels); the arrows' tooltips name the organisations.
        string Named(string organisation) => organisation == "*" ? Label("everyone", lang) : names.Organisation(organisation);
        var nodes = Organisations(flows).Select(o => new DiagramNode(o.Key, o.Key == "*" ? Label("everyone", lang) : o.Key, o.Value)).ToList();
        var edges = flows.GroupBy(f => (f.Sender, f.Receiver))
            .Select(g => new DiagramEdge(g.Key.Sender, g.Key.Receiver, g.Sum(f => f.Transfers), $"{Named(g.Key.Sender)} → {Named(g.Key.Receiver)}: {Number(g.Sum(f => f.Transfers))} {Label("transfers_word", lang)}"))
            .ToList();
        var title = Label("diagram", lang);
        return new ReportGraphic("flow-diagram", title, SvgFlowDiagram.Draw("flow-diagram", title, nodes, edges, [Label("national", lang), Label("others", lang), Label("agencies", lang)], Label("diagram_more", lang)))
        {
            Note = Label("diagram_note", lang),
        };
    }

    private static IEnumerable<ReportGraphic> Timelines(IReadOnlyList<InventoryFlow> flows, string lang)
    {
        // One axis for every indicator, so their timelines line up.
        var start = flows.Min(f => f.FirstTransfer);
        var end = flows.Max(f => f.LastTransfer);
        foreach (var indicator in flows.GroupBy(f => f.Indicator))
        {
            var lanes = indicator.Select(f => new TimelineLane(
                $"{f.Sender} → {f.Receiver} · {f.Kind}{(f.Series is null ? "" : " · " + f.Series)} · {f.Country}", f.FirstTransfer, f.LastTransfer, f.RejectedShare,
                $"{Number(f.Transfers)} {Label(f.Transfers == 1 ? "transfer_word" : "transfers_word", lang)}{(f.Rejected == 0 ? "" : $", {ReportCells.Percent(f.RejectedShare, lang)} {Label("rejected_word", lang)}")}")).ToList();
            var title = indicator.Key.Length == 0 ? Label("timeline_none", lang) : $"{Label("timeline", lang)} {indicator.Key}";
            yield return new ReportGraphic("timeline-" + (indicator.Key.Length == 0 ? "none" : indicator.Key), title, SvgTimeline.Draw(title, lanes, start, end))
            {
                AfterTable = FlowsTable,
                Note = Label("timeline_note", lang),
            };
        }
    }

    /// <summary>Every organisation at either end, with its column: national bodies left, agencies right, the rest (and <c>*</c>) between.</summary>
    private static Dictionary<string, DiagramColumn> Organisations(IEnumerable<InventoryFlow> flows)
    {
        var columns = new Dictionary<string, DiagramColumn>(StringComparer.Ordinal);
        void Set(string organisation, DiagramColumn? column)
        {
            if (column is { } known && organisation != "*")
            {
                // What a flow's direction says wins over not knowing; the first known side wins a conflict.
                if (!columns.TryGetValue(organisation, out var existing) || existing == DiagramColumn.Middle)
                {
                    columns[organisation] = known;
                }
            }
            else
            {
                columns.TryAdd(organisation, DiagramColumn.Middle);
            }
        }

        foreach (var f in flows)
        {
            var (sender, receiver) = f.Direction switch
            {
                FlowDirections.NationalToAgency => (DiagramColumn.Left, DiagramColumn.Right),
                FlowDirections.AgencyToNational => (DiagramColumn.Right, DiagramColumn.Left),
                FlowDirections.AgencyToAgency => (DiagramColumn.Right, DiagramColumn.Right),
                FlowDirections.NationalToNational => (DiagramColumn.Left, (DiagramColumn?)DiagramColumn.Left),
                _ => ((DiagramColumn?)null, (DiagramColumn?)null),
            };
            Set(f.Sender, sender);
            Set(f.Receiver, receiver);
        }

        return columns;
    }

    private static string? Subtitle(InventoryQuery query, string lang, ReportNames names)
    {
        var parts = new List<string>();
        if (query.From is { } from)
        {
            parts.Add($"{Label("from", lang)} {Moment(from)}");
        }

        if (query.To is { } to)
        {
            parts.Add($"{Label("to", lang)} {Moment(to)}");
        }

        void Add(string id, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{Label(id, lang).ToLower(CultureInfo.InvariantCulture)} {value}");
            }
        }

        Add("country", string.IsNullOrEmpty(query.Country) ? null : names.Area(query.Country));
        Add("organisation", string.IsNullOrEmpty(query.Organisation) ? null : names.Organisation(query.Organisation));
        Add("goal", query.Goal);
        Add("target", query.Target);
        Add("indicator", query.Indicator);
        Add("thematic_area", query.ThematicArea is null ? null : ThematicAreas.Name(query.ThematicArea, lang));
        return parts.Count == 0 ? Label("all", lang) : $"{Label("filters", lang)}: {string.Join(", ", parts)}";
    }

    private static string? GoalOf(InventoryFlow f) => string.IsNullOrEmpty(f.Goal) ? ThematicAreas.GoalOf(f.Indicator) : f.Goal;

    private static string? TargetOf(InventoryFlow f) => string.IsNullOrEmpty(f.Target) ? ThematicAreas.TargetOf(f.Indicator) : f.Target;

    // Goals in number order; flows without a goal last.
    private static readonly Comparer<string?> GoalComparer = Comparer<string?>.Create((a, b) =>
        a is null ? (b is null ? 0 : 1) : b is null ? -1 : IndicatorNotation.Comparer.Compare(a, b));

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static string Moment(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Decimal(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
