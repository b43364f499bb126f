using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MdgExchange.Application.Exchange;
using MdgExchange.Protos.V1;

namespace MdgExchange.Server.Grpc;

/// <summary>API keys over gRPC: a thin adapter over <see cref="ApiKeyService"/>; and who the caller is. Access: <see cref="Security.AccessTable"/>.</summary>
public sealed class KeyGrpcService(ApiKeyService keys) : KeyService.KeyServiceBase
{
    public override async Task<CreateKeyResponse> CreateKey(CreateKeyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var (key, token) = await keys.CreateAsync(
                new ApiKeyRequest(request.Organisation, request.Role, request.Name, request.ExpiresAt?.ToDateTimeOffset()),
                context.ExchangeCaller(),
                context.CancellationToken);
            return new CreateKeyResponse { Key = ToProto(key), ApiKey = token };
        }
        catch (ExchangeRejectedException ex)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
    }

    public override async Task<ListKeysResponse> ListKeys(ListKeysRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var list = await keys.ListAsync(request.Organisation, context.CancellationToken);
        return new ListKeysResponse { Keys = { list.Select(ToProto) } };
    }

    public override async Task<ApiKeyInfo> RevokeKey(RevokeKeyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return ToProto(await keys.RevokeAsync(request.KeyId, context.ExchangeCaller(), context.CancellationToken));
        }
        catch (ExchangeNotFoundException ex)
        {
            throw ExchangeErrors.ToRpc(ex);
        }
    }

    public override Task<WhoAmIResponse> WhoAmI(WhoAmIRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.From(context.GetHttpContext().User);
        return Task.FromResult(new WhoAmIResponse { Principal = caller.Principal, Organisation = caller.Organisation ?? "", Roles = { caller.Roles.Order(StringComparer.Ordinal) } });
    }

    private static ApiKeyInfo ToProto(ApiKeyView view)
    {
        var key = view.Record;
        var info = new ApiKeyInfo
        {
            KeyId = key.KeyId,
            Organisation = key.Organisation,
            Role = key.Role,
            Name = key.Name ?? "",
            CreatedAt = Timestamp.FromDateTimeOffset(key.CreatedAt),
            CreatedBy = key.CreatedBy ?? "",
            Status = view.Status,
        };
        if (key.ExpiresAt is { } expires)
        {
            info.ExpiresAt = Timestamp.FromDateTimeOffset(expires);
        }

        if (key.RevokedAt is { } revoked)
        {
            info.RevokedAt = Timestamp.FromDateTimeOffset(revoked);
        }

        return info;
    }
}
