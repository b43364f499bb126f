using System.Security.Cryptography;
using Grpc.Core;
using Grpc.Core.Interceptors;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>A server that accepts bearer tokens of one issuer and audience, signed by the keys of a JWKS file.</summary>
public sealed class OidcServerFixture : ServerFixture, IDisposable
{
    public const string Issuer = "https://idp.example.org/realms/sdg";
    public const string Audience = "mdgexchange";
    private readonly string _jwks = Path.Combine(Path.GetTempPath(), $"mdgx-jwks-{Guid.NewGuid():N}.json");

    public OidcServerFixture()
    {
        var parameters = Signing.ExportParameters(false);
        File.WriteAllText(_jwks, $$"""
            {"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"sdg-1","n":"{{Base64UrlEncoder.Encode(parameters.Modulus)}}","e":"{{Base64UrlEncoder.Encode(parameters.Exponent)}}"}]}
            """);
    }

    public RSA Signing { get; } = RSA.Create(2048);

    /// <summary>A token of this issuer for this audience, signed with this fixture's key unless another is given.</summary>
    public string Token(Action<SecurityTokenDescriptor>? change = null, RSA? key = null, string? organisation = "INEGI", object? roles = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "maria.lopez" };
        if (organisation is not null)
        {
            claims["org"] = organisation;
        }

        claims["roles"] = roles ?? new[] { "provider" };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = DateTime.UtcNow.AddMinutes(-1),
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? Signing) { KeyId = "sdg-1" }, SecurityAlgorithms.RsaSha256),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>Calls carrying the bearer token.</summary>
    public CallInvoker Bearer(string token) => Channel.Intercept(m =>
    {
        m.Add("authorization", $"Bearer {token}");
        return m;
    });

    protected override IEnumerable<string> ExtraArguments =>
    [
        $"--MdgExchange:Auth:Oidc:Issuer={Issuer}", $"--MdgExchange:Auth:Oidc:Audience={Audience}", $"--MdgExchange:Auth:Oidc:JwksPath={_jwks}",
    ];

    public void Dispose()
    {
        Signing.Dispose();
        File.Delete(_jwks);
    }
}

/// <summary>OIDC bearer tokens: signature, expiry, issuer and audience are checked; organisation and roles come from the configured claims.</summary>
public sealed class OidcTests(OidcServerFixture server) : IClassFixture<OidcServerFixture>
{
    private string Token(Action<SecurityTokenDescriptor>? change = null, RSA? key = null, string? organisation = "INEGI", object? roles = null) =>
        server.Token(change, key, organisation, roles);

    private CallInvoker Bearer(string token) => server.Bearer(token);

    [Fact]
    public async Task A_valid_token_acts_for_its_organisation_with_its_roles()
    {
        await server.RegisterAgreementAsync("INEGI");
        var invoker = Bearer(Token());

        var me = await new KeyService.KeyServiceClient(invoker).WhoAmIAsync(new WhoAmIRequest());
        (me.Principal, me.Organisation).Should().Be(("oidc:maria.lopez", "INEGI"));
        me.Roles.Should().Equal("provider");
        var pushed = await new DataExchangeService.DataExchangeServiceClient(invoker).PushAsync(Header(sender: "INEGI"), [Sdg("SH_DYN_MORT", "484", "N", ("2016", 13.2, "C"))]);
        pushed.Inserted.Should().Be(1);
        var transfer = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = pushed.TransferId });
        transfer.Principal.Should().Be("oidc:maria.lopez");

        var agency = await new KeyService.KeyServiceClient(Bearer(Token(organisation: "UNICEF", roles: "agency coordinator"))).WhoAmIAsync(new WhoAmIRequest());
        agency.Roles.Should().Equal("agency", "coordinator");
    }

    [Fact]
    public async Task Bearer_tokens_work_on_SDMX_REST_as_on_gRPC_and_a_bad_one_is_an_SDMX_401()
    {
        await server.RegisterAgreementAsync("INEGI");
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token());
        var total = string.Join(',', Enumerable.Repeat("_T", 11));
        var csv = "DATAFLOW,FREQ,REPORTING_TYPE,SERIES,REF_AREA,SEX,AGE,URBANISATION,INCOME_WEALTH_QUANTILE,EDUCATION_LEV,OCCUPATION,CUST_BREAKDOWN,COMPOSITE_BREAKDOWN,DISABILITY_STATUS,ACTIVITY,PRODUCT,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS,NATURE\n"
            + $"MDGX:DF_SDG(1.0),A,N,SH_DYN_NMRT,484,{total},2017,7.8,PER_1000_LIVE_BIRTHS,0,A,C\n";
        using var content = new StringContent(csv, System.Text.Encoding.UTF8, "application/vnd.sdmx.data+csv");
        using var pushed = await http.PostAsync(new Uri("/sdmx/v2/data/dataflow/MDGX/DF_SDG/1.0", UriKind.Relative), content);
        pushed.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await pushed.Content.ReadAsStringAsync());
        var transfer = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = pushed.Headers.GetValues("X-Transfer-Id").Single() });
        (transfer.Principal, transfer.Sender, transfer.Channel).Should().Be(("oidc:maria.lopez", "INEGI", "rest"));

        (await http.GetStringAsync(new Uri("/sdmx/rest/data/MDGX,DF_SDG,1.0/" + SdgKey("SH_DYN_NMRT", "484", "N") + "?format=csvfile", UriKind.Relative))).Should().Contain("7.8");

        using var bad = new HttpClient { BaseAddress = server.HttpAddress };
        bad.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token(d => d.Audience = "another-service"));
        using var refused = await bad.GetAsync(new Uri("/sdmx/rest/dataflow/MDGX/DF_SDG/latest", UriKind.Relative));
        refused.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized, "a bad token is refused even where anonymous callers are let in");
        (await refused.Content.ReadAsStringAsync()).Should().Contain("ErrorMessage code=\"110\"");
    }

    public static TheoryData<string> BadTokens() => ["expired", "wrong audience", "wrong issuer", "wrong signature", "no organisation", "not a token"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_unauthenticated_even_where_anonymous_callers_are_let_in(string what)
    {
        using var other = RSA.Create(2048);
        var token = what switch
        {
            "expired" => Token(d => (d.NotBefore, d.IssuedAt, d.Expires) = (DateTime.UtcNow.AddHours(-3), DateTime.UtcNow.AddHours(-3), DateTime.UtcNow.AddHours(-2))),
            "wrong audience" => Token(d => d.Audience = "another-service"),
            "wrong issuer" => Token(d => d.Issuer = "https://idp.example.org/realms/other"),
            "wrong signature" => Token(key: other),
            "no organisation" => Token(organisation: null),
            _ => "eyJhbGciOiJub25lIn0.e30.",
        };

        var whoami = await FluentActions.Awaiting(() => new KeyService.KeyServiceClient(Bearer(token)).WhoAmIAsync(new WhoAmIRequest()).ResponseAsync).Should().ThrowAsync<RpcException>();
        whoami.Which.StatusCode.Should().Be(StatusCode.Unauthenticated, whoami.Which.Status.Detail);
        var push = await FluentActions.Awaiting(() => new DataExchangeService.DataExchangeServiceClient(Bearer(token)).PushAsync(Header(sender: "INEGI"), [Sdg("SH_DYN_MORT", "484", "N", ("2017", 1, "C"))])).Should().ThrowAsync<RpcException>();
        push.Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
        (await new DataExchangeService.DataExchangeServiceClient(server.Anonymous).PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SH_DYN_MORT.484..........." }))
            .SelectMany(s => s.Observations).Should().NotContain(o => o.TimePeriod == "2017");
    }
}

/// <summary>A server without OIDC configuration refuses bearer tokens rather than treating the caller as anonymous.</summary>
public sealed class NoOidcTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_bearer_token_on_a_server_without_OIDC_is_unauthenticated_and_says_why()
    {
        var invoker = server.Channel.Intercept(m =>
        {
            m.Add("authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
            return m;
        });

        var error = await FluentActions.Awaiting(() => new StructureService.StructureServiceClient(invoker).ListArtefactsAsync(new ListArtefactsRequest()).ResponseAsync).Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
        error.Which.Status.Detail.Should().Contain("does not accept bearer tokens");
    }
}
