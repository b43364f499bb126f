using MdgExchange.Domain.Data;
using MdgExchange.Application.Configuration;
using MdgExchange.Storage;

namespace MdgExchange.Application.Exchange;

/// <summary>What a push was found to be once its request was checked: who, into which dataflow, with which action and scope.</summary>
internal sealed record PushPlan(
    PushRequest Request,
    ExchangeCaller Caller,
    DataflowSchema Schema,
    DataAction Action,
    ProviderScope? Scope,
    TransferRecorder Record,
    List<string> Warnings);

/// <summary>
/// One push after its request was accepted: receives the batches (validating, spooling and, while the writer is
/// free, writing through), then settles it — a replay, a refusal, or the commit of the series with the transfer
/// record. <see cref="PushService"/> holds the use case; this holds the state of one run of it.
/// </summary>
internal sealed class PushRun(IDataStore data, ITransferStore transfers, TimeProvider clock, MdgExchangeOptions options, ILogger logger, PushPlan plan) : IAsyncDisposable
{
    private readonly DataValidator _validator = new(plan.Schema);
    private readonly List<DataViolation> _denied = [];
    private readonly SeriesSpool _spool = SeriesSpool.Create($"{plan.Schema.Dataflow}|{plan.Action.Code()}|{plan.Request.EmbargoUntil:O}");
    private WriteThrough? _direct;
    private int _seriesIndex;

    private TransferRecorder Record => plan.Record;

    private Guid TransferId => plan.Record.TransferId;

    /// <summary>Opens a write-through session when the writer is free and the push is not a possible replay.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A key seen before means the push is a replay or a conflict: it is only verified, never written through.
        var key = plan.Request.IdempotencyKey;
        var keyUsed = !string.IsNullOrEmpty(key) && await transfers.FindByIdempotencyKeyAsync(plan.Request.Sender, key, cancellationToken) is not null;
        if (!keyUsed && await data.TryBeginWriteAsync(TransferId, Record.Dataflow!, Record.StartedAt, plan.Request.EmbargoUntil, cancellationToken) is { } session)
        {
            session.Owner = Record.Owner;
            _direct = new WriteThrough(session);
        }
    }

    /// <summary>Reads every batch: a caller that goes quiet while writing through gives the writer back and goes on through the spool.</summary>
    public async Task ReceiveAsync(IAsyncEnumerable<PushBatch> batches, CancellationToken cancellationToken)
    {
        var idle = options.Exchange.WriteThroughIdleTimeout;
        await using var stream = batches.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            var moving = stream.MoveNextAsync();
            if (_direct is not null && !moving.IsCompleted)
            {
                var next = moving.AsTask();
                using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var waited = await Task.WhenAny(next, Task.Delay(idle, clock, timer.Token));
                await timer.CancelAsync();
                if (waited != next)
                {
                    Log.WriteThroughStopped(logger, TransferId, idle.TotalSeconds);
                    await StopWritingAsync();
                }

                moving = new ValueTask<bool>(next);
            }

            if (!await moving)
            {
                return;
            }

            await AcceptAsync(stream.Current, cancellationToken);
        }
    }

    /// <summary>One batch: every series validated, checked against what the caller may push, spooled, and queued for writing.</summary>
    private async Task AcceptAsync(PushBatch batch, CancellationToken cancellationToken)
    {
        Record.Bytes += batch.Bytes;
        foreach (var problem in batch.Problems)
        {
            _validator.Add(problem.Component is { } component ? $"{problem.Location}.{component}" : problem.Location, problem.Message);
        }

        var pending = _direct is null ? null : new List<PendingSeries>(batch.Series.Count);
        foreach (var (series, ownAction) in batch.Series)
        {
            // A series read from a file is named by its line, one pushed directly by its index.
            var path = series.Location ?? $"series[{_seriesIndex}]";
            var action = PushService.ResolveAction(ownAction, plan.Action, path, _validator);
            _validator.Validate(series, path, action);
            CheckAllowed(series, path);
            Record.Touch(series);
            _spool.Append(series, action);
            pending?.Add(new PendingSeries(plan.Schema.SeriesKey(series.Key), series, action, _seriesIndex));
            _seriesIndex++;
        }

        await CheckLimitsAsync();
        if (_direct is not null && (_validator.HasViolations || _denied.Count > 0))
        {
            // Nothing of a refused push is kept: stop writing, go on validating to report every problem.
            await StopWritingAsync();
        }
        else if (_direct is not null && pending!.Count > 0)
        {
            await _direct.EnqueueAsync(pending, cancellationToken);
        }
    }

    private void CheckAllowed(Series series, string path)
    {
        if (_denied.Count >= 100)
        {
            return;
        }

        if (PushService.ReportingTypeDenied(plan.Caller, series) is { } denial)
        {
            _denied.Add(new($"{path}.key.REPORTING_TYPE", denial));
        }

        if (plan.Scope is { } scope && series.Key.TryGetValue(ProviderScopes.AreaDimension, out var area) && area.Length > 0 && !scope.Allows(area))
        {
            _denied.Add(new($"{path}.key.{ProviderScopes.AreaDimension}", $"{plan.Caller.Organisation}'s provision agreements allow {scope.Describe()}, not {area}"));
        }
    }

    /// <summary>Over a limit: stop here, store nothing; the rest of the stream is not read.</summary>
    private async Task CheckLimitsAsync()
    {
        var limits = options.Limits;
        if (Record.SeriesCount <= limits.MaxSeriesPerPush && Record.ObservationCount <= limits.MaxObservationsPerPush)
        {
            return;
        }

        var (subject, why) = Record.SeriesCount > limits.MaxSeriesPerPush
            ? ("series", $"the push has more than {limits.MaxSeriesPerPush:N0} series (MdgExchange:Limits:MaxSeriesPerPush); split it into several pushes")
            : ("observations", $"the push has more than {limits.MaxObservationsPerPush:N0} observations (MdgExchange:Limits:MaxObservationsPerPush); split it into several pushes");
        await StopWritingAsync();
        await Record.FinishAsync("rejected", $"RESOURCE_EXHAUSTED: {why}");
        throw new ExchangeLimitException(TransferId, subject, why);
    }

    /// <summary>Everything received: a replay of an earlier push, a refusal with every problem, or the commit.</summary>
    public async Task<PushResult> SettleAsync(CancellationToken cancellationToken)
    {
        var request = plan.Request;
        var checksum = _spool.Checksum();
        Record.PayloadSha256 = checksum;
        if (!string.IsNullOrEmpty(request.IdempotencyKey)
            && await transfers.FindByIdempotencyKeyAsync(request.Sender, request.IdempotencyKey, cancellationToken) is { } earlier)
        {
            await StopWritingAsync();
            if (earlier.PayloadSha256 == checksum)
            {
                // A replay is not a new exchange: no second record, just the first result.
                await transfers.EndAsync(TransferId, CancellationToken.None);
                Record.Finished = true;
                return PushService.Replay(earlier);
            }

            await Record.FinishAsync("rejected", $"idempotency key '{request.IdempotencyKey}' was used by transfer {earlier.TransferId} for a different payload");
            throw new IdempotencyConflictException(TransferId, $"the idempotency key '{request.IdempotencyKey}' was already used by transfer {earlier.TransferId} with a different payload; use a new key for new data");
        }

        if (_denied.Count > 0)
        {
            var why = $"{_denied.Count} series the caller may not push; first: {_denied[0].Field}: {_denied[0].Description}";
            throw await Record.DenyAsync(why, _denied, $"the push was refused and nothing was stored: {why}");
        }

        if (_validator.HasViolations)
        {
            var summary = $"{_validator.Violations.Count + _validator.Suppressed} problem(s); first: {_validator.Violations[0].Field}: {_validator.Violations[0].Description}";
            await Record.FinishAsync("rejected", summary);
            Log.PushRejected(logger, TransferId, summary);
            throw new ExchangeRejectedException(TransferId, $"the push was refused and nothing was stored: {summary}", _validator.Violations, _validator.Suppressed);
        }

        var counts = _direct is not null ? await CommitWrittenAsync(cancellationToken) : await WriteSpoolAsync(cancellationToken);
        return new PushResult(TransferId, Record.SeriesCount, Record.ObservationCount, counts.Inserted, counts.Revised, counts.Unchanged, counts.Deleted, plan.Warnings);
    }

    private async Task<SeriesWriteCounts> CommitWrittenAsync(CancellationToken cancellationToken)
    {
        var direct = _direct!;
        if (!await direct.DrainAsync())
        {
            var (duplicate, foreign) = (direct.Duplicate, direct.Foreign);
            await StopWritingAsync();
            throw foreign is { } f
                ? await PushService.DenyForeignAsync(Record, f.Error, f.At)
                : await PushService.RejectDuplicateAsync(TransferId, Record, _validator, duplicate!.Value.Error, duplicate.Value.At);
        }

        var counts = direct.Counts;
        await direct.CommitAsync(Record.Build("completed", null, counts, plan.Warnings), cancellationToken);
        Record.Finished = true;
        return counts;
    }

    /// <summary>Replays the spool into a fresh write transaction, with the transfer record appended in it.</summary>
    private async Task<SeriesWriteCounts> WriteSpoolAsync(CancellationToken cancellationToken)
    {
        var counts = default(SeriesWriteCounts);
        var seriesIndex = 0;
        (DuplicateObservationException Error, string At)? duplicate = null;
        (ForeignObservationException Error, string At)? foreign = null;
        await using (var session = await data.BeginWriteAsync(TransferId, plan.Schema.Dataflow.ToString(), Record.StartedAt, plan.Request.EmbargoUntil, cancellationToken))
        {
            session.Owner = Record.Owner;
            foreach (var (series, action) in _spool.Replay())
            {
                try
                {
                    counts += await session.WriteSeriesAsync(plan.Schema.SeriesKey(series.Key), series.Key, series.Attributes, series.Observations, action ?? plan.Action, cancellationToken);
                }
                catch (DuplicateObservationException error)
                {
                    // The same period twice in one push, in two messages: found only now, against this transfer's own rows.
                    duplicate = (error, PushService.ObservationLocation(series, seriesIndex, error.ObservationIndex));
                    break;
                }
                catch (ForeignObservationException error)
                {
                    foreign = (error, PushService.ForeignLocation(series, seriesIndex, error));
                    break;
                }

                seriesIndex++;
            }

            if (duplicate is null && foreign is null)
            {
                await session.CommitAsync(Record.Build("completed", null, counts, plan.Warnings), cancellationToken);
                Record.Finished = true;
                return counts;
            }
        }

        // Disposing the uncommitted session rolled everything back.
        throw foreign is { } f
            ? await PushService.DenyForeignAsync(Record, f.Error, f.At)
            : await PushService.RejectDuplicateAsync(TransferId, Record, _validator, duplicate!.Value.Error, duplicate.Value.At);
    }

    /// <summary>Rolls back the write-through session, if one is open.</summary>
    public async Task StopWritingAsync()
    {
        if (_direct is not null)
        {
            var direct = _direct;
            _direct = null;
            await direct.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopWritingAsync();
        await _spool.DisposeAsync();
    }
}
