using Google.Rpc;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>The rules past the door, which need the request: acting for one's own organisation, agencies and national series, whose transfers one reads.</summary>
public sealed class ExchangeRulesTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private DataExchangeService.DataExchangeServiceClient As(string organisation) => new(server.AsOrganisation(organisation));

    private TransferService.TransferServiceClient Transfers(string organisation) => new(server.AsOrganisation(organisation));

    private TransferService.TransferServiceClient Coordinator => new(server.Coordinator);

    [Fact]
    public async Task A_provider_cannot_push_as_another_organisation_and_nothing_is_stored()
    {
        var error = await FluentActions.Awaiting(() => As("DANE").PushAsync(Header(sender: "INEGI"), [Sdg("SH_DYN_MORT", "484", "N", ("2014", 1, "C"))])).Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        error.Which.Status.Detail.Should().Contain("DANE").And.Contain("INEGI");
        var transferId = error.Which.GetRpcStatus()!.GetDetail<RequestInfo>().RequestId;
        var recorded = await Coordinator.GetTransferAsync(new GetTransferRequest { TransferId = transferId });
        (recorded.Outcome, recorded.Sender).Should().Be(("rejected", "INEGI"));
        recorded.ErrorSummary.Should().StartWith("PERMISSION_DENIED");
        (await As("INEGI").PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SH_DYN_MORT.484..........." })).Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_sender_the_push_is_the_callers_organisations()
    {
        var response = await As("INE").PushAsync(new PushHeader { Dataflow = Flow, Action = "I" }, [Sdg("SH_DYN_MORT", "152", "N", ("2014", 7, "C"))]);

        (await Coordinator.GetTransferAsync(new GetTransferRequest { TransferId = response.TransferId })).Sender.Should().Be("INE");
    }

    [Fact]
    public async Task An_agency_pushes_international_series_only_and_never_a_national_one()
    {
        var mixed = await FluentActions.Awaiting(() => As("WHO").PushAsync(
            Header(sender: "WHO"),
            [Sdg("SH_HIV_INCD", "76", "G", ("2019", 0.2, "M")), Sdg("SH_HIV_INCD", "76", "N", ("2019", 0.3, "C"))])).Should().ThrowAsync<RpcException>();

        mixed.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        mixed.Which.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata.Keys.Should().Equal("series[1].key.REPORTING_TYPE");
        (await As("WHO").PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A..SH_HIV_INCD.76..........." })).Should().BeEmpty("the G series of the refused push was not stored either");

        var international = await As("WHO").PushAsync(Header(sender: "WHO"), [Sdg("SH_HIV_INCD", "76", "G", ("2019", 0.2, "M"))]);
        international.Inserted.Should().Be(1);
    }

    [Fact]
    public async Task Organisations_read_their_own_transfers_and_the_coordinator_reads_all()
    {
        var mine = await As("DGEEC").PushAsync(Header(sender: "DGEEC"), [Sdg("SH_STA_STNT", "600", "N", ("2016", 5.6, "C"))]);
        var theirs = await As("INDEC").PushAsync(Header(sender: "INDEC"), [Sdg("SH_STA_STNT", "32", "N", ("2016", 7.9, "C"))]);

        (await Transfers("DGEEC").ListTransfersAsync(new ListTransfersRequest())).Transfers.Should().OnlyContain(t => t.Sender == "DGEEC" || t.Receiver == "DGEEC").And.Contain(t => t.TransferId == mine.TransferId);
        (await Transfers("DGEEC").GetTransferAsync(new GetTransferRequest { TransferId = mine.TransferId })).Sender.Should().Be("DGEEC");
        var hidden = await FluentActions.Awaiting(() => Transfers("DGEEC").GetTransferAsync(new GetTransferRequest { TransferId = theirs.TransferId }).ResponseAsync).Should().ThrowAsync<RpcException>();
        hidden.Which.StatusCode.Should().Be(StatusCode.NotFound, "another organisation's transfer does not exist for this caller");
        var others = await FluentActions.Awaiting(() => Transfers("DGEEC").ListTransfersAsync(new ListTransfersRequest { Organisation = "INDEC" }).ResponseAsync).Should().ThrowAsync<RpcException>();
        others.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);

        (await Coordinator.ListTransfersAsync(new ListTransfersRequest { Limit = 1000 })).Transfers.Select(t => t.TransferId).Should().Contain([mine.TransferId, theirs.TransferId]);
    }

    [Fact]
    public async Task Pulls_and_annotations_are_recorded_for_the_callers_organisation_and_cannot_claim_another()
    {
        await As("MINSAL").PushAsync(Header(sender: "MINSAL"), [Sdg("SH_DYN_NMRT", "222", "N", ("2015", 6.1, "C"))]);
        var key = SdgKey("SH_DYN_NMRT", "222", "N");

        await As("UNICEF").PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SH_DYN_NMRT.222..........." });
        (await Coordinator.ListTransfersAsync(new ListTransfersRequest { Organisation = "UNICEF", Kind = "pull" })).Transfers.Should().ContainSingle().Which.Receiver.Should().Be("UNICEF");

        var claimed = await FluentActions.Awaiting(() => As("UNICEF").PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Receiver = "WHO" })).Should().ThrowAsync<RpcException>();
        claimed.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        var anonymous = await FluentActions.Awaiting(() => new DataExchangeService.DataExchangeServiceClient(server.Anonymous).PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Receiver = "WHO" })).Should().ThrowAsync<RpcException>();
        anonymous.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);

        var note = new AnnotateSeriesRequest { Dataflow = Flow, SeriesKey = key, Type = AnnotationType.Footnote, Texts = { new LocalisedText { Lang = "es", Text = "Cifra preliminar." } } };
        var own = await As("MINSAL").AnnotateSeriesAsync(note);
        (await Coordinator.GetTransferAsync(new GetTransferRequest { TransferId = own.TransferId })).Sender.Should().Be("MINSAL");
        note.Organisation = "INE";
        var other = await FluentActions.Awaiting(() => As("MINSAL").AnnotateSeriesAsync(note).ResponseAsync).Should().ThrowAsync<RpcException>();
        other.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task Values_belong_to_the_organisation_that_pushed_them_so_an_agency_never_changes_a_national_series()
    {
        // Kenya's office marks its national series G, as its real file does.
        var national = Sdg("SH_DYN_MORT", "404", "G", ("2021", 39.0, "C"), ("2022", 37.2, "C"));
        await As("KNBS").PushAsync(Header(sender: "KNBS"), [national]);

        var revise = await FluentActions.Awaiting(() => As("UNICEF").PushAsync(Header(sender: "UNICEF"), [Sdg("SH_DYN_MORT", "404", "G", ("2021", 41.5, "E"))])).Should().ThrowAsync<RpcException>();
        revise.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        revise.Which.Status.Detail.Should().Contain("pushed by KNBS");
        revise.Which.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata.Keys.Should().Equal("series[0].observations[0].obs_value");
        var delete = await FluentActions.Awaiting(() => As("UNICEF").PushAsync(Header(sender: "UNICEF", action: "D"), [Sdg("SH_DYN_MORT", "404", "G")])).Should().ThrowAsync<RpcException>();
        delete.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);

        // Sending the same value again changes nothing and is not a change of someone else's data.
        (await As("UNICEF").PushAsync(Header(sender: "UNICEF"), [Sdg("SH_DYN_MORT", "404", "G", ("2021", 39.0, "C"))])).Unchanged.Should().Be(1);
        (await As("KNBS").PushAsync(Header(sender: "KNBS"), [Sdg("SH_DYN_MORT", "404", "G", ("2021", 38.8, "C"))])).Revised.Should().Be(1);
        var stored = (await As("KNBS").PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.G.SH_DYN_MORT.404..........." })).Single();
        stored.Observations.Select(o => (o.TimePeriod, o.ObsValue)).Should().Equal(("2021", 38.8), ("2022", 37.2));
    }
}
