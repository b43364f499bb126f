using System.Globalization;
using System.Text;
using System.Text.Json;
using MdgExchange.Application.Security;
using MdgExchange.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MdgExchange.Server.Tests.Portal;

/// <summary>
/// The upload form's progress in a real Chromium: the bytes sent, then the server's reading and checking of the file,
/// then its answer in place; the upload's progress is its sender's only.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalUploadTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly PortalDriver _portal = new(browser, server);

    /// <summary>An SDMX-CSV file of daily values of nine series of Chile (by sex and urbanisation), one row per day from 1 January 2000.</summary>
    private static string DailyCsv(int days)
    {
        var csv = new StringBuilder("STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REPORTING_TYPE,SERIES,REF_AREA,SEX,AGE,URBANISATION,INCOME_WEALTH_QUANTILE,EDUCATION_LEV,OCCUPATION,CUST_BREAKDOWN,COMPOSITE_BREAKDOWN,DISABILITY_STATUS,ACTIVITY,PRODUCT,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS,UNIT_MULT,NATURE\n");
        foreach (var (sex, urbanisation) in new[] { "_T", "F", "M" }.SelectMany(s => new[] { "_T", "U", "R" }.Select(u => (s, u))))
        {
            for (var day = 0; day < days; day++)
            {
                var period = new DateOnly(2000, 1, 1).AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                csv.Append(CultureInfo.InvariantCulture, $"dataflow,MDGX:DF_SDG(1.0),I,D,N,SH_DYN_MORT,152,{sex},Y0T4,{urbanisation},_T,_T,_T,_T,_T,_T,_T,_T,{period},{day % 100}.5,PER_1000_LIVE_BIRTHS,A,0,C\n");
            }
        }

        var path = Path.Combine(Path.GetTempPath(), $"ine-daily-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    [Fact]
    public async Task An_upload_shows_the_bytes_sent_then_the_answer_in_place_and_its_progress_is_its_senders_only()
    {
        await server.RegisterAgreementAsync("INE-CL", "MDGX:DF_SDG(1.0)", "152");
        var page = await _portal.SignedUpAsync("INE-CL", Roles.Provider, "marta@ine.gob.cl", "es-CL", "Marta");
        var file = DailyCsv(1_500);
        try
        {
            await page.GotoAsync(_portal.At("/upload").ToString());
            await PortalDriver.AccessibleAsync(page, "upload with progress");
            var uploadId = await page.GetAttributeAsync("input[name=uploadId]", "value");
            // What the page says while it works, as a person using a screen reader would hear it (the status region).
            await page.EvaluateAsync("() => { window.said = []; const s = document.getElementById('upload-status'); new MutationObserver(() => window.said.push(s.textContent)).observe(s, { childList: true, characterData: true, subtree: true }); }");
            await page.SetInputFilesAsync("#file", file);
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForSelectorAsync("#upload-result");

            page.Url.Should().EndWith("/upload", "the answer is shown in place, by the script");
            var said = await page.EvaluateAsync<string[]>("() => window.said");
            said.Should().Contain(s => s.StartsWith("Enviando el archivo: ", StringComparison.Ordinal) && s.Contains(" bytes)", StringComparison.Ordinal), "the bytes sent are shown");
            var result = await page.TextContentAsync("#upload-result");
            result.Should().MatchRegex(@"13[.\s\u00A0\u202F]500 observaciones", "13,500 observations, grouped the Spanish way");
            var transfer = await page.TextContentAsync("#upload-result code");
            await PortalDriver.AccessibleAsync(page, "upload stored");
            await _portal.ScreenshotAsync(page, "portal-upload-progress-es");

            var progress = await page.EvaluateAsync<JsonElement>("async id => { const r = await fetch('/upload?handler=progress&id=' + id); return await r.json(); }", uploadId);
            (progress.GetProperty("done").GetBoolean(), progress.GetProperty("read").GetBoolean(), progress.GetProperty("observations").GetInt64()).Should().Be((true, true, 13_500L));
            progress.GetProperty("bytesRead").GetInt64().Should().Be(new FileInfo(file).Length).And.Be(progress.GetProperty("bytesTotal").GetInt64());
            progress.GetProperty("transferId").GetString().Should().Be(transfer);

            (await page.GetAttributeAsync("input[name=uploadId]", "value")).Should().NotBe(uploadId, "the form shown with the answer is ready for the next upload");
            await page.SetInputFilesAsync("#file", file);
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForFunctionAsync("t => document.querySelector('#upload-result code') && document.querySelector('#upload-result code').textContent !== t", transfer);
            (await page.TextContentAsync("#upload-result")).Should().MatchRegex(@"13[.\s\u00A0\u202F]500 observaciones", "the form works again after the answer replaced it");

            var other = await _portal.SignedUpAsync("INE-CL", Roles.Provider, "pedro@ine.gob.cl", "es-CL", "Pedro");
            var status = await other.EvaluateAsync<int>("async id => (await fetch('/upload?handler=progress&id=' + id)).status", uploadId);
            status.Should().Be(404, "an upload's progress is its sender's only");
            await other.Context.CloseAsync();
        }
        finally
        {
            File.Delete(file);
            await page.Context.CloseAsync();
        }
    }
}
