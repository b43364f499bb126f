using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using MdgExchange.Protos.V1;

namespace MdgExchange.Cli.Commands;

/// <summary><c>mdgx keys create|list|revoke</c> (admin) and <c>mdgx whoami</c>.</summary>
public static class KeyCommands
{
    public static Command Create(Option<string> server, CliConsole console)
    {
        var command = new Command("keys", "Manage API keys (admin): create one (shown once), list them, revoke one.");
        command.Subcommands.Add(CreateKey(server, console));
        command.Subcommands.Add(List(server, console));
        command.Subcommands.Add(Revoke(server, console));
        return command;
    }

    public static Command WhoAmI(Option<string> server, CliConsole console)
    {
        var command = new Command("whoami", "Show who the server takes you for: principal, organisation and roles.");
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var me = await new KeyService.KeyServiceClient(channel).WhoAmIAsync(new WhoAmIRequest(), cancellationToken: cancellationToken);
            await console.Out.WriteLineAsync($"{me.Principal}\t{Or(me.Organisation)}\t{(me.Roles.Count > 0 ? string.Join('+', me.Roles) : "public")}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateKey(Option<string> server, CliConsole console)
    {
        var organisation = new Option<string>("--org") { Description = "The organisation the key acts for (an SDMX id, e.g. INEGI).", Required = true };
        var role = new Option<string>("--role") { Description = "provider, agency, coordinator or admin.", Required = true };
        var name = new Option<string?>("--name") { Description = "A label for lists." };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the key stops working (ISO 8601); default never." };
        var command = new Command("create", "Create an API key and print it once (only its hash is kept). Admin only.") { organisation, role, name, expires };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            var request = new CreateKeyRequest { Organisation = parse.GetValue(organisation)!, Role = parse.GetValue(role)!, Name = parse.GetValue(name) ?? "" };
            if (parse.GetValue(expires) is { } e)
            {
                request.ExpiresAt = Timestamp.FromDateTimeOffset(e);
            }

            using var channel = CliConsole.Channel(parse, server);
            var created = await new KeyService.KeyServiceClient(channel).CreateKeyAsync(request, cancellationToken: cancellationToken);
            await console.Out.WriteLineAsync(created.ApiKey);
            await console.Error.WriteLineAsync($"key {created.Key.KeyId} for {created.Key.Organisation} ({created.Key.Role}); this is the only time it is shown");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command List(Option<string> server, CliConsole console)
    {
        var organisation = new Option<string?>("--org") { Description = "Only this organisation's keys." };
        var command = new Command("list", "List API keys (never their secrets). Admin only.") { organisation };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var list = await new KeyService.KeyServiceClient(channel).ListKeysAsync(new ListKeysRequest { Organisation = parse.GetValue(organisation) ?? "" }, cancellationToken: cancellationToken);
            foreach (var k in list.Keys)
            {
                await console.Out.WriteLineAsync(string.Join('\t',
                    k.KeyId, k.Organisation, k.Role, k.Status, k.CreatedAt.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture),
                    k.ExpiresAt is null ? "never" : k.ExpiresAt.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture), Or(k.Name)));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Revoke(Option<string> server, CliConsole console)
    {
        var id = new Argument<string>("KEY_ID") { Description = "The key id (the 16 characters after mdgx_)." };
        var command = new Command("revoke", "Revoke an API key at once. Admin only.") { id };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            using var channel = CliConsole.Channel(parse, server);
            var key = await new KeyService.KeyServiceClient(channel).RevokeKeyAsync(new RevokeKeyRequest { KeyId = parse.GetValue(id)! }, cancellationToken: cancellationToken);
            await console.Out.WriteLineAsync($"{key.KeyId}\t{key.Organisation}\t{key.Role}\t{key.Status}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Or(string text) => text.Length > 0 ? text : "-";
}
