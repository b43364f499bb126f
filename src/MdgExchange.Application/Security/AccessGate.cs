using MdgExchange.Application.Exchange;
using MdgExchange.Storage;

namespace MdgExchange.Application.Security;

/// <summary>What <see cref="AccessGate"/> decided: allowed, or refused as unauthenticated or denied.</summary>
public enum AccessOutcome
{
    Allowed,
    Unauthenticated,
    Denied,
}

/// <summary>A decision; a refusal carries its message and the transfer that recorded it.</summary>
public sealed record AccessDecision(AccessOutcome Outcome, string Message, Guid TransferId, AccessRule? Rule)
{
    public bool Allowed => Outcome == AccessOutcome.Allowed;
}

/// <summary>A request as the gate sees it: what operation, by whom, over which channel, named how in messages.</summary>
/// <param name="Operation">The policy's operation (<see cref="Operations"/>); null when the route is not in any table.</param>
/// <param name="Caller">Who is calling, as the transport authenticated them (anonymous when it did not).</param>
/// <param name="Channel">The transport: <c>grpc</c>, <c>http</c>, <c>portal</c>.</param>
/// <param name="What">What the caller asked, for messages and the record (<c>DataExchangeService/PushSeries</c>, <c>GET /sdmx/...</c>).</param>
/// <param name="CredentialFailure">Why credentials that were presented did not authenticate; null when none were refused.</param>
public sealed record AccessRequest(string? Operation, Caller Caller, string Channel, string What, string? CredentialFailure = null);

/// <summary>
/// Decides every request of every transport from <see cref="AccessPolicy"/>, once: credentials that were refused or are
/// missing where the operation needs them are <see cref="AccessOutcome.Unauthenticated"/>; a caller without the right,
/// or an operation the policy does not know, <see cref="AccessOutcome.Denied"/>. Every refusal is recorded as a
/// transfer (outcome <c>rejected</c>, who tried what). Transports only establish who the caller is and map the outcome.
/// </summary>
public sealed class AccessGate(ITransferStore transfers, TimeProvider clock)
{
    /// <summary>How a caller authenticates, for the message that asks for credentials.</summary>
    public const string CredentialsHint = "an API key (header x-api-key) or a bearer token";

    public async Task<AccessDecision> DecideAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rule = request.Operation is null ? null : AccessPolicy.For(request.Operation);
        var caller = request.Caller;
        if (request.CredentialFailure is { } failure)
        {
            return await RefuseAsync(request, rule, AccessOutcome.Unauthenticated, $"the credentials were refused: {failure}");
        }

        if (rule is null)
        {
            return await RefuseAsync(request, null, AccessOutcome.Denied, $"{request.What} has no access rule; no one may call it");
        }

        if (rule.Allows(caller))
        {
            return new AccessDecision(AccessOutcome.Allowed, "", Guid.Empty, rule);
        }

        return caller.IsAuthenticated
            ? await RefuseAsync(request, rule, AccessOutcome.Denied, $"{request.What} is for {rule.Describe()}; {caller} may not call it")
            : await RefuseAsync(request, rule, AccessOutcome.Unauthenticated, $"{request.What} needs credentials: {CredentialsHint}");
    }

    /// <summary>
    /// Records a refusal a use case decided from the request itself (an organisation reading another's transfers) and
    /// returns the transfer's id.
    /// </summary>
    public Task<Guid> RecordRefusalAsync(string kind, Caller caller, string channel, string summary)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return RecordAsync(kind, caller.Organisation, caller.Principal, channel, summary);
    }

    private async Task<AccessDecision> RefuseAsync(AccessRequest request, AccessRule? rule, AccessOutcome outcome, string message)
    {
        var label = outcome == AccessOutcome.Unauthenticated ? "UNAUTHENTICATED" : "PERMISSION_DENIED";
        var transferId = await RecordAsync(rule?.Kind ?? "unknown", request.Caller.Organisation, request.Caller.Principal, request.Channel, $"{label}: {request.What}: {message}");
        return new AccessDecision(outcome, message, transferId, rule);
    }

    private Task<Guid> RecordAsync(string kind, string? organisation, string? principal, string channel, string summary) =>
        transfers.RecordAsync(clock.GetUtcNow(), kind, channel, organisation, principal, "rejected", summary);
}
