using Microsoft.AspNetCore.Authentication;

namespace MdgExchange.Server.Security;

/// <summary>
/// The application core's <see cref="AccessGate"/> for the HTTP endpoints (gRPC calls are checked by
/// <see cref="AccessInterceptor"/>): a route missing from <see cref="AccessTable"/> is 403, one that needs credentials
/// 401 without them and 403 without the right; each refusal is recorded and its transfer named in <c>X-Transfer-Id</c>.
/// </summary>
public static class HttpAccess
{
    /// <summary>The table's key of a routed HTTP request: <c>GET /healthz</c>.</summary>
    public static string Key(string method, RouteEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return $"{method} /{endpoint.RoutePattern.RawText?.TrimStart('/')}";
    }

    /// <summary>A gRPC call (a method, or gRPC's own answer to an unknown one), which the interceptor checks.</summary>
    public static bool IsGrpc(HttpContext context, Endpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.Metadata.GetMetadata<global::Grpc.AspNetCore.Server.GrpcMethodMetadata>() is not null
            || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
    }

    public static IApplicationBuilder UseHttpAccess(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // gRPC endpoints carry their own metadata and are checked by the interceptor.
        if (context.GetEndpoint() is RouteEndpoint endpoint && !IsGrpc(context, endpoint))
        {
            var key = Key(context.Request.Method, endpoint);
            var operation = AccessTable.OperationOf(key);
            var caller = Caller.From(context.User);

            // As over gRPC: a flood is held back per principal or address (probes excepted), and credentials that
            // were sent but refused are a 401 even where anonymous callers are let in.
            if (operation is not (Operations.Health or Operations.About))
            {
                var limiter = context.RequestServices.GetRequiredService<RequestRateLimiter>();
                var partition = caller.IsAuthenticated ? caller.Principal : $"ip:{context.Connection.RemoteIpAddress}";
                if (!limiter.TryAcquire(partition))
                {
                    context.Response.Headers.RetryAfter = "60";
                    await RefuseAsync(context, new Rest.SdmxRestException(StatusCodes.Status429TooManyRequests, 503,
                        $"rate limit: at most {limiter.PerMinute} requests per minute per caller (MdgExchange:Limits:RequestsPerMinute); retry later"));
                    return;
                }
            }

            var failure = (await context.AuthenticateAsync()).Failure?.Message;
            var gate = context.RequestServices.GetRequiredService<AccessGate>();
            var decision = await gate.DecideAsync(new AccessRequest(operation, caller, "http", key, failure), context.RequestAborted);
            if (decision.Outcome == AccessOutcome.Unauthenticated && AccessTable.PortalPages.Contains(key))
            {
                // A person not signed in is sent to sign in, and back afterwards.
                context.Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
                return;
            }

            if (decision.Outcome == AccessOutcome.Unauthenticated)
            {
                context.Response.Headers.WWWAuthenticate = $"{ApiKeyAuthenticationHandler.SchemeName}, Bearer";
                context.Response.Headers["X-Transfer-Id"] = decision.TransferId.ToString();
                await RefuseAsync(context, Rest.SdmxRestException.Unauthorised(decision.Message));
                return;
            }

            if (decision.Outcome == AccessOutcome.Denied)
            {
                context.Response.Headers["X-Transfer-Id"] = decision.TransferId.ToString();
                if (AccessTable.PortalPages.Contains(key))
                {
                    // A person who follows a link they may not open reads why, in their language, not a browser error.
                    await Portal.PortalText.DeniedPageAsync(context.Response);
                    return;
                }

                await RefuseAsync(context, Rest.SdmxRestException.Forbidden(decision.Message));
                return;
            }
        }

        await next(context);
    });

    /// <summary>The SDMX REST API answers a refusal with an SDMX error message; other endpoints with the bare status.</summary>
    private static Task RefuseAsync(HttpContext context, Rest.SdmxRestException refusal)
    {
        if (context.Request.Path.StartsWithSegments("/sdmx", StringComparison.Ordinal))
        {
            return Rest.SdmxErrorWriter.WriteAsync(context.Response, refusal, context.Request.Headers.Accept.ToString());
        }

        context.Response.StatusCode = refusal.Status;
        return Task.CompletedTask;
    }
}
