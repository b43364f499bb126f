using MdgExchange.Application.Security;
using MdgExchange.Server.Tests.Infrastructure;

namespace MdgExchange.Server.Tests.Portal;

/// <summary>The portal's invitation form mails the link too when a mail server is configured, and says so on the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalInvitationMailTests(BrowserFixture browser, MailFixture server) : IClassFixture<MailFixture>
{
    private readonly PortalDriver _portal = new(browser, server);

    [Fact]
    public async Task An_invitation_from_the_portal_is_mailed_and_the_page_says_so()
    {
        var coordinator = await _portal.SignedUpAsync("CEPAL", Roles.Coordinator, "rosa@cepal.org", "es-CL", "Rosa");
        server.Mail.Received.Clear();
        await coordinator.GotoAsync(_portal.At("/onboard/invite").ToString());
        await coordinator.FillAsync("#invite-organisation", "INE_CL");
        await coordinator.SelectOptionAsync("#invite-role", Roles.Provider);
        await coordinator.FillAsync("#invite-email", "pedro@ine.gob.cl");
        await coordinator.ClickAsync("#invite-form button[type=submit]");
        await coordinator.WaitForSelectorAsync("#invite-result");

        (await coordinator.TextContentAsync("#mail-delivery")).Should().Contain("se envió por correo a pedro@ine.gob.cl");
        var link = await coordinator.InputValueAsync("#signup-link");
        var mail = server.Mail.Received.Should().ContainSingle().Subject;
        mail.To.Mailboxes.Select(m => m.Address).Should().Equal("pedro@ine.gob.cl");
        mail.TextBody.Should().Contain(link, "the mail carries the same one-time link the page shows");
        await PortalDriver.AccessibleAsync(coordinator, "invite mailed");
        await coordinator.Context.CloseAsync();
    }
}
