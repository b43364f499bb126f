using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>
/// Data pushed under embargo are seen before their release only by the provider, the agencies it shared them with
/// and the coordinator; to everyone else the series does not exist. After the release everyone sees them.
/// </summary>
public sealed class EmbargoTests(ClockServerFixture server) : IClassFixture<ClockServerFixture>
{
    private const string Key = "A.N.SH_DYN_MORT.404...........";

    private static DataExchangeService.DataExchangeServiceClient Client(CallInvoker invoker) => new(invoker);

    [Fact]
    public async Task An_embargoed_push_is_seen_only_by_its_provider_the_agencies_it_shares_with_and_the_coordinator_until_release()
    {
        var header = Header(sender: "KNBS");
        header.EmbargoUntil = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow().AddHours(1));
        header.ShareWith.Add("UNICEF");
        var pushed = await Client(server.AsOrganisation("KNBS")).PushAsync(header, [Sdg("SH_DYN_MORT", "404", "N", ("2022", 37.2, "C"), ("2023", 35.9, "C"))]);
        var recorded = await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = pushed.TransferId });
        recorded.SharedWith.Should().Equal("UNICEF");
        recorded.EmbargoUntil.Should().NotBeNull();

        var before = new Dictionary<string, int>
        {
            ["anonymous"] = await CountAsync(server.Anonymous),
            ["WHO (agency, not shared)"] = await CountAsync(server.AsOrganisation("WHO")),
            ["INEGI (another provider)"] = await CountAsync(server.AsOrganisation("INEGI")),
            ["UNICEF (shared)"] = await CountAsync(server.AsOrganisation("UNICEF")),
            ["KNBS (its provider)"] = await CountAsync(server.AsOrganisation("KNBS")),
            ["coordinator"] = await CountAsync(server.Coordinator),
        };
        before.Should().Equal(new Dictionary<string, int>
        {
            ["anonymous"] = 0, ["WHO (agency, not shared)"] = 0, ["INEGI (another provider)"] = 0,
            ["UNICEF (shared)"] = 2, ["KNBS (its provider)"] = 2, ["coordinator"] = 2,
        });

        var note = new AnnotateSeriesRequest { Dataflow = Flow, SeriesKey = SdgKey("SH_DYN_MORT", "404", "N"), Type = AnnotationType.ConsultationQuestion, Texts = { new LocalisedText { Lang = "en", Text = "Source of 2023?" } } };
        var hidden = await FluentActions.Awaiting(() => Client(server.AsOrganisation("WHO")).AnnotateSeriesAsync(note).ResponseAsync).Should().ThrowAsync<RpcException>();
        hidden.Which.StatusCode.Should().Be(StatusCode.NotFound, "to those who may not see it the series does not exist");
        (await Client(server.AsOrganisation("UNICEF")).AnnotateSeriesAsync(note)).AnnotationId.Should().NotBeEmpty();

        server.Clock.Advance(TimeSpan.FromHours(2));

        (await CountAsync(server.Anonymous)).Should().Be(2, "after the release the data are public");
        (await CountAsync(server.AsOrganisation("WHO"))).Should().Be(2);
        (await Client(server.AsOrganisation("WHO")).AnnotateSeriesAsync(note)).AnnotationId.Should().NotBeEmpty();
    }

    private static async Task<int> CountAsync(CallInvoker invoker) =>
        (await Client(invoker).PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = Key })).Sum(s => s.Observations.Count);
}
