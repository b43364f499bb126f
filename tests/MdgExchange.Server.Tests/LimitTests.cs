using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>A server with small limits, so that each can be crossed in a test.</summary>
public sealed class TightLimitsServerFixture : ServerFixture
{
    protected override IEnumerable<string> ExtraArguments =>
    [
        "--MdgExchange:Limits:RequestsPerMinute=20", "--MdgExchange:Limits:MaxSeriesPerPush=3", "--MdgExchange:Limits:MaxObservationsPerPush=10",
        "--MdgExchange:Limits:MaxPullBatch=50", "--MdgExchange:Limits:MaxMessageBytes=65536", "--MdgExchange:Limits:MaxUploadBytes=4096",
        "--MdgExchange:Limits:MaxRestPage=100",
    ];
}

/// <summary>Over a limit: RESOURCE_EXHAUSTED naming it, nothing stored, and the server goes on serving everyone else.</summary>
public sealed class LimitTests(TightLimitsServerFixture server) : IClassFixture<TightLimitsServerFixture>
{
    private DataExchangeService.DataExchangeServiceClient As(string organisation) => new(server.AsOrganisation(organisation));

    [Fact]
    public async Task An_SDMX_REST_upload_or_page_over_its_limit_is_413_naming_the_limit()
    {
        using var admin = new HttpClient { BaseAddress = server.HttpAddress };
        admin.DefaultRequestHeaders.Add("x-api-key", await server.KeyAsync("MDGX", "admin"));
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(TestFiles.SdgDsd));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        using var upload = await admin.PostAsync(new Uri("/sdmx/v2/structure", UriKind.Relative), content);
        upload.StatusCode.Should().Be(System.Net.HttpStatusCode.RequestEntityTooLarge);
        (await upload.Content.ReadAsStringAsync()).Should().Contain("MaxUploadBytes");

        using var page = await admin.GetAsync(new Uri("/sdmx/v2/data/dataflow/MDGX/DF_SDG/1.0/*?limit=101", UriKind.Relative));
        page.StatusCode.Should().Be(System.Net.HttpStatusCode.RequestEntityTooLarge);
        (await page.Content.ReadAsStringAsync()).Should().Contain("MaxRestPage");
    }

    [Fact]
    public async Task An_HTTP_caller_over_the_rate_limit_gets_429_with_retry_after_and_others_are_still_served()
    {
        using var flooder = new HttpClient { BaseAddress = server.HttpAddress };
        flooder.DefaultRequestHeaders.Add("x-api-key", await server.KeyAsync("RATEHTTP", "provider"));
        var statuses = new List<System.Net.HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            using var response = await flooder.GetAsync(new Uri("/sdmx/rest/codelist/IAEG-SDGs/CL_AREA/latest/484", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter.Should().NotBeNull();
                (await response.Content.ReadAsStringAsync()).Should().Contain("RequestsPerMinute");
            }
        }

        statuses.Should().Contain(System.Net.HttpStatusCode.OK).And.Contain(System.Net.HttpStatusCode.TooManyRequests);
        using var other = new HttpClient { BaseAddress = server.HttpAddress };
        other.DefaultRequestHeaders.Add("x-api-key", await server.KeyAsync("RATEOTHER", "provider"));
        (await other.GetAsync(new Uri("/sdmx/rest/codelist/IAEG-SDGs/CL_AREA/latest/484", UriKind.Relative))).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("series", 4, 1)]
    [InlineData("observations", 2, 6)]
    public async Task A_push_over_a_size_limit_is_refused_naming_the_limit_and_stores_nothing(string subject, int series, int observationsEach)
    {
        var organisation = $"LIM{subject.ToUpperInvariant()[..3]}";
        var batch = Enumerable.Range(0, series).Select(i => Sdg("SH_DYN_MORT", (4 + (i * 4)).ToString(System.Globalization.CultureInfo.InvariantCulture), "N",
            Enumerable.Range(2000, observationsEach).Select(y => (y.ToString(System.Globalization.CultureInfo.InvariantCulture), 1.0, "C")).ToArray())).ToArray();

        var error = await FluentActions.Awaiting(() => As(organisation).PushAsync(Header(sender: organisation), batch)).Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        var quota = error.Which.GetRpcStatus()!.GetDetail<QuotaFailure>().Violations.Single();
        quota.Subject.Should().Be(subject);
        quota.Description.Should().Contain(subject == "series" ? "MaxSeriesPerPush" : "MaxObservationsPerPush");
        var transferId = error.Which.GetRpcStatus()!.GetDetail<RequestInfo>().RequestId;
        var recorded = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = transferId });
        recorded.Outcome.Should().Be("rejected");
        (await As(organisation).PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SH_DYN_MORT............" })).Should().BeEmpty();
    }

    [Fact]
    public async Task A_pull_page_over_the_limit_and_a_message_over_the_size_limit_are_resource_exhausted()
    {
        var page = await FluentActions.Awaiting(() => As("LIMPAGE").PullAllAsync(new PullSeriesRequest { Dataflow = Flow, BatchSize = 51 })).Should().ThrowAsync<RpcException>();
        page.Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        page.Which.Status.Detail.Should().Contain("MaxPullBatch");

        var big = Sdg("SH_DYN_MORT", "32", "N", ("2015", 1, "C"));
        big.Attributes["COMMENT_TS"] = new string('x', 70_000);
        var oversize = await FluentActions.Awaiting(() => As("LIMSIZE").PushAsync(Header(sender: "LIMSIZE"), [big])).Should().ThrowAsync<RpcException>();
        oversize.Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        oversize.Which.Status.Detail.Should().Contain("65,536 bytes, MdgExchange:Limits:MaxMessageBytes");
    }

    [Fact]
    public async Task A_caller_over_the_rate_limit_is_held_back_while_others_and_health_checks_are_served()
    {
        var busy = new KeyService.KeyServiceClient(server.AsOrganisation("LIMRATE"));
        var answered = 0;
        RpcException? refused = null;
        for (var i = 0; i < 25 && refused is null; i++)
        {
            try
            {
                await busy.WhoAmIAsync(new WhoAmIRequest());
                answered++;
            }
            catch (RpcException e)
            {
                refused = e;
            }
        }

        answered.Should().Be(20);
        refused!.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        refused.Status.Detail.Should().Contain("RequestsPerMinute");
        (await new KeyService.KeyServiceClient(server.AsOrganisation("LIMCALM")).WhoAmIAsync(new WhoAmIRequest())).Organisation.Should().Be("LIMCALM");
        (await new Health.HealthClient(server.Channel).CheckAsync(new HealthCheckRequest())).Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);
    }
}
