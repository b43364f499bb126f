using MdgExchange.Domain.Data;

namespace MdgExchange.Application.Exchange;

/// <summary>A push or annotation refused for invalid content; nothing was stored; the transfer is recorded as rejected.</summary>
public sealed class ExchangeRejectedException(Guid transferId, string message, IReadOnlyList<DataViolation> violations, long suppressed = 0) : Exception(message)
{
    public Guid TransferId { get; } = transferId;
    public IReadOnlyList<DataViolation> Violations { get; } = violations;

    /// <summary>Violations found beyond those listed.</summary>
    public long Suppressed { get; } = suppressed;
}

/// <summary>Something the request names does not exist (dataflow, series, annotation).</summary>
public sealed class ExchangeNotFoundException(Guid transferId, string resourceType, string resourceName, string message) : Exception(message)
{
    public Guid TransferId { get; } = transferId;
    public string ResourceType { get; } = resourceType;
    public string ResourceName { get; } = resourceName;
}

/// <summary>The idempotency key was used before with a different payload.</summary>
public sealed class IdempotencyConflictException(Guid transferId, string message) : Exception(message)
{
    public Guid TransferId { get; } = transferId;
}

/// <summary>The caller may not do this (push as another organisation, change a national series as an agency, ...); recorded as rejected.</summary>
public sealed class ExchangeDeniedException(Guid transferId, string message, IReadOnlyList<DataViolation>? violations = null) : Exception(message)
{
    public Guid TransferId { get; } = transferId;
    public IReadOnlyList<DataViolation> Violations { get; } = violations ?? [];
}

/// <summary>A push over one of the configured limits (series or observations per push); nothing was stored; recorded as rejected.</summary>
public sealed class ExchangeLimitException(Guid transferId, string subject, string message) : Exception(message)
{
    public Guid TransferId { get; } = transferId;

    /// <summary>What is over the limit, e.g. <c>series</c>.</summary>
    public string Subject { get; } = subject;
}
