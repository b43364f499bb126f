using System.Text.Json;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MdgExchange.Server.Tests.Portal;

/// <summary>What the portal's browser tests share: invitations, a browser page per person, axe-core checks and screenshots.</summary>
public sealed class PortalDriver(BrowserFixture browser, ServerFixture server)
{
    public const string Password = "una frase de paso larga";

    public Uri At(string pathAndQuery) => new(server.HttpAddress, pathAndQuery);

    /// <summary>The coordinator invites a person; the sign-up link, on the test's loopback address.</summary>
    public async Task<string> InviteAsync(string organisation, string role, string email)
    {
        var invited = await new UserService.UserServiceClient(server.Coordinator).InviteUserAsync(new InviteUserRequest { Organisation = organisation, Role = role, Email = email });
        invited.SignUpUrl.Should().Contain("/signup?token=");
        // The link names the configured address; the test reaches the same server on its loopback address.
        var link = new Uri(invited.SignUpUrl);
        return new Uri(server.HttpAddress, link.PathAndQuery).ToString();
    }

    /// <summary>A fresh browser context (no cookies) in a language.</summary>
    public async Task<IPage> PageAsync(string language)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = language, ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language } });
        // The whole suite runs beside these tests on two cores: waits are generous, never the thing under test.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return await context.NewPageAsync();
    }

    /// <summary>A person invited, signed up through the form and on the home page.</summary>
    public async Task<IPage> SignedUpAsync(string organisation, string role, string email, string language, string name = "Test person")
    {
        var link = await InviteAsync(organisation, role, email);
        var page = await PageAsync(language);
        await page.GotoAsync(link);
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", Password);
        await page.ClickAsync("button[type=submit]");
        await ArrivedAsync(page, At("/").ToString());
        return page;
    }

    /// <summary>
    /// Waits until the page is at <paramref name="url"/> (a glob) and its document is parsed. Playwright's own
    /// <c>WaitForURLAsync</c> then waits for the <c>load</c> lifecycle event, which it sometimes never registers for a
    /// navigation that has already finished (seen in CI: the URL matched, network idle fired, 120 s passed); the
    /// document's own <c>readyState</c> is read instead.
    /// </summary>
    public static async Task ArrivedAsync(IPage page, string url)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForURLAsync(url, Committed);
        await page.WaitForFunctionAsync("() => document.readyState !== 'loading'");
    }

    /// <summary>As <see cref="ArrivedAsync(IPage, string)"/>, for an address that matches a pattern.</summary>
    public static async Task ArrivedAsync(IPage page, System.Text.RegularExpressions.Regex url)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForURLAsync(url, Committed);
        await page.WaitForFunctionAsync("() => document.readyState !== 'loading'");
    }

    private static PageWaitForURLOptions Committed => new() { WaitUntil = WaitUntilState.Commit };

    /// <summary>Runs axe-core in the page; a serious or critical violation fails the test, naming the rule and the elements.</summary>
    public static async Task AccessibleAsync(IPage page, string name)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = TestFiles.Data("axe-core", "axe.min.js") });
        var json = await page.EvaluateAsync<JsonElement>("async () => { const r = await axe.run(document); return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')); }");
        json.EnumerateArray().Select(v => v.GetString()).Should().BeEmpty($"the {name} page must have no serious accessibility violation");
    }

    public async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(browser.Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(browser.Screenshots, name + ".png"), FullPage = true });
    }
}
