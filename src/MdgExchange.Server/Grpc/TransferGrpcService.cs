using Grpc.Core;
using MdgExchange.Application.Exchange;
using MdgExchange.Protos.V1;
using MdgExchange.Storage;

namespace MdgExchange.Server.Grpc;

/// <summary>The transfer log over gRPC: a thin adapter over <see cref="TransferLog"/>, which decides who reads what.</summary>
public sealed class TransferGrpcService(TransferLog log) : TransferService.TransferServiceBase
{
    public override async Task<ListTransfersResponse> ListTransfers(ListTransfersRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var filter = new TransferFilter
        {
            Organisation = Empty(request.Organisation),
            Kind = Empty(request.Kind),
            Dataflow = Empty(request.Dataflow),
            SeriesCode = Empty(request.SeriesCode),
            RefArea = Empty(request.RefArea),
            Outcome = Empty(request.Outcome),
            From = request.From?.ToDateTimeOffset(),
            To = request.To?.ToDateTimeOffset(),
            Limit = request.Limit,
        };
        try
        {
            var list = await log.ListAsync(filter, context.ExchangeCaller(), context.CancellationToken);
            return new ListTransfersResponse { Transfers = { list.Select(DataMapper.ToProto) } };
        }
        catch (Exception ex) when (ex is ExchangeRejectedException or ExchangeDeniedException)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
    }

    public override async Task<TransferRecord> GetTransfer(GetTransferRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (!Guid.TryParse(request.TransferId, out var id))
        {
            RpcErrors.InvalidArgument("transfer_id", $"'{request.TransferId}' is not a transfer id");
        }

        try
        {
            return DataMapper.ToProto(await log.GetAsync(id, context.ExchangeCaller(), context.CancellationToken));
        }
        catch (ExchangeNotFoundException ex)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
    }

    private static string? Empty(string text) => string.IsNullOrEmpty(text) ? null : text;
}
