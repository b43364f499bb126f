using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Application.Configuration;
using MdgExchange.Storage;
using Microsoft.Extensions.Options;

namespace MdgExchange.Application.Exchange;

/// <summary>
/// Who calls through which channel: the principal for the transfer record and, when authenticated, the
/// organisation and roles the exchange rules check (a provider pushes only as itself and only national series).
/// </summary>
public sealed record ExchangeCaller(string Channel, string? Principal, string? Organisation = null, IReadOnlySet<string>? Roles = null)
{
    public bool Has(string role) => Roles?.Contains(role) ?? false;

    /// <summary>Coordinators and admins act for any organisation when reading; others only for their own.</summary>
    public bool ReadsForAnyone => Has(Security.Roles.Coordinator) || Has(Security.Roles.Admin);
}

/// <summary>
/// The push use case, whatever transport carries it: a request and a stream of batches of Domain series in, the
/// transfer's result out. Every batch is validated against the DSD as it arrives and its series spooled to a
/// temporary file (<see cref="SeriesSpool"/>). When the database's writer is free, valid series are also written
/// through at once, on a second task, into the transfer's write transaction (<see cref="WriteThrough"/>); the first
/// problem, a caller that goes quiet for <see cref="ExchangeOptions.WriteThroughIdleTimeout"/> or a reused
/// idempotency key rolls that back, and the spool is replayed into a fresh transaction once everything is known to
/// be valid. Either way the transfer record is appended in the same transaction as the data: all or nothing. A
/// crash leaves a start note that the next start turns into a failed transfer.
/// </summary>
public sealed partial class PushService(IDataStore data, ITransferStore transfers, DataflowSchemas schemas, ProviderScopes scopes, TimeProvider clock, IOptions<MdgExchangeOptions> options, ILogger<PushService> logger)
{
    public async Task<PushResult> PushAsync(PushRequest request, IAsyncEnumerable<PushBatch> batches, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrEmpty(request.Sender) && caller.Organisation is { } self)
        {
            // An authenticated caller pushes as its own organisation unless the request names one.
            request = request with { Sender = self };
        }

        var transferId = Guid.NewGuid();
        var started = clock.GetUtcNow();
        var record = new TransferRecorder(transfers, clock, transferId, started, caller, request);
        var (action, flowRef) = await CheckRequestAsync(request, caller, record);
        var schema = await schemas.LoadAsync(flowRef, cancellationToken);
        if (schema is null)
        {
            await record.FinishAsync("rejected", $"dataflow {flowRef} does not exist");
            throw new ExchangeNotFoundException(transferId, "Dataflow", flowRef.ToString()!, $"dataflow {flowRef} does not exist");
        }

        record.Dataflow = schema.Dataflow.ToString();
        var scope = await ScopeAsync(caller, schema, record, cancellationToken);
        var warnings = new List<string>();
        if (request.EmbargoUntil is { } until && until <= started)
        {
            warnings.Add($"embargo_until {until:O} is in the past; the data are public at once");
        }

        await transfers.BeginAsync(new TransferStart(transferId, "push", caller.Channel, request.SourceFormat, request.Sender, caller.Principal, record.Dataflow, NullIfEmpty(request.IdempotencyKey), started), CancellationToken.None);
        await using var run = new PushRun(data, transfers, clock, options.Value, logger, new PushPlan(request, caller, schema, action, scope, record, warnings));
        try
        {
            await run.StartAsync(cancellationToken);
            await run.ReceiveAsync(batches, cancellationToken);
            var result = await run.SettleAsync(cancellationToken);
            if (!result.Replayed)
            {
                Log.Pushed(logger, transferId, record.Dataflow, record.SeriesCount, record.ObservationCount, result.Inserted, result.Revised, result.Deleted);
            }

            return result;
        }
        catch (Exception ex) when (!record.Finished)
        {
            // Whatever stopped the push (cancel, deadline, a broken stream, a store failure), nothing was committed.
            // The session is rolled back first: on SQLite the transfer record needs the writer it holds.
            await run.StopWritingAsync();
            if (cancellationToken.IsCancellationRequested || ex is OperationCanceledException)
            {
                await record.FinishAsync("cancelled", "the caller cancelled or the deadline passed before the push completed; nothing was stored");
            }
            else
            {
                await record.FinishAsync("failed", $"the push failed and nothing was stored: {ex.Message}");
            }

            throw;
        }
    }

    /// <summary>Records a push that ended before its request could be read.</summary>
    public Task RecordAbandonedAsync(ExchangeCaller caller, string reason, string outcome = "cancelled")
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = clock.GetUtcNow();
        return transfers.AppendAsync(new TransferRecorder(transfers, clock, Guid.NewGuid(), now, caller, null).Build(outcome, reason), CancellationToken.None);
    }

    /// <summary>The request's problems, reported before anything else is read; a sender the caller may not act for is denied.</summary>
    private static async Task<(DataAction Action, ArtefactRef Dataflow)> CheckRequestAsync(PushRequest request, ExchangeCaller caller, TransferRecorder record)
    {
        var violations = new List<DataViolation>();
        if (string.IsNullOrWhiteSpace(request.Sender) || !Identifiers.IsValidAgencyId(request.Sender))
        {
            violations.Add(new("header.sender", $"the sending organisation must be an SDMX id, not '{request.Sender}'"));
        }

        var action = DataAction.Information;
        if (!string.IsNullOrEmpty(request.Action) && !DataActions.TryParse(request.Action, out action))
        {
            violations.Add(new("header.action", $"'{request.Action}' is not a dataset action; use I, A, M, R or D"));
        }

        for (var i = 0; i < request.ShareWith.Count; i++)
        {
            if (!Identifiers.IsValidAgencyId(request.ShareWith[i]))
            {
                violations.Add(new($"header.share_with[{i}]", $"'{request.ShareWith[i]}' is not an SDMX organisation id"));
            }
        }

        if (!ArtefactRef.TryParse(request.Dataflow, ArtefactType.Dataflow, out var flowRef, out var refError))
        {
            violations.Add(new("header.dataflow", refError ?? "invalid dataflow reference"));
        }

        if (violations.Count > 0)
        {
            await record.FinishAsync("rejected", string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")));
            throw new ExchangeRejectedException(record.TransferId, "the push header is invalid", violations);
        }

        if (caller.Organisation is { } organisation && !string.Equals(request.Sender, organisation, StringComparison.Ordinal))
        {
            var why = $"{caller.Principal} acts for {organisation} and may not push as {request.Sender}";
            throw await record.DenyAsync(why, [new("header.sender", why)]);
        }

        return (action, flowRef!);
    }

    /// <summary>A national provider reports what its provision agreements allow: the dataflow, and its areas. Null for everyone else.</summary>
    private async Task<ProviderScope?> ScopeAsync(ExchangeCaller caller, DataflowSchema schema, TransferRecorder record, CancellationToken cancellationToken)
    {
        if (caller.Organisation is not { } provider || !caller.Has(Security.Roles.Provider) || caller.Has(Security.Roles.Agency))
        {
            return null;
        }

        if (await scopes.ForAsync(provider, schema, cancellationToken) is { } scope)
        {
            return scope;
        }

        var why = $"{provider} has no provision agreement for {schema.Dataflow}; an admin registers one (a ProvisionAgreement naming {provider} as the data provider of the dataflow)";
        throw await record.DenyAsync(why, [new("header.dataflow", why)]);
    }
}
