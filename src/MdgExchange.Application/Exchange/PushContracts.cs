using MdgExchange.Domain.Data;

namespace MdgExchange.Application.Exchange;

/// <summary>
/// What a push asks, whatever carried it (a gRPC header, a REST upload, a file in the portal): the dataflow, the
/// sending organisation (empty: the caller's), the dataset action (I, A, M, R, D; empty: I), an idempotency key, an
/// embargo and the organisations it is shared with before then, and where the data came from.
/// </summary>
public sealed record PushRequest
{
    public string Dataflow { get; init; } = "";
    public string Sender { get; init; } = "";
    public string Action { get; init; } = "";
    public string IdempotencyKey { get; init; } = "";
    public DateTimeOffset? EmbargoUntil { get; init; }
    public string Receiver { get; init; } = "";

    /// <summary>The format the series were read from (<c>sdmx-csv-2.0</c>, <c>protobuf</c>, ...), for the transfer record.</summary>
    public string SourceFormat { get; init; } = "";

    /// <summary>Where they came from (a file name, <c>rest</c>), for the transfer record.</summary>
    public string SourceName { get; init; } = "";

    public IReadOnlyList<string> ShareWith { get; init; } = [];
}

/// <summary>One series of a push and the dataset action it asks for itself (empty: the request's).</summary>
public sealed record PushedSeries(Series Series, string Action = "");

/// <summary>
/// A batch of a push as its transport delivers it: whole series (a transport that splits a series across messages
/// joins it first), the problems the sender's reader reported outside any series, and its size as received.
/// </summary>
public sealed record PushBatch(IReadOnlyList<PushedSeries> Series, IReadOnlyList<DataReadError> Problems, long Bytes = 0);

/// <summary>What a push did: its transfer and counts, the warnings, and whether it replayed an earlier push (same idempotency key and payload).</summary>
public sealed record PushResult(
    Guid TransferId,
    long Series,
    long Observations,
    long Inserted,
    long Revised,
    long Unchanged,
    long Deleted,
    IReadOnlyList<string> Warnings,
    bool Replayed = false);
