using Grpc.Core;
using Grpc.Core.Interceptors;
using MdgExchange.Server.Grpc;
using MdgExchange.Storage;
using Microsoft.AspNetCore.Authentication;

namespace MdgExchange.Server.Security;

/// <summary>
/// Applies <see cref="AccessTable"/> to every gRPC call before the service sees it: credentials that do not
/// authenticate, or none where the call needs them, are UNAUTHENTICATED; a caller without the right is
/// PERMISSION_DENIED. Every refusal is recorded as a transfer (outcome <c>rejected</c>, who tried what).
/// </summary>
public sealed class AccessInterceptor(ITransferStore transfers, TimeProvider clock, RequestRateLimiter limiter, ILogger<AccessInterceptor> logger) : Interceptor
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
        var rule = AccessTable.For(context.Method);

        // Before anything is recorded: a flood (of bad credentials too) is held back per principal or address.
        if (rule?.Kind is not ("health" or "reflection"))
        {
            var partition = caller.IsAuthenticated ? caller.Principal : $"ip:{http.Connection.RemoteIpAddress}";
            if (!limiter.TryAcquire(partition))
            {
                SecurityLog.RateLimited(logger, context.Method, partition, limiter.PerMinute);
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"rate limit: at most {limiter.PerMinute} calls per minute per caller (MdgExchange:Limits:RequestsPerMinute); retry later"));
            }
        }

        if (authentication.Failure is { } failure)
        {
            await RefuseAsync(context, rule, caller, StatusCode.Unauthenticated, $"the credentials were refused: {failure.Message}");
        }

        if (rule is null)
        {
            await RefuseAsync(context, null, caller, StatusCode.PermissionDenied, $"{context.Method} has no access rule; no one may call it");
        }
        else if (!rule.Allows(caller))
        {
            if (!caller.IsAuthenticated)
            {
                await RefuseAsync(context, rule, caller, StatusCode.Unauthenticated, $"{ShortName(context.Method)} needs credentials: an API key (header {ApiKeyAuthenticationHandler.Header}) or a bearer token");
            }

            await RefuseAsync(context, rule, caller, StatusCode.PermissionDenied, $"{ShortName(context.Method)} is for {rule.Describe()}; {caller} may not call it");
        }
    }

    private async Task RefuseAsync(ServerCallContext context, AccessRule? rule, Caller caller, StatusCode code, string message)
    {
        var transferId = await RecordRefusalAsync(transfers, clock, rule?.Kind ?? "unknown", caller.Organisation, caller.Principal, $"{(code == StatusCode.Unauthenticated ? "UNAUTHENTICATED" : "PERMISSION_DENIED")}: {ShortName(context.Method)}: {message}");
        SecurityLog.Refused(logger, context.Method, caller.ToString(), code.ToString(), message);
        throw RpcErrors.Refused(code, message, transferId);
    }

    /// <summary>Records a refused call as a rejected transfer (who tried what) and returns its id.</summary>
    public static async Task<Guid> RecordRefusalAsync(ITransferStore transfers, TimeProvider clock, string kind, string? organisation, string? principal, string summary)
    {
        ArgumentNullException.ThrowIfNull(transfers);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var transfer = new Transfer
        {
            TransferId = Guid.NewGuid(),
            Kind = kind,
            Channel = "grpc",
            SenderOrganisation = organisation,
            Principal = principal,
            StartedAt = now,
            FinishedAt = now,
            Outcome = "rejected",
            ErrorSummary = summary,
        };
        await transfers.AppendAsync(transfer, CancellationToken.None);
        return transfer.TransferId;
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
