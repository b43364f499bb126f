using System.Buffers;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using MdgExchange.Application.Security;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Grpc;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests.Adapters;

/// <summary>
/// The gRPC services as adapters, called with a test-level <see cref="ServerCallContext"/> (no socket): a request maps to
/// the use case and back, and the core's errors map to the status code and the google.rpc details clients rely on.
/// </summary>
public sealed class GrpcAdapterTests(AdapterHost host) : IClassFixture<AdapterHost>
{
    [Fact]
    public async Task A_push_maps_header_and_batches_to_the_use_case_and_its_result_back()
    {
        await host.OnboardAsync("INEGI", "484");
        var messages = new[]
        {
            Message(new PushSeriesRequest { Header = Header("INEGI") }),
            Message(new PushSeriesRequest { Batch = new SeriesBatch { Series = { Sdg("SH_STA_BRTC", "484", "N", ("2018", 96.1, "C"), ("2019", 96.4, "C")) } } }),
        };
        var context = TestServerCallContext.As("INEGI", Roles.Provider);

        var response = await host.Service<DataExchangeGrpcService>().PushSeries(new TestStreamReader<PushMessage>(messages), context);

        (response.Series, response.Observations, response.Inserted).Should().Be((1L, 2L, 2L));
        Guid.TryParse(response.TransferId, out _).Should().BeTrue();
        context.ResponseHeaders.Select(h => h.Key).Should().Contain("mdgx-max-message-bytes");
    }

    [Fact]
    public async Task A_push_without_a_header_is_invalid_argument_naming_the_header()
    {
        var messages = new[] { Message(new PushSeriesRequest { Batch = new SeriesBatch() }) };

        var error = await FluentActions.Awaiting(() => host.Service<DataExchangeGrpcService>().PushSeries(new TestStreamReader<PushMessage>(messages), TestServerCallContext.As("INEGI", Roles.Provider)))
            .Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Should().ContainSingle(v => v.Field == "header");
    }

    [Fact]
    public async Task A_rejected_push_maps_each_violation_to_a_field_and_names_the_recording_transfer()
    {
        await host.OnboardAsync("INDEC", "32");
        var bad = Sdg("SH_STA_BRTC", "32", "N", ("2019-Q1", 90, "C"));
        var messages = new[] { Message(new PushSeriesRequest { Header = Header("INDEC") }), Message(new PushSeriesRequest { Batch = new SeriesBatch { Series = { bad } } }) };

        var error = await FluentActions.Awaiting(() => host.Service<DataExchangeGrpcService>().PushSeries(new TestStreamReader<PushMessage>(messages), TestServerCallContext.As("INDEC", Roles.Provider)))
            .Should().ThrowAsync<RpcException>();

        var status = error.Which.GetRpcStatus()!;
        status.Code.Should().Be((int)Code.InvalidArgument);
        status.GetDetail<BadRequest>().FieldViolations.Should().ContainSingle(v => v.Field == "series[0].observations[0].time_period");
        var transfer = await host.Service<TransferGrpcService>().GetTransfer(new GetTransferRequest { TransferId = status.GetDetail<RequestInfo>().RequestId }, TestServerCallContext.As("INDEC", Roles.Provider));
        (transfer.Kind, transfer.Outcome, transfer.Sender).Should().Be(("push", "rejected", "INDEC"));
    }

    [Fact]
    public async Task A_key_request_is_mapped_field_by_field_and_the_secret_is_returned_once()
    {
        var keys = host.Service<KeyGrpcService>();

        var invalid = await FluentActions.Awaiting(() => keys.CreateKey(new CreateKeyRequest { Organisation = "bad id!", Role = "king" }, TestServerCallContext.As("MDGX", Roles.Admin)))
            .Should().ThrowAsync<RpcException>();
        var status = invalid.Which.GetRpcStatus()!;
        status.Code.Should().Be((int)Code.InvalidArgument);
        status.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Should().BeEquivalentTo("organisation", "role");
        status.GetDetail<RequestInfo>().Should().BeNull("no transfer records a key request");

        var created = await keys.CreateKey(new CreateKeyRequest { Organisation = "DANE", Role = Roles.Provider, Name = "nightly upload" }, TestServerCallContext.As("MDGX", Roles.Admin));
        (created.Key.Organisation, created.Key.Role, created.Key.Name, created.Key.Status, created.Key.CreatedBy).Should().Be(("DANE", "provider", "nightly upload", "active", "key:mdgx"));
        created.ApiKey.Should().StartWith($"mdgx_{created.Key.KeyId}_");
        (await keys.ListKeys(new ListKeysRequest { Organisation = "DANE" }, TestServerCallContext.As("MDGX", Roles.Admin))).Keys.Should().ContainSingle(k => k.KeyId == created.Key.KeyId);

        var missing = await FluentActions.Awaiting(() => keys.RevokeKey(new RevokeKeyRequest { KeyId = "nosuchkey" }, TestServerCallContext.As("MDGX", Roles.Admin))).Should().ThrowAsync<RpcException>();
        missing.Which.StatusCode.Should().Be(StatusCode.NotFound);
        missing.Which.GetRpcStatus()!.GetDetail<ResourceInfo>().ResourceName.Should().Be("nosuchkey");
    }

    [Fact]
    public async Task WhoAmI_reads_the_caller_the_transport_established()
    {
        var me = await host.Service<KeyGrpcService>().WhoAmI(new WhoAmIRequest(), TestServerCallContext.As("IBGE", Roles.Provider));

        (me.Organisation, me.Principal).Should().Be(("IBGE", "key:ibge"));
        me.Roles.Should().Equal("provider");
    }

    [Fact]
    public async Task Reading_another_organisations_transfers_is_permission_denied_with_the_refusal_recorded()
    {
        var transfers = host.Service<TransferGrpcService>();

        var error = await FluentActions.Awaiting(() => transfers.ListTransfers(new ListTransfersRequest { Organisation = "INEGI" }, TestServerCallContext.As("IBGE", Roles.Provider)))
            .Should().ThrowAsync<RpcException>();

        var status = error.Which.GetRpcStatus()!;
        status.Code.Should().Be((int)Code.PermissionDenied);
        status.GetDetail<ErrorInfo>().Reason.Should().Be("PERMISSION_DENIED");
        var refusal = await transfers.GetTransfer(new GetTransferRequest { TransferId = status.GetDetail<RequestInfo>().RequestId }, TestServerCallContext.As("CEPAL", Roles.Coordinator));
        (refusal.Kind, refusal.Outcome, refusal.Sender).Should().Be(("transfers-read", "rejected", "IBGE"));

        var malformed = await FluentActions.Awaiting(() => transfers.GetTransfer(new GetTransferRequest { TransferId = "42" }, TestServerCallContext.As("CEPAL", Roles.Coordinator))).Should().ThrowAsync<RpcException>();
        malformed.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.Should().Be("transfer_id");
    }

    [Fact]
    public async Task Codes_are_paged_with_a_next_page_token_and_a_bad_token_names_the_field()
    {
        var structures = host.Service<StructureGrpcService>();
        var caller = TestServerCallContext.Anonymous();

        var first = await structures.ListCodes(new ListCodesRequest { Codelist = "urn:sdmx:org.sdmx.infomodel.codelist.Codelist=IAEG-SDGs:CL_AREA(1.0)", PageSize = 5 }, caller);
        first.Codes.Should().HaveCount(5);
        first.NextPageToken.Should().Be("5");
        var second = await structures.ListCodes(new ListCodesRequest { Codelist = "urn:sdmx:org.sdmx.infomodel.codelist.Codelist=IAEG-SDGs:CL_AREA(1.0)", PageSize = 5, PageToken = first.NextPageToken }, caller);
        second.Codes.Select(c => c.Id).Should().NotIntersectWith(first.Codes.Select(c => c.Id));
        second.TotalSize.Should().Be(first.TotalSize);

        var bad = await FluentActions.Awaiting(() => structures.ListCodes(new ListCodesRequest { Codelist = "urn:sdmx:org.sdmx.infomodel.codelist.Codelist=IAEG-SDGs:CL_AREA(1.0)", PageToken = "abc" }, caller)).Should().ThrowAsync<RpcException>();
        bad.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.Should().Be("page_token");

        var missing = await FluentActions.Awaiting(() => structures.GetArtefact(new GetArtefactRequest { Ref = "urn:sdmx:org.sdmx.infomodel.codelist.Codelist=MDGX:CL_NOTHING(1.0)" }, caller)).Should().ThrowAsync<RpcException>();
        missing.Which.StatusCode.Should().Be(StatusCode.NotFound);
        missing.Which.GetRpcStatus()!.GetDetail<ResourceInfo>().ResourceName.Should().Be("MDGX:CL_NOTHING(1.0)");
    }

    [Fact]
    public async Task An_unknown_pair_is_not_found_and_a_malformed_id_names_the_field()
    {
        var discrepancies = host.Service<DiscrepancyGrpcService>();

        var missing = await FluentActions.Awaiting(() => discrepancies.GetPair(new GetPairRequest { PairId = Guid.NewGuid().ToString() }, TestServerCallContext.As("CEPAL", Roles.Coordinator))).Should().ThrowAsync<RpcException>();
        missing.Which.StatusCode.Should().Be(StatusCode.NotFound);
        missing.Which.GetRpcStatus()!.GetDetail<ResourceInfo>().ResourceType.Should().Be("DiscrepancyPair");

        var malformed = await FluentActions.Awaiting(() => discrepancies.GetPair(new GetPairRequest { PairId = "pair-1" }, TestServerCallContext.As("CEPAL", Roles.Coordinator))).Should().ThrowAsync<RpcException>();
        malformed.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.Should().Be("pair_id");
        (await discrepancies.ListPairs(new ListPairsRequest { Limit = 50_000 }, TestServerCallContext.As("CEPAL", Roles.Coordinator))).Pairs.Should().BeEmpty();
    }

    [Fact]
    public async Task A_catalogue_operation_that_does_not_exist_is_not_found_with_its_id()
    {
        var error = await FluentActions.Awaiting(() => host.Service<CatalogGrpcService>().GetOperation(new GetOperationRequest { Id = "MEX-ENIGH-9999" }, TestServerCallContext.As("CEPAL", Roles.Coordinator)))
            .Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.NotFound);
        error.Which.GetRpcStatus()!.GetDetail<ResourceInfo>().ResourceName.Should().Be("MEX-ENIGH-9999");
    }

    private static PushMessage Message(PushSeriesRequest request) => PushMessage.Parse(new ReadOnlySequence<byte>(request.ToByteArray()));
}
