using System.Text.Json;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Reports;
using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MdgExchange.Server.Tests.Reports;

/// <summary>
/// The three HTML reports opened in a real headless Chromium at 1,280 px wide, in English and Spanish, at volume: the
/// inventory of 2,000 flows, discrepancies over 34 years, the catalogue from the server. The page never scrolls
/// sideways, no two labels of any drawing meet as the browser lays them out, and a full-page screenshot of each is
/// kept (<see cref="BrowserFixture.Screenshots"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportBrowserTests(BrowserFixture browser, CatalogFixture catalog) : IClassFixture<CatalogFixture>
{
    private const int ViewportWidth = 1280;

    /// <summary>
    /// The tallest screenshot taken whole. A report at volume is far taller (the inventory's 2,000-row table, 25 timelines):
    /// its screenshot is its first <see cref="MaxScreenshotHeight"/> pixels, and each kind of drawing gets one of its own.
    /// </summary>
    private const int MaxScreenshotHeight = 12000;

    /// <summary>
    /// The page's width against the window's, and per drawing the labels whose boxes intersect (touching is fine),
    /// found by a sweep along x: sorted by left edge, each box is compared only with those starting before it ends.
    /// </summary>
    private const string Measure =
        """
        () => {
          const overlaps = [];
          let texts = 0;
          const svgs = [...document.querySelectorAll('svg')];
          svgs.forEach((svg, index) => {
            const boxes = [...svg.querySelectorAll('text')]
              .filter(t => t.textContent.trim().length > 0)
              .map(t => { const r = t.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom, s: t.textContent }; })
              .filter(b => b.r > b.l && b.b > b.t)
              .sort((a, b) => a.l - b.l);
            texts += boxes.length;
            const e = 0.01;
            for (let a = 0; a < boxes.length; a++) {
              for (let b = a + 1; b < boxes.length && boxes[b].l < boxes[a].r - e; b++) {
                if (boxes[a].t < boxes[b].b - e && boxes[b].t < boxes[a].b - e) {
                  overlaps.push(`${svg.getAttribute('class')} #${index}: "${boxes[a].s}" × "${boxes[b].s}"`);
                }
              }
            }
          });
          const scrolling = [...document.querySelectorAll('.table-scroll')].filter(d => d.scrollWidth > d.clientWidth).length;
          return { scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight, innerWidth: window.innerWidth, svgs: svgs.length, texts, scrolling, overlaps: overlaps.slice(0, 50), overlapCount: overlaps.length };
        }
        """;

    private async Task<byte[]> RenderAsync(string report, string lang) => report switch
    {
        "inventory" => ReportRenderer.Render(InventoryReport.Build(VolumeReports.Inventory(), lang), ReportFormats.Html),
        "discrepancies" => ReportRenderer.Render(DiscrepancyReport.Build(VolumeReports.Pairs(), VolumeReports.SeriesIndicators, lang, VolumeReports.T0), ReportFormats.Html),
        _ => (await new CatalogService.CatalogServiceClient(catalog.As("UNICEF", Roles.Agency))
            .RenderCatalogReportAsync(new RenderCatalogReportRequest { Format = ReportFormats.Html, Lang = lang })).Content.ToByteArray(),
    };

    [Theory]
    [InlineData("inventory", "en", 26)]
    [InlineData("inventory", "es", 26)]
    [InlineData("discrepancies", "en", 48)]
    [InlineData("discrepancies", "es", 48)]
    [InlineData("catalog", "en", 0)]
    [InlineData("catalog", "es", 0)]
    public async Task At_1280_px_the_page_never_scrolls_sideways_and_no_two_labels_meet(string report, string lang, int drawings)
    {
        var directory = Directory.CreateTempSubdirectory("mdgx-report-");
        try
        {
            var file = Path.Combine(directory.FullName, $"{report}-{lang}.html");
            await File.WriteAllBytesAsync(file, await RenderAsync(report, lang));
            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = ViewportWidth, Height = 900 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(file).AbsoluteUri);

            var measured = await page.EvaluateAsync<JsonElement>(Measure);
            var screenshot = await ScreenshotsAsync(page, $"{report}-{lang}", measured.GetProperty("scrollHeight").GetInt32());

            measured.GetProperty("innerWidth").GetInt32().Should().Be(ViewportWidth);
            measured.GetProperty("scrollWidth").GetInt32().Should().BeLessThanOrEqualTo(ViewportWidth, "the page never scrolls sideways; wide tables scroll inside it");
            measured.GetProperty("svgs").GetInt32().Should().Be(drawings);
            measured.GetProperty("overlaps").EnumerateArray().Select(o => o.GetString()).Should().BeEmpty(
                $"no two labels meet ({measured.GetProperty("overlapCount").GetInt32()} pairs do, of {measured.GetProperty("texts").GetInt32()} labels)");
            if (drawings > 0)
            {
                measured.GetProperty("texts").GetInt32().Should().BeGreaterThan(drawings * 5, "the drawings were laid out with their labels");
            }

            if (report == "inventory")
            {
                measured.GetProperty("scrolling").GetInt32().Should().BeGreaterThan(0, "the 24-column flow table is wider than the page and scrolls in its box");
            }

            var png = await File.ReadAllBytesAsync(screenshot);
            png.Should().StartWith([0x89, (byte)'P', (byte)'N', (byte)'G'], $"a screenshot at {screenshot}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The page's screenshot (whole, or its top when taller than <see cref="MaxScreenshotHeight"/>) and one of the first drawing of each kind.</summary>
    private async Task<string> ScreenshotsAsync(IPage page, string name, int height)
    {
        Directory.CreateDirectory(browser.Screenshots);
        var path = Path.Combine(browser.Screenshots, name + ".png");
        if (height <= MaxScreenshotHeight)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 120_000 });
        }
        else
        {
            // A window as tall as the screenshot, as wide as before: the layout stays the one measured.
            await page.SetViewportSizeAsync(ViewportWidth, MaxScreenshotHeight);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Timeout = 120_000 });
        }

        foreach (var kind in new[] { "flow-diagram", "timeline", "series-chart" })
        {
            var drawing = page.Locator($"svg.{kind}").First;
            if (await drawing.CountAsync() > 0)
            {
                await drawing.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(browser.Screenshots, $"{name}-{kind}.png"), Timeout = 120_000 });
            }
        }

        return path;
    }
}
