using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using MdgExchange.Application.Exchange;

namespace MdgExchange.Server.Grpc;

/// <summary>Exchange exceptions as gRPC errors with google.rpc details; each names the transfer that recorded it.</summary>
internal static class ExchangeErrors
{
    public static RpcException ToRpc(Exception exception) => exception switch
    {
        ExchangeRejectedException rejected => Status(Code.InvalidArgument, rejected.Message, BadRequest(rejected), rejected.TransferId),
        ExchangeNotFoundException missing => Status(
            Code.NotFound,
            missing.Message,
            new ResourceInfo { ResourceType = missing.ResourceType, ResourceName = missing.ResourceName, Description = missing.Message },
            missing.TransferId),
        ExchangeLimitException limit => RpcErrors.Quota(limit.Subject, limit.Message, limit.TransferId),
        ExchangeDeniedException denied => Status(Code.PermissionDenied, denied.Message, Denial(denied), denied.TransferId),
        IdempotencyConflictException conflict => Status(Code.AlreadyExists, conflict.Message, new ErrorInfo { Reason = "IDEMPOTENCY_KEY_REUSED", Domain = "mdgexchange" }, conflict.TransferId),
        _ => new RpcException(new global::Grpc.Core.Status(StatusCode.Internal, "unexpected error")),
    };

    /// <summary>PERMISSION_DENIED carries an ErrorInfo whose metadata names each refused field (path → why).</summary>
    private static ErrorInfo Denial(ExchangeDeniedException denied)
    {
        var info = new ErrorInfo { Reason = "PERMISSION_DENIED", Domain = "mdgexchange" };
        foreach (var violation in denied.Violations)
        {
            info.Metadata[violation.Field] = violation.Description;
        }

        return info;
    }

    private static BadRequest BadRequest(ExchangeRejectedException rejected)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(rejected.Violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        if (rejected.Suppressed > 0)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = "", Description = $"{rejected.Suppressed} more problem(s) not listed" });
        }

        return badRequest;
    }

    /// <summary>The status with its detail and, when a transfer recorded the call, the transfer's id.</summary>
    private static RpcException Status(Code code, string message, Google.Protobuf.IMessage detail, Guid transferId)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(detail) } };
        if (transferId != Guid.Empty)
        {
            status.Details.Add(Any.Pack(new RequestInfo { RequestId = transferId.ToString(), ServingData = "transfer id" }));
        }

        return status.ToRpcException();
    }
}
