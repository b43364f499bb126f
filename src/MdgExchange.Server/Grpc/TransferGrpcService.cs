using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Storage;

namespace MdgExchange.Server.Grpc;

/// <summary>
/// Reads the transfer log. Coordinators and admins read every transfer; other callers only those their
/// organisation sent or received (a transfer of others is NOT_FOUND to them, never a hint).
/// </summary>
public sealed class TransferGrpcService(ITransferStore transfers, TimeProvider clock) : TransferService.TransferServiceBase
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

        var caller = context.ExchangeCaller();
        var organisation = Empty(request.Organisation);
        if (!caller.ReadsForAnyone)
        {
            organisation ??= caller.Organisation;
            if (organisation != caller.Organisation)
            {
                var why = $"{caller.Principal} acts for {caller.Organisation} and reads only its own transfers, not those of {organisation}";
                var refusal = await Security.AccessInterceptor.RecordRefusalAsync(transfers, clock, "transfers-read", caller.Organisation, caller.Principal, $"PERMISSION_DENIED: {why}");
                throw RpcErrors.Refused(StatusCode.PermissionDenied, why, refusal);
            }
        }

        var list = await transfers.QueryAsync(
            new TransferFilter
            {
                Organisation = organisation,
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
        var caller = context.ExchangeCaller();
        if (transfer is not null && !caller.ReadsForAnyone
            && transfer.SenderOrganisation != caller.Organisation && transfer.ReceiverOrganisation != caller.Organisation)
        {
            transfer = null;
        }

        if (transfer is null)
        {
            RpcErrors.NotFound("Transfer", request.TransferId, $"transfer {request.TransferId} does not exist");
        }

        return DataMapper.ToProto(transfer);
    }

    private static string? Empty(string text) => string.IsNullOrEmpty(text) ? null : text;
}
