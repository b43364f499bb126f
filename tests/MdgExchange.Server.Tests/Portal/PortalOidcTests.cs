using MdgExchange.Application.Security;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MdgExchange.Server.Tests.Portal;

/// <summary>A server whose portal signs people in through <see cref="TestOidcIssuer"/> as well as with passwords.</summary>
public sealed class PortalOidcFixture : ServerFixture
{
    public TestOidcIssuer Issuer { get; } = new();

    protected override IEnumerable<string> ExtraArguments =>
    [
        $"--MdgExchange:Auth:PortalOidc:Authority={Issuer.Issuer}", $"--MdgExchange:Auth:PortalOidc:ClientId={TestOidcIssuer.ClientId}",
        $"--MdgExchange:Auth:PortalOidc:ClientSecret={Issuer.ClientSecret}", "--MdgExchange:Auth:PortalOidc:DisplayName=CEPAL SSO",
        "--MdgExchange:Auth:PortalOidc:RequireHttpsMetadata=false",
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

/// <summary>
/// "Sign in with ..." in a real Chromium against an OpenID Connect issuer: an invitation accepted through the issuer,
/// a later sign-in the same way; an unknown, unverified or other-than-invited email is refused with the reason and no
/// session; a forged answer from the issuer is refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalOidcTests(BrowserFixture browser, PortalOidcFixture server) : IClassFixture<PortalOidcFixture>
{
    private readonly PortalDriver _portal = new(browser, server);

    private static async Task AtIssuerAsync(IPage page, string email)
    {
        await page.WaitForSelectorAsync("#issuer-signin");
        await page.FillAsync("#email", email);
        await page.ClickAsync("#issuer-signin");
    }

    [Fact]
    public async Task An_invitation_accepted_through_the_issuer_then_sign_in_through_it_again_and_no_password_works()
    {
        server.Issuer.People["lucia@dane.gov.co"] = ("dane-4711", "Lucía Gómez", true);
        var link = await _portal.InviteAsync("DANE", Roles.Provider, "lucia@dane.gov.co");
        var page = await _portal.PageAsync("es-CO");
        await page.GotoAsync(link);
        await PortalDriver.AccessibleAsync(page, "signup with issuer");
        var tokens = server.Issuer.TokensIssued;
        await page.ClickAsync("#issuer button");
        await AtIssuerAsync(page, "lucia@dane.gov.co");
        await PortalDriver.ArrivedAsync(page, _portal.At("/").ToString());
        (await page.TextContentAsync("main")).Should().Contain("Lucía Gómez").And.Contain("DANE");
        server.Issuer.TokensIssued.Should().Be(tokens + 1, "the portal redeemed the code at the token endpoint with its secret");
        var signups = await new TransferService.TransferServiceClient(server.Coordinator).ListTransfersAsync(new ListTransfersRequest { Kind = "user-signup", Organisation = "DANE" });
        signups.Transfers.Should().ContainSingle(t => t.Principal == "user:lucia@dane.gov.co" && t.Outcome == "completed");

        // The invitation is used: its link opens no form any more.
        (await page.Context.APIRequest.GetAsync(link)).Status.Should().Be(404);

        await page.ClickAsync("header button");
        await PortalDriver.ArrivedAsync(page, new Regex("/login"));
        await PortalDriver.AccessibleAsync(page, "login with issuer");
        await page.FillAsync("#email", "lucia@dane.gov.co");
        await page.FillAsync("#password", PortalDriver.Password);
        await page.ClickAsync("main form:not(#issuer) button");
        (await page.TextContentAsync("#login-error")).Should().NotBeNullOrEmpty("an account made through the issuer has no usable password");

        await page.ClickAsync("#issuer button");
        await AtIssuerAsync(page, "lucia@dane.gov.co");
        await PortalDriver.ArrivedAsync(page, _portal.At("/").ToString());
        (await page.TextContentAsync("main")).Should().Contain("DANE");
        await _portal.ScreenshotAsync(page, "portal-home-oidc-es");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("nadie@inec.gob.ec", true, "noaccount", "Ninguna cuenta")]
    [InlineData("sin.verificar@inec.gob.ec", false, "unverified", "correo verificado")]
    public async Task An_email_without_an_account_or_unverified_is_refused_with_the_reason_and_no_session(string email, bool verified, string reason, string shown)
    {
        server.Issuer.People[email] = ("s-" + reason, "Alguien", verified);
        var page = await _portal.PageAsync("es-EC");
        await page.GotoAsync(_portal.At("/login").ToString());
        await page.ClickAsync("#issuer button");
        await AtIssuerAsync(page, email);
        await PortalDriver.ArrivedAsync(page, new Regex("external=" + reason));
        (await page.TextContentAsync("#login-error")).Should().Contain(shown);
        await page.GotoAsync(_portal.At("/").ToString());
        page.Url.Should().Contain("/login", "no session was made");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_invitation_is_not_taken_by_another_email_at_the_issuer_and_stays_usable()
    {
        server.Issuer.People["otra.persona@inei.gob.pe"] = ("inei-2", "Otra Persona", true);
        var link = await _portal.InviteAsync("INEI", Roles.Provider, "rosa.quispe@inei.gob.pe");
        var page = await _portal.PageAsync("es-PE");
        await page.GotoAsync(link);
        await page.ClickAsync("#issuer button");
        await AtIssuerAsync(page, "otra.persona@inei.gob.pe");
        await PortalDriver.ArrivedAsync(page, new Regex("external=mismatch"));
        (await page.TextContentAsync("#login-error")).Should().Contain("correo invitado");
        var again = await page.GotoAsync(link);
        again!.Status.Should().Be(200, "the invitation was not used");
        (await page.TextContentAsync("main")).Should().Contain("rosa.quispe@inei.gob.pe");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_forged_answer_from_the_issuer_makes_no_session()
    {
        var page = await _portal.PageAsync("en-GB");
        await page.GotoAsync(_portal.At("/signin-oidc?code=forged&state=forged").ToString());
        page.Url.Should().Contain("/login?external=failed");
        (await page.TextContentAsync("#login-error")).Should().Contain("did not sign you in");
        await page.GotoAsync(_portal.At("/").ToString());
        page.Url.Should().Contain("/login");
        await page.Context.CloseAsync();
    }
}
