using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Server.Tests.Infrastructure;
using MdgExchange.Storage;

namespace MdgExchange.Server.Tests;

/// <summary>
/// The authorisation table walked cell by cell: every RPC the server exposes × every kind of caller, each call
/// made for real over gRPC with an empty request, asserting the exact refusal (UNAUTHENTICATED or
/// PERMISSION_DENIED, recorded as a rejected transfer) or that the call got past the door.
/// </summary>
public sealed class AccessMatrixTests(OidcServerFixture server) : IClassFixture<OidcServerFixture>
{
    private static readonly ServiceDescriptor[] Services =
        [.. ServiceDescriptors.MdgExchange, global::Grpc.Health.V1.HealthReflection.Descriptor.Services.Single()];

    private static IEnumerable<MethodDescriptor> Methods => Services.SelectMany(s => s.Methods);

    private static string Path(MethodDescriptor m) => $"/{m.Service.FullName}/{m.Name}";

    [Fact]
    public void Every_method_of_every_service_has_exactly_one_row_and_every_row_a_method()
    {
        var methods = Methods.Select(Path).ToHashSet();
        methods.Should().OnlyContain(m => AccessTable.For(m) != null);
        var reflection = new[] { "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo" };
        AccessTable.All.Keys.Where(k => k.StartsWith('/')).Except(reflection).Should().BeSubsetOf(methods);
    }

    [Fact]
    public void Every_route_is_an_operation_of_the_core_policy_and_every_operation_has_a_route()
    {
        // One access table for every transport: the server only says which operation a route is.
        var operations = AccessTable.All.Keys.Select(route => AccessTable.OperationOf(route)).ToList();

        operations.Should().OnlyContain(op => op != null && AccessPolicy.For(op) != null);
        AccessPolicy.All.Keys.Should().BeSubsetOf(operations!);
        AccessTable.For("/mdgexchange.v1.InventoryService/RenderInventoryReport").Should().BeSameAs(AccessPolicy.For(Operations.InventoryReportExport));
        AccessTable.For("GET /reports/inventory").Should().BeSameAs(AccessPolicy.For(Operations.InventoryReportExport));
        AccessTable.For("/mdgexchange.v1.NoSuchService/Call").Should().BeNull();
    }

    [Theory]
    [InlineData(Operations.Push, "agency", true)]
    [InlineData(Operations.Push, "coordinator", false)]
    [InlineData(Operations.InventoryRead, "agency", false)]
    [InlineData(Operations.ProviderOnboard, "coordinator", true)]
    [InlineData(Operations.StructureSubmit, "coordinator", false)]
    [InlineData("no-such-operation", "admin", false)]
    public void The_core_policy_decides_by_role(string operation, string role, bool allowed)
    {
        var caller = new Caller("key:test", "ORG", new HashSet<string> { role });

        AccessPolicy.Allows(caller, operation).Should().Be(allowed);
        AccessPolicy.Allows(Caller.Anonymous, operation).Should().Be(AccessPolicy.For(operation)?.Public ?? false);
    }

    [Theory]
    [InlineData("AddProvider", "structure-submit", false, "admin coordinator")]
    [InlineData("ListProviders", "structure-read", true, "")]
    [InlineData("GetProvider", "structure-read", true, "")]
    public void Provider_onboarding_is_the_coordinators_and_admins_and_providers_are_read_like_structures(string rpc, string kind, bool isPublic, string roles)
    {
        // The matrix below walks these RPCs like every other; this pins the rows themselves (issue 14).
        var rule = AccessTable.For($"/mdgexchange.v1.StructureService/{rpc}");

        rule.Should().NotBeNull();
        rule!.Kind.Should().Be(kind);
        rule.Public.Should().Be(isPublic);
        string.Join(' ', rule.Roles.Order(StringComparer.Ordinal)).Should().Be(roles);
    }

    [Fact]
    public async Task Every_HTTP_endpoint_has_a_row_and_answers_as_the_table_says()
    {
        var endpoints = server.GetService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<global::Grpc.AspNetCore.Server.GrpcMethodMetadata>() is null && !(e.RoutePattern.RawText ?? "").Contains("{unimplemented", StringComparison.Ordinal))
            .ToList();
        endpoints.Should().NotBeEmpty();
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                var key = MdgExchange.Server.Security.HttpAccess.Key(method, endpoint);
                var rule = AccessTable.For(key);
                rule.Should().NotBeNull($"{key} must have a row in the access table");
                if (method == "GET" && rule!.Public)
                {
                    using var response = await http.GetAsync(new Uri(endpoint.RoutePattern.RawText ?? "/", UriKind.Relative));
                    if ((endpoint.RoutePattern.RawText ?? "").StartsWith("/sdmx/", StringComparison.Ordinal))
                    {
                        // The route's own text is no SDMX query: the API answers it, as anyone's request, with an
                        // SDMX error (400/404/501), never a refusal or a failure.
                        ((int)response.StatusCode).Should().BeOneOf([200, 400, 404, 406, 501], key);
                    }
                    else if (key == "GET /signup")
                    {
                        // Without an invitation's token the sign-up page opens, says the link is not valid, and is a 404.
                        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, key);
                        (await response.Content.ReadAsStringAsync()).Should().Contain("signup-error", key);
                    }
                    else
                    {
                        response.IsSuccessStatusCode.Should().BeTrue(key);
                    }
                }
            }
        }
    }

    public static TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in Methods)
        {
            foreach (var who in new[]
            {
                "anonymous", "garbage key", "revoked key", "expired key", "expired token", "wrong audience", "wrong signature",
                "provider of country A", "provider of country B", "agency", "coordinator", "admin",
            })
            {
                data.Add(Path(method), who);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_caller_gets_exactly_what_the_table_allows(string path, string who)
    {
        var method = Methods.Single(m => Path(m) == path);
        var rule = AccessTable.For(path)!;
        var (invoker, caller) = await InvokerAsync(who);

        var status = await CallAsync(invoker, method);

        var badCredentials = who is "garbage key" or "revoked key" or "expired key" or "expired token" or "wrong audience" or "wrong signature";
        if (badCredentials)
        {
            status.StatusCode.Should().Be(StatusCode.Unauthenticated, $"{who} on {path}: {status.Status.Detail}");
        }
        else if (!rule.Allows(caller))
        {
            status.StatusCode.Should().Be(caller.IsAuthenticated ? StatusCode.PermissionDenied : StatusCode.Unauthenticated, $"{who} on {path}: {status.Status.Detail}");
        }
        else
        {
            status.StatusCode.Should().NotBe(StatusCode.Unauthenticated).And.NotBe(StatusCode.PermissionDenied, $"{who} on {path} is allowed: {status.Status.Detail}");
            return;
        }

        // Every refusal is evidence: a rejected transfer saying who tried what.
        var transferId = status.Trailers.GetRpcStatus()?.GetDetail<RequestInfo>()?.RequestId;
        transferId.Should().NotBeNullOrEmpty();
        var recorded = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = transferId });
        recorded.Outcome.Should().Be("rejected");
        recorded.ErrorSummary.Should().Contain(path.TrimStart('/').Replace("mdgexchange.v1.", "", StringComparison.Ordinal));
        recorded.Kind.Should().Be(rule.Kind);
        recorded.Principal.Should().Be(caller.Principal, "bad credentials are recorded as the anonymous caller they leave");
    }

    private async Task<(CallInvoker Invoker, Caller Caller)> InvokerAsync(string who)
    {
        var roles = new Dictionary<string, (string Organisation, string Role)>
        {
            ["provider of country A"] = ("INEGI", Roles.Provider), ["provider of country B"] = ("DANE", Roles.Provider), ["agency"] = ("UNICEF", Roles.Agency),
            ["coordinator"] = ("CEPAL", Roles.Coordinator), ["admin"] = ("MDGX", Roles.Admin),
        };
        if (roles.TryGetValue(who, out var r))
        {
            var invoker = server.As(r.Organisation, r.Role);
            var me = await new KeyService.KeyServiceClient(invoker).WhoAmIAsync(new WhoAmIRequest());
            return (invoker, new Caller(me.Principal, r.Organisation, new HashSet<string> { r.Role }));
        }

        using var otherKey = System.Security.Cryptography.RSA.Create(2048);
        switch (who)
        {
            case "expired token":
                return (server.Bearer(server.Token(d => (d.NotBefore, d.IssuedAt, d.Expires) = (DateTime.UtcNow.AddHours(-3), DateTime.UtcNow.AddHours(-3), DateTime.UtcNow.AddHours(-2)))), Caller.Anonymous);
            case "wrong audience":
                return (server.Bearer(server.Token(d => d.Audience = "another-service")), Caller.Anonymous);
            case "wrong signature":
                return (server.Bearer(server.Token(key: otherKey)), Caller.Anonymous);
        }

        var keys = server.GetService<IKeyStore>();
        string token;
        switch (who)
        {
            case "garbage key":
                token = "mdgx_aaaaaaaaaaaaaaaa_" + new string('x', 43);
                break;
            case "revoked key":
                var (revoked, revokedToken) = ApiKeys.Create("INEGI", Roles.Provider, "revoked", DateTimeOffset.UtcNow, "tests", null);
                await keys.AddAsync(revoked, CancellationToken.None);
                await keys.RevokeAsync(revoked.KeyId, DateTimeOffset.UtcNow, CancellationToken.None);
                token = revokedToken;
                break;
            case "expired key":
                var (expired, expiredToken) = ApiKeys.Create("INEGI", Roles.Provider, "expired", DateTimeOffset.UtcNow.AddDays(-2), "tests", DateTimeOffset.UtcNow.AddDays(-1));
                await keys.AddAsync(expired, CancellationToken.None);
                token = expiredToken;
                break;
            default:
                return (server.Anonymous, Caller.Anonymous);
        }

        return (server.Channel.Intercept(m =>
        {
            m.Add(ApiKeyAuthenticationHandler.Header, token);
            return m;
        }), Caller.Anonymous);
    }

    /// <summary>Calls the method with an empty request (one empty message for client streams) and returns how it ended.</summary>
    private static async Task<RpcException> CallAsync(CallInvoker invoker, MethodDescriptor method)
    {
        var bytes = Marshallers.Create(static (byte[] b) => b, static b => b);
        var type = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            _ => MethodType.DuplexStreaming,
        };
        var call = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, bytes, bytes);
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10));
        try
        {
            switch (type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(call, null, options, []);
                    break;
                case MethodType.ClientStreaming:
                    using (var client = invoker.AsyncClientStreamingCall(call, null, options))
                    {
                        await client.RequestStream.WriteAsync([]);
                        await client.RequestStream.CompleteAsync();
                        await client.ResponseAsync;
                    }

                    break;
                case MethodType.ServerStreaming:
                    using (var stream = invoker.AsyncServerStreamingCall(call, null, options, []))
                    {
                        // Health/Watch streams until cancelled: the first message shows the call was let in.
                        if (await stream.ResponseStream.MoveNext(CancellationToken.None) && method.Name == "Watch")
                        {
                            return new RpcException(new global::Grpc.Core.Status(StatusCode.OK, "watching"));
                        }

                        while (await stream.ResponseStream.MoveNext(CancellationToken.None))
                        {
                        }
                    }

                    break;
            }

            return new RpcException(new global::Grpc.Core.Status(StatusCode.OK, ""));
        }
        catch (RpcException e)
        {
            return e;
        }
    }
}
