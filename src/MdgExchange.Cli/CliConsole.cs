using System.CommandLine;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;

namespace MdgExchange.Cli;

/// <summary>Exit codes of <c>mdgx</c>.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Usage = 1;
    public const int Refused = 2;
    public const int Unavailable = 3;

    /// <summary>Cancelled by the user (Ctrl-C, SIGINT or SIGTERM): 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}

/// <summary>Output, errors and the gRPC channel for one command.</summary>
public sealed class CliConsole(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>An API key (<c>mdgx_...</c>), sent as the <c>x-api-key</c> header; or set MDGX_API_KEY.</summary>
    public static readonly Option<string?> ApiKey = new("--api-key")
    {
        Description = "An API key (mdgx_...) to call with (or set MDGX_API_KEY).",
        Recursive = true,
    };

    /// <summary>An OIDC bearer token, sent as <c>authorization: Bearer ...</c>; or set MDGX_TOKEN.</summary>
    public static readonly Option<string?> Token = new("--token")
    {
        Description = "An OIDC bearer token to call with (or set MDGX_TOKEN).",
        Recursive = true,
    };

    // Secrets are read from the environment only when used: as a default value they would be printed by --help.
    public static string? ResolveApiKey(ParseResult parse) => FromOptionOrEnvironment(parse, ApiKey, "MDGX_API_KEY");

    public static string? ResolveToken(ParseResult parse) => FromOptionOrEnvironment(parse, Token, "MDGX_TOKEN");

    private static string? FromOptionOrEnvironment(ParseResult parse, Option<string?> option, string variable)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(option) is { Length: > 0 } given ? given
            : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
    }

    /// <summary>The channel to the server, carrying the caller's API key or bearer token on every call (none: anonymous).</summary>
    public static GrpcChannel Channel(ParseResult parse, Option<string> server)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var address = parse.GetValue(server)!;
        var options = new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 };
        var key = ResolveApiKey(parse);
        var token = ResolveToken(parse);
        if (key is not null && token is not null)
        {
            throw new CliUsageException("give either --api-key or --token, not both");
        }

        if (key is not null || token is not null)
        {
            var credentials = CallCredentials.FromInterceptor((_, metadata) =>
            {
                if (key is not null)
                {
                    metadata.Add("x-api-key", key);
                }
                else
                {
                    metadata.Add("authorization", $"Bearer {token}");
                }

                return Task.CompletedTask;
            });
            // On plaintext localhost the credentials travel unencrypted: TLS is configuration (README).
            options.Credentials = ChannelCredentials.Create(
                address.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure,
                credentials);
            options.UnsafeUseInsecureChannelCallCredentials = true;
        }

        return GrpcChannel.ForAddress(address, options);
    }

    /// <summary>Runs a command body, turning gRPC failures into a readable message and an exit code.</summary>
    /// <remarks>
    /// With <paramref name="cancellationToken"/> (the command's, cancelled by Ctrl-C), a body stopped by it exits
    /// <see cref="ExitCodes.Cancelled"/> with one line; what the body leaves behind is its own to undo.
    /// </remarks>
    public async Task<int> RunAsync(Func<Task<int>> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            await Error.WriteLineAsync("error: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (RpcException ex)
        {
            await PrintAsync(ex);
            return ex.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.DeadlineExceeded
                ? ExitCodes.Unavailable
                : ExitCodes.Refused;
        }
        catch (HttpRequestException ex)
        {
            await Error.WriteLineAsync($"error: cannot reach the server: {OneLine(ex.Message)}");
            return ExitCodes.Unavailable;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException { InnerException: IOException })
        {
            // The connection was lost mid-stream (the server stopped, the network dropped): not the caller's fault.
            await Error.WriteLineAsync($"error: the connection to the server was lost: {OneLine(ex.Message)}");
            return ExitCodes.Unavailable;
        }
        catch (CliInputException ex)
        {
            await Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Refused;
        }
        catch (CliUsageException ex)
        {
            await Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Usage;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private async Task PrintAsync(RpcException ex)
    {
        await Error.WriteLineAsync($"error: {ex.StatusCode}: {OneLine(ex.Status.Detail)}");
        var status = ex.GetRpcStatus();
        if (status is null)
        {
            return;
        }

        if (status.GetDetail<BadRequest>() is { } badRequest)
        {
            foreach (var violation in badRequest.FieldViolations)
            {
                await Error.WriteLineAsync($"  {violation.Field}: {violation.Description}");
            }
        }

        if (status.GetDetail<ErrorInfo>() is { Metadata.Count: > 0 } info)
        {
            foreach (var (field, why) in info.Metadata)
            {
                await Error.WriteLineAsync($"  {field}: {why}");
            }
        }

        if (status.GetDetail<PreconditionFailure>() is { } precondition)
        {
            foreach (var violation in precondition.Violations)
            {
                await Error.WriteLineAsync($"  {violation.Subject}: {violation.Description}");
            }
        }
    }
}

/// <summary>A command line that parses but makes no sense; exit code 1.</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>Input the command cannot use (a file that cannot be read as its format, a partial series key); exit code 2.</summary>
public sealed class CliInputException(string message) : Exception(message);
