using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using MdgExchange.Domain.Data;
using MdgExchange.Storage;
using Series = MdgExchange.Domain.Data.Series;

namespace MdgExchange.Application.Exchange;

/// <summary>One validated series waiting to be written: its domain form, resolved action and where it came from.</summary>
internal sealed record PendingSeries(string SeriesKey, Series Series, DataAction Action, int Index);

/// <summary>
/// Writes validated series into an open write session on its own task while the rest of the push is still being
/// received and validated, so that receiving and writing use both cores. A bounded queue of a few batches keeps
/// memory flat. After a duplicate period or a store failure the queue is still drained (the producer never
/// blocks) but nothing more is written; disposing without committing rolls the whole session back.
/// </summary>
internal sealed class WriteThrough : IAsyncDisposable
{
    private readonly IDataWriteSession _session;
    private readonly Channel<List<PendingSeries>> _queue = Channel.CreateBounded<List<PendingSeries>>(
        new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _task;
    private ExceptionDispatchInfo? _failure;
    private bool _disposed;

    public WriteThrough(IDataWriteSession session)
    {
        _session = session;
        _task = Task.Run(RunAsync);
    }

    public SeriesWriteCounts Counts { get; private set; }

    /// <summary>The first period found twice in this push (against this transfer's own rows), and where it was sent.</summary>
    public (DuplicateObservationException Error, string At)? Duplicate { get; private set; }

    public ValueTask EnqueueAsync(List<PendingSeries> batch, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync(batch, cancellationToken);

    /// <summary>The first value of another organisation this push tried to change, and where it was sent.</summary>
    public (ForeignObservationException Error, string At)? Foreign { get; private set; }

    /// <summary>Waits until everything queued is written; rethrows a store failure. False after a duplicate or a foreign value.</summary>
    public async Task<bool> DrainAsync()
    {
        _queue.Writer.TryComplete();
        await _task;
        _failure?.Throw();
        return Duplicate is null && Foreign is null;
    }

    public Task CommitAsync(Transfer transfer, CancellationToken cancellationToken) => _session.CommitAsync(transfer, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _task;
        }
        catch (OperationCanceledException)
        {
            // stopped while waiting for the next batch
        }

        await _session.DisposeAsync();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        await foreach (var batch in _queue.Reader.ReadAllAsync(_stop.Token))
        {
            if (Duplicate is not null || Foreign is not null || _failure is not null)
            {
                continue;
            }

            PendingSeries? pending = null;
            try
            {
                foreach (var next in batch)
                {
                    pending = next;
                    Counts += await _session.WriteSeriesAsync(next.SeriesKey, next.Series.Key, next.Series.Attributes, next.Series.Observations, next.Action, _stop.Token);
                }
            }
            catch (DuplicateObservationException error) when (pending is not null)
            {
                Duplicate = (error, PushService.ObservationLocation(pending.Series, pending.Index, error.ObservationIndex));
            }
            catch (ForeignObservationException error) when (pending is not null)
            {
                Foreign = (error, PushService.ForeignLocation(pending.Series, pending.Index, error));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                _failure = ExceptionDispatchInfo.Capture(error);
            }
        }
    }
}
