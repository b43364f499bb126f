using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MdgExchange.Domain.Structure;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Security;
using MdgExchange.Storage;

namespace MdgExchange.Server.Grpc;

/// <summary>API keys: create (shown once), list, revoke; and who the caller is. Access: <see cref="AccessTable"/>.</summary>
public sealed class KeyGrpcService(IKeyStore keys, TimeProvider clock, ILogger<KeyGrpcService> logger) : KeyService.KeyServiceBase
{
    public override async Task<CreateKeyResponse> CreateKey(CreateKeyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var now = clock.GetUtcNow();
        var violations = new List<(string Field, string Description)>();
        if (!Identifiers.IsValidAgencyId(request.Organisation))
        {
            violations.Add(("organisation", $"'{request.Organisation}' is not an SDMX organisation id"));
        }

        if (!Roles.IsValid(request.Role))
        {
            violations.Add(("role", $"'{request.Role}' is not a role; use {string.Join(", ", Roles.All)}"));
        }

        if (request.ExpiresAt is { } expires && expires.ToDateTimeOffset() <= now)
        {
            violations.Add(("expires_at", $"{expires.ToDateTimeOffset():O} is not in the future"));
        }

        if (request.Name.Length > 256)
        {
            violations.Add(("name", "at most 256 characters"));
        }

        if (violations.Count > 0)
        {
            RpcErrors.InvalidArgument("the key request is invalid", violations);
        }

        var caller = Caller.From(context.GetHttpContext().User);
        var (record, token) = ApiKeys.Create(request.Organisation, request.Role, string.IsNullOrEmpty(request.Name) ? null : request.Name, now, caller.Principal, request.ExpiresAt?.ToDateTimeOffset());
        await keys.AddAsync(record, context.CancellationToken);
        KeyLog.Created(logger, record.KeyId, record.Organisation, record.Role, caller.Principal);
        return new CreateKeyResponse { Key = ToProto(record, now), ApiKey = token };
    }

    public override async Task<ListKeysResponse> ListKeys(ListKeysRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var now = clock.GetUtcNow();
        var list = await keys.ListAsync(string.IsNullOrEmpty(request.Organisation) ? null : request.Organisation, context.CancellationToken);
        return new ListKeysResponse { Keys = { list.Select(k => ToProto(k, now)) } };
    }

    public override async Task<ApiKeyInfo> RevokeKey(RevokeKeyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var now = clock.GetUtcNow();
        if (await keys.RevokeAsync(request.KeyId, now, context.CancellationToken))
        {
            KeyLog.Revoked(logger, request.KeyId, Caller.From(context.GetHttpContext().User).Principal);
        }

        var key = await keys.FindAsync(request.KeyId, context.CancellationToken);
        if (key is null)
        {
            RpcErrors.NotFound("ApiKey", request.KeyId, $"there is no API key {request.KeyId}");
        }

        return ToProto(key, now);
    }

    public override Task<WhoAmIResponse> WhoAmI(WhoAmIRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.From(context.GetHttpContext().User);
        return Task.FromResult(new WhoAmIResponse { Principal = caller.Principal, Organisation = caller.Organisation ?? "", Roles = { caller.Roles.Order(StringComparer.Ordinal) } });
    }

    private static ApiKeyInfo ToProto(ApiKeyRecord key, DateTimeOffset now)
    {
        var info = new ApiKeyInfo
        {
            KeyId = key.KeyId,
            Organisation = key.Organisation,
            Role = key.Role,
            Name = key.Name ?? "",
            CreatedAt = Timestamp.FromDateTimeOffset(key.CreatedAt),
            CreatedBy = key.CreatedBy ?? "",
            Status = ApiKeys.Status(key, now),
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

internal static partial class KeyLog
{
    [LoggerMessage(1210, LogLevel.Information, "API key {KeyId} created for {Organisation} ({Role}) by {By}")]
    public static partial void Created(ILogger logger, string keyId, string organisation, string role, string by);

    [LoggerMessage(1211, LogLevel.Information, "API key {KeyId} revoked by {By}")]
    public static partial void Revoked(ILogger logger, string keyId, string by);
}
