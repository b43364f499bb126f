using Grpc.Core;
using Grpc.Core.Interceptors;
using MdgExchange.Server.Grpc;
using Microsoft.AspNetCore.Authentication;

namespace MdgExchange.Server.Security;

/// <summary>
/// Asks the application core's <see cref="AccessGate"/> about every gRPC call before the service sees it (the
/// operation from <see cref="AccessTable"/>, the caller from the authenticated user) and maps its refusals to
/// UNAUTHENTICATED or PERMISSION_DENIED; the gate records each refusal as a transfer.
/// </summary>
public sealed class AccessInterceptor(AccessGate gate, RequestRateLimiter limiter, ILogger<AccessInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await CheckAsync(context);
        return await continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await CheckAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await CheckAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await CheckAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    private async Task CheckAsync(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        // The authentication middleware ran the handler already; this returns its cached result, failure included.
        var authentication = await http.AuthenticateAsync();
        var caller = Caller.From(http.User);
        var operation = AccessTable.OperationOf(context.Method);

        // Before anything is recorded: a flood (of bad credentials too) is held back per principal or address.
        if (operation is not (Operations.Health or Operations.Reflection))
        {
            var partition = caller.IsAuthenticated ? caller.Principal : $"ip:{http.Connection.RemoteIpAddress}";
            if (!limiter.TryAcquire(partition))
            {
                SecurityLog.RateLimited(logger, context.Method, partition, limiter.PerMinute);
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"rate limit: at most {limiter.PerMinute} calls per minute per caller (MdgExchange:Limits:RequestsPerMinute); retry later"));
            }
        }

        var decision = await gate.DecideAsync(new AccessRequest(operation, caller, "grpc", ShortName(context.Method), authentication.Failure?.Message), context.CancellationToken);
        if (!decision.Allowed)
        {
            var code = decision.Outcome == AccessOutcome.Unauthenticated ? StatusCode.Unauthenticated : StatusCode.PermissionDenied;
            SecurityLog.Refused(logger, context.Method, caller.ToString(), code.ToString(), decision.Message);
            throw RpcErrors.Refused(code, decision.Message, decision.TransferId);
        }
    }

    private static string ShortName(string method) => method.TrimStart('/').Replace("mdgexchange.v1.", "", StringComparison.Ordinal);
}

internal static partial class SecurityLog
{
    [LoggerMessage(1200, LogLevel.Warning, "Refused {Method} for {Caller}: {Code}: {Reason}")]
    public static partial void Refused(ILogger logger, string method, string caller, string code, string reason);

    [LoggerMessage(1202, LogLevel.Warning, "Rate limit: {Method} refused for {Partition} (over {PerMinute} calls a minute)")]
    public static partial void RateLimited(ILogger logger, string method, string partition, int perMinute);

    [LoggerMessage(1201, LogLevel.Warning, "A fresh install: an admin API key was written to {Path} (readable only by this account). Read it, keep it safe and delete the file.")]
    public static partial void AdminKeyWritten(ILogger logger, string path);
}
