using System.Security.Claims;
using Grpc.Core;
using MdgExchange.Application.Security;
using Microsoft.AspNetCore.Http;

namespace MdgExchange.Server.Tests.Adapters;

/// <summary>
/// A <see cref="ServerCallContext"/> for calling a gRPC service class directly, without a socket: the caller is an
/// <see cref="HttpContext"/> user with the server's claims (what <c>GetHttpContext()</c> returns), the response headers
/// and trailers are kept for the test to read.
/// </summary>
public sealed class TestServerCallContext : ServerCallContext
{
    // The key grpc-dotnet's GetHttpContext() reads from UserState when the context is not its own.
    private const string HttpContextKey = "__HttpContext";

    private readonly Dictionary<object, object> _userState = new();
    private readonly CancellationToken _cancellationToken;
    private readonly string _method;

    private TestServerCallContext(string method, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        _method = method;
        _cancellationToken = cancellationToken;
        _userState[HttpContextKey] = new DefaultHttpContext { User = user };
    }

    /// <summary>A call by a caller acting for <paramref name="organisation"/> in <paramref name="role"/>.</summary>
    public static TestServerCallContext As(string organisation, string role, string method = "/test", CancellationToken cancellationToken = default)
    {
        var identity = new ClaimsIdentity(
            [new Claim(MdgxClaims.Organisation, organisation), new Claim(MdgxClaims.Role, role), new Claim(MdgxClaims.Principal, $"key:{organisation.ToLowerInvariant()}"), new Claim(ClaimTypes.Name, $"key:{organisation.ToLowerInvariant()}")],
            authenticationType: "test");
        return new TestServerCallContext(method, new ClaimsPrincipal(identity), cancellationToken);
    }

    /// <summary>A call without credentials.</summary>
    public static TestServerCallContext Anonymous(string method = "/test") => new(method, new ClaimsPrincipal(new ClaimsIdentity()), CancellationToken.None);

    public Metadata ResponseHeaders { get; } = [];

    protected override string MethodCore => _method;

    protected override string HostCore => "localhost";

    protected override string PeerCore => "ipv4:127.0.0.1:1";

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore { get; } = [];

    protected override CancellationToken CancellationTokenCore => _cancellationToken;

    protected override Metadata ResponseTrailersCore { get; } = [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore { get; } = new(null, []);

    protected override IDictionary<object, object> UserStateCore => _userState;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException("no propagation in a test call");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        foreach (var entry in responseHeaders)
        {
            ResponseHeaders.Add(entry);
        }

        return Task.CompletedTask;
    }
}

/// <summary>A client stream held in memory: the messages a client would send, then the end of the stream.</summary>
public sealed class TestStreamReader<T>(IEnumerable<T> messages) : IAsyncStreamReader<T>
{
    private readonly IEnumerator<T> _messages = messages.GetEnumerator();

    public T Current => _messages.Current;

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_messages.MoveNext());
    }
}
