using System.Globalization;
using System.Text;
using System.Xml;

namespace MdgExchange.Application.Reports;

/// <summary>
/// A report as one self-contained HTML page: inline CSS, charts drawn with CSS bars, drawings as inline SVG, no
/// script and nothing fetched from the network, so it can be mailed or archived as it is. Written with an <see cref="XmlWriter"/>, so the page
/// is also well-formed XML (XHTML) and every text is escaped.
/// </summary>
public static class HtmlReportWriter
{
    private const string Xhtml = "http://www.w3.org/1999/xhtml";

    private const string Style =
        """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem;color:#1f2933;max-width:80rem}
        h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #0b6e99;padding-bottom:.2rem}
        .subtitle,.generated,.note{color:#52606d}.figures{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}
        .figure{background:#f0f4f8;border-radius:.4rem;padding:.6rem 1rem;min-width:9rem}.figure .value{font-size:1.5rem;font-weight:600;display:block}.figure .definition{display:block;font-size:.75rem;color:#52606d;max-width:16rem}
        h1,h2,p,.figure{overflow-wrap:anywhere}.table-scroll{overflow-x:auto;max-width:100%}
        table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border:1px solid #d9e2ec;padding:.25rem .45rem;text-align:left;vertical-align:top}
        th{background:#0b6e99;color:#fff}tr:nth-child(even) td{background:#f7f9fb}
        .chart .bar-row{display:flex;align-items:center;margin:.2rem 0}.chart .label{width:14rem;font-size:.85rem}
        .chart .track{flex:1;background:#e4e7eb;height:1rem;border-radius:.2rem;margin:0 .5rem}.chart .fill{background:#0b6e99;height:1rem;border-radius:.2rem}
        .chart .text{width:8rem;font-size:.85rem}
        .graphic svg{max-width:100%;height:auto;display:block}tr.group th{color:#1f2933;background:#d9e2ec}
        tr.group-0 th{background:#bcccdc;font-size:.95rem}tr.group-2 th{background:#eef2f6;font-weight:500}
        @media print{body{margin:0}th{background:#ddd;color:#000}}
        """;

    public static byte[] Write(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, OmitXmlDeclaration = true };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteDocType("html", null, null, null);
            xml.WriteStartElement("html", Xhtml);
            xml.WriteAttributeString("lang", report.Lang);
            xml.WriteStartElement("head");
            Element(xml, "meta", null, ("charset", "utf-8"));
            Element(xml, "meta", null, ("name", "viewport"), ("content", "width=device-width, initial-scale=1"));
            Element(xml, "title", report.Title);
            Element(xml, "style", Style);
            xml.WriteEndElement();

            xml.WriteStartElement("body");
            Element(xml, "h1", report.Title);
            if (report.Subtitle is not null)
            {
                Element(xml, "p", report.Subtitle, ("class", "subtitle"));
            }

            Element(xml, "p", $"{report.GeneratedLabel}: {report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}", ("class", "generated"));
            Figures(xml, report.Figures);
            if (report.Chart is { } chart)
            {
                Chart(xml, chart);
            }

            foreach (var graphic in report.Graphics.Where(g => g.AfterTable is null))
            {
                Graphic(xml, graphic);
            }

            foreach (var table in report.Tables)
            {
                Table(xml, ReportCells.ForDisplay(table, report));
                foreach (var graphic in report.Graphics.Where(g => g.AfterTable == table.Id))
                {
                    Graphic(xml, graphic);
                }
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return buffer.ToArray();
    }

    private static void Figures(XmlWriter xml, IReadOnlyList<ReportFigure> figures)
    {
        if (figures.Count == 0)
        {
            return;
        }

        xml.WriteStartElement("div");
        xml.WriteAttributeString("class", "figures");
        foreach (var figure in figures)
        {
            xml.WriteStartElement("div");
            xml.WriteAttributeString("class", "figure");
            xml.WriteAttributeString("id", "figure-" + figure.Id);
            Element(xml, "span", figure.Value, ("class", "value"));
            Element(xml, "span", figure.Label, ("class", "label"));
            if (figure.Definition is { } definition)
            {
                Element(xml, "span", definition, ("class", "definition"));
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Chart(XmlWriter xml, ReportChart chart)
    {
        xml.WriteStartElement("section");
        xml.WriteAttributeString("class", "chart");
        Element(xml, "h2", chart.Title);
        foreach (var bar in chart.Bars)
        {
            xml.WriteStartElement("div");
            xml.WriteAttributeString("class", "bar-row");
            Element(xml, "span", bar.Label, ("class", "label"));
            xml.WriteStartElement("span");
            xml.WriteAttributeString("class", "track");
            var width = Math.Clamp(bar.Share, 0, 1) * 100;
            Element(xml, "span", "", ("class", "fill"), ("style", $"display:block;width:{width.ToString("0.#", CultureInfo.InvariantCulture)}%"));
            xml.WriteEndElement();
            Element(xml, "span", bar.Text, ("class", "text"));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Graphic(XmlWriter xml, ReportGraphic graphic)
    {
        xml.WriteStartElement("section");
        xml.WriteAttributeString("class", "graphic");
        xml.WriteAttributeString("id", "graphic-" + graphic.Id);
        Element(xml, "h2", graphic.Title);
        if (graphic.Note is not null)
        {
            Element(xml, "p", graphic.Note, ("class", "note"));
        }

        // Copied node by node, so a drawing that is not well-formed fails here rather than in the reader's browser.
        using (var svg = XmlReader.Create(new StringReader(graphic.Svg), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true }))
        {
            svg.MoveToContent();
            xml.WriteNode(svg, defattr: true);
        }

        xml.WriteEndElement();
    }

    private static void Table(XmlWriter xml, ReportTable table)
    {
        xml.WriteStartElement("section");
        xml.WriteAttributeString("id", table.Id);
        Element(xml, "h2", table.Title);
        if (table.Note is not null)
        {
            Element(xml, "p", table.Note, ("class", "note"));
        }

        if (table.Rows.Count == 0)
        {
            Element(xml, "p", table.EmptyText ?? "—", ("class", "note"));
            xml.WriteEndElement();
            return;
        }

        // A table wider than the page scrolls inside its own box; the page itself never scrolls sideways.
        xml.WriteStartElement("div");
        xml.WriteAttributeString("class", "table-scroll");
        xml.WriteStartElement("table");
        xml.WriteStartElement("thead");
        xml.WriteStartElement("tr");
        foreach (var column in table.Columns)
        {
            Element(xml, "th", column.Label, ("scope", "col"));
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("tbody");
        IReadOnlyList<string> previous = [];
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            if (table.RowGroups is { } groups)
            {
                previous = GroupHeadings(xml, previous, groups[r], table.Columns.Count);
            }

            xml.WriteStartElement("tr");
            foreach (var cell in row)
            {
                Element(xml, "td", cell);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>A heading row for every level from the first that differs from the previous row's down.</summary>
    private static IReadOnlyList<string> GroupHeadings(XmlWriter xml, IReadOnlyList<string> previous, IReadOnlyList<string> current, int columns)
    {
        var same = 0;
        while (same < previous.Count && same < current.Count && previous[same] == current[same])
        {
            same++;
        }

        for (var level = same; level < current.Count; level++)
        {
            xml.WriteStartElement("tr");
            xml.WriteAttributeString("class", $"group group-{level.ToString(CultureInfo.InvariantCulture)}");
            Element(xml, "th", current[level], ("colspan", columns.ToString(CultureInfo.InvariantCulture)), ("scope", "colgroup"));
            xml.WriteEndElement();
        }

        return current;
    }

    private static void Element(XmlWriter xml, string name, string? text, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement(name);
        foreach (var (attribute, value) in attributes)
        {
            xml.WriteAttributeString(attribute, value);
        }

        if (!string.IsNullOrEmpty(text))
        {
            xml.WriteString(text);
            xml.WriteEndElement();
        }
        else if (name == "meta")
        {
            xml.WriteEndElement();
        }
        else
        {
            // Written open and closed (<span></span>): HTML parsers do not read <span/> as closed.
            xml.WriteFullEndElement();
        }
    }
}
