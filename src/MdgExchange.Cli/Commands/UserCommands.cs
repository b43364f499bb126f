using System.CommandLine;
using System.Globalization;
using MdgExchange.Protos.V1;

namespace MdgExchange.Cli.Commands;

/// <summary><c>mdgx users invite</c>: a one-time sign-up link to the portal (coordinator, admin).</summary>
public static class UserCommands
{
    public static Command Create(Option<string> server, CliConsole console)
    {
        var command = new Command("users", "Manage the portal's people: invite one (a one-time sign-up link; no mail server needed, one configured also mails it).");
        command.Subcommands.Add(Invite(server, console));
        return command;
    }

    private static Command Invite(Option<string> server, CliConsole console)
    {
        var organisation = new Option<string>("--org") { Description = "The organisation the person acts for (an SDMX id, e.g. INEGI).", Required = true };
        var role = new Option<string>("--role") { Description = "provider, agency, coordinator or admin (only an admin invites an admin).", Required = true };
        var email = new Option<string>("--email") { Description = "The person's email address; it becomes their sign-in name.", Required = true };
        var command = new Command("invite", "Invite a person to the portal and print the one-time sign-up link (valid 7 days). Coordinator or admin.") { organisation, role, email };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var invited = await new UserService.UserServiceClient(channel).InviteUserAsync(
                new InviteUserRequest { Organisation = parse.GetValue(organisation)!, Role = parse.GetValue(role)!, Email = parse.GetValue(email)! },
                cancellationToken: cancellationToken);
            await console.Out.WriteLineAsync(invited.SignUpUrl);
            var until = invited.ExpiresAt.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture);
            var passOn = invited.MailDelivery == "sent"
                ? $"the link was also mailed to {invited.Email}"
                : (invited.MailDelivery.StartsWith("failed", StringComparison.Ordinal) ? $"mailing it {invited.MailDelivery}; " : "") + "pass the link on yourself — it is shown only now";
            await console.Error.WriteLineAsync($"invitation for {invited.Email}, valid until {until}; {passOn} (transfer {invited.TransferId})");
            return ExitCodes.Success;
        }));
        return command;
    }
}
