using System.Net;
using MdgExchange.Application.Security;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MdgExchange.Server.Tests.Portal;

/// <summary>
/// The portal in a real headless Chromium: an invitation's link, sign-up, the home page, sign-out, sign-in and the lockout,
/// in English and Spanish; each page checked with axe-core (no serious or critical violation) and kept as a screenshot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalBrowserTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = PortalDriver.Password;
    private readonly PortalDriver _portal = new(browser, server);

    private Task<string> InviteAsync(string organisation, string role, string email) => _portal.InviteAsync(organisation, role, email);

    private Task<IPage> PageAsync(string language) => _portal.PageAsync(language);

    private static Task AccessibleAsync(IPage page, string name) => PortalDriver.AccessibleAsync(page, name);

    private Task ScreenshotAsync(IPage page, string name) => _portal.ScreenshotAsync(page, name);

    [Fact]
    public async Task A_person_invited_signs_up_sees_their_organisations_transfers_signs_out_and_back_in()
    {
        var link = await InviteAsync("INEGI", Roles.Provider, "ana.perez@inegi.org.mx");
        var page = await PageAsync("es-MX");

        await page.GotoAsync(link);
        (await page.TextContentAsync("h1")).Should().Be("Crear su cuenta");
        (await page.TextContentAsync("main")).Should().Contain("INEGI").And.Contain("ana.perez@inegi.org.mx");
        await AccessibleAsync(page, "signup");
        await page.FillAsync("#name", "Ana <b>Pérez</b>");
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", Password);
        await page.ClickAsync("button[type=submit]");

        await PortalDriver.ArrivedAsync(page, new Uri(server.HttpAddress, "/").ToString());
        var welcome = await page.TextContentAsync("#welcome");
        welcome.Should().Contain("Ana <b>Pérez</b>").And.Contain("INEGI").And.Contain("user:ana.perez@inegi.org.mx");
        (await page.Locator("#welcome b").CountAsync()).Should().Be(0, "a name is text, never markup");
        await AccessibleAsync(page, "home");
        await ScreenshotAsync(page, "portal-home-es");

        await page.ClickAsync("header button[type=submit]");
        await PortalDriver.ArrivedAsync(page, "**/login");
        (await page.TextContentAsync("h1")).Should().Be("Iniciar sesión");
        await page.GotoAsync(new Uri(server.HttpAddress, "/").ToString());
        page.Url.Should().Contain("/login?returnUrl=%2F", "signed out, the portal asks to sign in");

        await page.FillAsync("#email", "Ana.Perez@inegi.org.mx");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await PortalDriver.ArrivedAsync(page, new Uri(server.HttpAddress, "/").ToString());
        (await page.TextContentAsync("#welcome")).Should().Contain("INEGI");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_page_says_until_when()
    {
        var link = await InviteAsync("DANE", Roles.Provider, "luisa@dane.gov.co");
        var page = await PageAsync("en-GB");
        await page.GotoAsync(link);
        await page.FillAsync("#name", "Luisa");
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", Password);
        await page.ClickAsync("button[type=submit]");
        await PortalDriver.ArrivedAsync(page, new Uri(server.HttpAddress, "/").ToString());
        await page.ClickAsync("header button[type=submit]");
        await PortalDriver.ArrivedAsync(page, "**/login");
        await AccessibleAsync(page, "login");

        for (var i = 0; i < 5; i++)
        {
            await page.FillAsync("#email", "luisa@dane.gov.co");
            await page.FillAsync("#password", "not the password");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForSelectorAsync("#login-error");
        }

        (await page.TextContentAsync("#login-error")).Should().Contain("locked until");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        (await page.TextContentAsync("#login-error")).Should().Contain("locked until", "the right password does not open a locked account");
        await ScreenshotAsync(page, "portal-locked-en");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_used_or_unknown_invitation_link_opens_no_form()
    {
        var page = await PageAsync("en-GB");
        var response = await page.GotoAsync(new Uri(server.HttpAddress, "/signup?token=not-a-token").ToString());

        response!.Status.Should().Be(404);
        (await page.TextContentAsync("#signup-error")).Should().Contain("unknown, used or expired");
        (await page.Locator("form #password").CountAsync()).Should().Be(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused_and_the_session_cookie_is_strict()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { BaseAddress = server.HttpAddress };

        using var forged = await http.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "x@y.org", ["password"] = "whatever whatever" }));
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var home = await http.GetAsync(new Uri("/", UriKind.Relative));
        home.StatusCode.Should().Be(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().Should().StartWith("/login?returnUrl=");

        // Sign up for real through the form (its token and cookie), then read the session cookie's flags.
        var link = new Uri(await InviteAsync("IBGE", Roles.Provider, "joao@ibge.gov.br"));
        var form = await http.GetStringAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        token.Should().NotBeEmpty();
        var invitation = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        using var signup = await http.PostAsync(new Uri("/signup", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["token"] = invitation, ["name"] = "João", ["password"] = Password, ["confirm"] = Password, ["language"] = "en",
        }));
        signup.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var session = signup.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mdgx.portal=", StringComparison.Ordinal));
        session.Should().Contain("httponly").And.Contain("samesite=strict");

        using var signedIn = await http.GetAsync(new Uri("/", UriKind.Relative));
        signedIn.StatusCode.Should().Be(HttpStatusCode.OK);
        (await signedIn.Content.ReadAsStringAsync()).Should().Contain("IBGE");
    }

    [Fact]
    public async Task A_provider_uploads_a_bad_file_sees_each_error_with_its_line_then_a_good_one_is_stored()
    {
        await server.RegisterAgreementAsync("INDEC");
        var link = await InviteAsync("INDEC", Roles.Provider, "carla@indec.gob.ar");
        var page = await PageAsync("es-AR");
        await page.GotoAsync(link);
        await page.FillAsync("#name", "Carla");
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", Password);
        await page.ClickAsync("button[type=submit]");
        await PortalDriver.ArrivedAsync(page, new Uri(server.HttpAddress, "/").ToString());

        var good = TestFiles.Data("exchange", "indec_sh_dyn_mort_032.csv");
        var lines = await File.ReadAllLinesAsync(good);
        var bad = Path.Combine(Path.GetTempPath(), $"indec-bad-{Guid.NewGuid():N}.csv");
        lines[3] = lines[3].Replace(",2002,", ",2002-Q7,", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(bad, lines);
        try
        {
            await page.ClickAsync("text=Enviar un archivo de datos");
            await PortalDriver.ArrivedAsync(page, "**/upload");
            await AccessibleAsync(page, "upload");
            await page.SetInputFilesAsync("#file", bad);
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForSelectorAsync("#upload-errors");
            var errors = await page.TextContentAsync("#upload-errors");
            errors.Should().Contain("line 4").And.Contain("TIME_PERIOD");
            await ScreenshotAsync(page, "portal-upload-errors-es");

            await page.SetInputFilesAsync("#file", good);
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForSelectorAsync("#upload-result");
            (await page.TextContentAsync("#upload-result")).Should().Contain("16 observaciones");
            await ScreenshotAsync(page, "portal-upload-stored-es");

            await page.GotoAsync(new Uri(server.HttpAddress, "/").ToString());
            var transfers = await page.TextContentAsync("#transfers");
            transfers.Should().Contain("rejected").And.Contain("completed").And.Contain("MDGX:DF_SDG(1.0)");
        }
        finally
        {
            File.Delete(bad);
            await page.Context.CloseAsync();
        }
    }
}
