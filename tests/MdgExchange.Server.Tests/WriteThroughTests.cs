using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>A server that lets a quiet push hold SQLite's writer for only 300 ms.</summary>
public sealed class QuickReleaseServerFixture : ServerFixture
{
    protected override IEnumerable<string> ExtraArguments => ["--MdgExchange:Exchange:WriteThroughIdleTimeout=00:00:00.300"];
}

/// <summary>
/// Pushes write valid batches through while they arrive; these tests pin down what that must never change:
/// all or nothing, and one slow caller cannot keep the database from everyone else.
/// </summary>
public sealed class WriteThroughTests(QuickReleaseServerFixture server) : IClassFixture<QuickReleaseServerFixture>
{
    private DataExchangeService.DataExchangeServiceClient Data => new(server.Anonymous);
    private TransferService.TransferServiceClient Transfers => new(server.Coordinator);

    private DataExchangeService.DataExchangeServiceClient As(string organisation) => new(server.AsOrganisation(organisation));

    [Fact]
    public async Task A_push_that_goes_quiet_releases_the_writer_so_another_push_completes_meanwhile_and_both_are_stored()
    {
        using var slow = As("INE").PushSeries();
        await slow.RequestStream.WriteAsync(new PushSeriesRequest { Header = Header(sender: "INE") });
        await slow.RequestStream.WriteAsync(new PushSeriesRequest { Batch = new SeriesBatch { Series = { Sdg("SH_DYN_MORT", "152", "N", ("2014", 8.1, "C")) } } });

        // While the slow push waits, another one must get the writer and finish.
        var quick = await As("DANE").PushAsync(Header(sender: "DANE"), [Sdg("SH_DYN_MORT", "170", "N", ("2014", 14.2, "C"))]).WaitAsync(TimeSpan.FromSeconds(20));
        quick.Inserted.Should().Be(1);

        await slow.RequestStream.WriteAsync(new PushSeriesRequest { Batch = new SeriesBatch { Series = { Sdg("SH_DYN_MORT", "152", "N", ("2015", 7.9, "C")) } } });
        await slow.RequestStream.CompleteAsync();
        var response = await slow;
        (response.Series, response.Inserted).Should().Be((2L, 2L));

        var chile = (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SH_DYN_MORT.152..........." })).Single();
        chile.Observations.Select(o => (o.TimePeriod, o.ObsValue)).Should().Equal(("2014", 8.1), ("2015", 7.9));
        (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SH_DYN_MORT.170..........." })).Should().ContainSingle();
    }

    [Fact]
    public async Task A_problem_in_a_later_batch_undoes_the_series_already_written_from_earlier_ones()
    {
        var valid = Enumerable.Range(0, 30).Select(i => Sdg("SH_STA_STNT", "604", "N", ((2000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), i, "C"))).ToArray();
        var bad = Sdg("SH_STA_STNT", "604", "N", ("2040", 1, "C"));
        bad.Key["SEX"] = "X";

        var error = await FluentActions.Awaiting(() => As("INEI").PushAsync(Header(sender: "INEI"), valid[..10], valid[10..20], valid[20..], [bad])).Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.Should().Be("series[30].key.SEX");
        (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SH_STA_STNT.604..........." })).Should().BeEmpty();
    }

    [Fact]
    public async Task A_batch_that_is_not_valid_protobuf_is_refused_with_its_index_and_nothing_is_stored()
    {
        var raw = new Method<byte[], PushSeriesResponse>(
            MethodType.ClientStreaming,
            DataExchangeService.Descriptor.FullName,
            "PushSeries",
            Marshallers.Create(static (byte[] b) => b, static b => b),
            Marshallers.Create(static (PushSeriesResponse r) => r.ToByteArray(), PushSeriesResponse.Parser.ParseFrom));
        using var call = server.AsOrganisation("INS").AsyncClientStreamingCall(raw, null, default);
        await call.RequestStream.WriteAsync(new PushSeriesRequest { Header = Header(sender: "INS") }.ToByteArray());
        await call.RequestStream.WriteAsync(new PushSeriesRequest { Batch = new SeriesBatch { Series = { Sdg("SH_DYN_MORT", "218", "N", ("2014", 1, "C")) } } }.ToByteArray());
        // field 2 (batch), 3 bytes: a series (field 1) that claims 80 bytes
        await call.RequestStream.WriteAsync([0x12, 0x03, 0x0A, 0x50, 0x0A]);
        await call.RequestStream.CompleteAsync();

        var error = await FluentActions.Awaiting(() => call.ResponseAsync).Should().ThrowAsync<RpcException>();
        error.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        var violation = error.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single();
        violation.Field.Should().Be("batches[1]");
        violation.Description.Should().Contain("runs past the end");
        var transferId = error.Which.GetRpcStatus()!.GetDetail<RequestInfo>().RequestId;
        (await Transfers.GetTransferAsync(new GetTransferRequest { TransferId = transferId })).Outcome.Should().Be("rejected");
        (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SH_DYN_MORT.218..........." })).Should().BeEmpty();
    }
}
