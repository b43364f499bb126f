using System.Diagnostics.CodeAnalysis;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace MdgExchange.Server.Grpc;

/// <summary>Throw helpers for gRPC errors with <c>google.rpc</c> details.</summary>
internal static class RpcErrors
{
    [DoesNotReturn]
    public static void InvalidArgument(string field, string description) =>
        InvalidArgument(description, [(field, description)]);

    [DoesNotReturn]
    public static void InvalidArgument(string message, IEnumerable<(string Field, string Description)> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        throw new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = message,
            Details = { Any.Pack(badRequest) },
        }.ToRpcException();
    }

    [DoesNotReturn]
    public static void NotFound(string resourceType, string resourceName, string message) =>
        throw new Google.Rpc.Status
        {
            Code = (int)Code.NotFound,
            Message = message,
            Details = { Any.Pack(new ResourceInfo { ResourceType = resourceType, ResourceName = resourceName, Description = message }) },
        }.ToRpcException();

    [DoesNotReturn]
    public static void FailedPrecondition(string subject, string type, string message) =>
        throw new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = message,
            Details = { Any.Pack(new PreconditionFailure { Violations = { new PreconditionFailure.Types.Violation { Type = type, Subject = subject, Description = message } } }) },
        }.ToRpcException();

    /// <summary>UNAUTHENTICATED or PERMISSION_DENIED, with an ErrorInfo and the id of the transfer that recorded the refusal.</summary>
    public static RpcException Refused(StatusCode code, string message, Guid transferId) =>
        new Google.Rpc.Status
        {
            Code = (int)code,
            Message = message,
            Details =
            {
                Any.Pack(new ErrorInfo { Reason = code == StatusCode.Unauthenticated ? "UNAUTHENTICATED" : "PERMISSION_DENIED", Domain = "mdgexchange" }),
                Any.Pack(new RequestInfo { RequestId = transferId.ToString() }),
            },
        }.ToRpcException();

    [DoesNotReturn]
    public static void ResourceExhausted(string message) =>
        throw new RpcException(new global::Grpc.Core.Status(StatusCode.ResourceExhausted, message));

    /// <summary>RESOURCE_EXHAUSTED with a QuotaFailure naming what is over which limit.</summary>
    [DoesNotReturn]
    public static void ResourceExhausted(string subject, string message) => throw Quota(subject, message, null);

    public static RpcException Quota(string subject, string message, Guid? transferId)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = message,
            Details = { Any.Pack(new QuotaFailure { Violations = { new QuotaFailure.Types.Violation { Subject = subject, Description = message } } }) },
        };
        if (transferId is { } id)
        {
            status.Details.Add(Any.Pack(new RequestInfo { RequestId = id.ToString() }));
        }

        return status.ToRpcException();
    }
}
