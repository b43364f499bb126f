using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Storage;

namespace MdgExchange.Server.Grpc;

/// <summary>Reads the transfer log.</summary>
public sealed class TransferGrpcService(ITransferStore transfers) : TransferService.TransferServiceBase
{
    private const int MaxLimit = 10_000;

    public override async Task<ListTransfersResponse> ListTransfers(ListTransfersRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Limit is < 0 or > MaxLimit)
        {
            RpcErrors.InvalidArgument("limit", $"limit must be between 0 and {MaxLimit}");
        }

        var list = await transfers.QueryAsync(
            new TransferFilter
            {
                Organisation = Empty(request.Organisation),
                Kind = Empty(request.Kind),
                Dataflow = Empty(request.Dataflow),
                SeriesCode = Empty(request.SeriesCode),
                RefArea = Empty(request.RefArea),
                Outcome = Empty(request.Outcome),
                From = request.From?.ToDateTimeOffset(),
                To = request.To?.ToDateTimeOffset(),
                Limit = request.Limit == 0 ? 100 : request.Limit,
            },
            context.CancellationToken);
        return new ListTransfersResponse { Transfers = { list.Select(DataMapper.ToProto) } };
    }

    public override async Task<TransferRecord> GetTransfer(GetTransferRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (!Guid.TryParse(request.TransferId, out var id))
        {
            RpcErrors.InvalidArgument("transfer_id", $"'{request.TransferId}' is not a transfer id");
        }

        var transfer = await transfers.GetAsync(id, context.CancellationToken);
        if (transfer is null)
        {
            RpcErrors.NotFound("Transfer", request.TransferId, $"transfer {request.TransferId} does not exist");
        }

        return DataMapper.ToProto(transfer);
    }

    private static string? Empty(string text) => string.IsNullOrEmpty(text) ? null : text;
}
