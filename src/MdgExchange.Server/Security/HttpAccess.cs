namespace MdgExchange.Server.Security;

/// <summary>
/// <see cref="AccessTable"/> for the HTTP endpoints (gRPC calls are checked by <see cref="AccessInterceptor"/>):
/// a route missing from the table is 403, one that needs credentials 401 without them and 403 without the right.
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
            var rule = AccessTable.For(Key(context.Request.Method, endpoint));
            var caller = Caller.From(context.User);
            if (rule is null || (!rule.Allows(caller) && caller.IsAuthenticated))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            if (!rule.Allows(caller))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
        }

        await next(context);
    });
}
