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
}

/// <summary>Output, errors and the gRPC channel for one command.</summary>
public sealed class CliConsole(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    public static GrpcChannel Channel(string server) =>
        GrpcChannel.ForAddress(server, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });

    /// <summary>Runs a command body, turning gRPC failures into a readable message and an exit code.</summary>
    public async Task<int> RunAsync(Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
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
            await Error.WriteLineAsync($"error: cannot reach the server: {ex.Message}");
            return ExitCodes.Unavailable;
        }
        catch (CliUsageException ex)
        {
            await Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Usage;
        }
    }

    private async Task PrintAsync(RpcException ex)
    {
        await Error.WriteLineAsync($"error: {ex.StatusCode}: {ex.Status.Detail}");
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
