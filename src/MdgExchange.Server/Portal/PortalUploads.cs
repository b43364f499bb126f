using System.Collections.Concurrent;
using MdgExchange.Application.Exchange;

namespace MdgExchange.Server.Portal;

/// <summary>How far one upload has come, as its page polls it: the file push's progress and, at the end, its transfer.</summary>
public sealed record UploadProgress(long BytesRead, long BytesTotal, long Observations, bool Read, bool Done, Guid? TransferId, DateTimeOffset UpdatedAt);

/// <summary>
/// The portal's uploads in progress, by the person who sent them and the upload id their form carries: the upload
/// page's script polls them while the server reads, checks and stores the file. Kept in memory on the instance that
/// serves the upload (the poll goes to the same instance as the form, by the session's affinity or a single
/// instance); an entry is forgotten <see cref="KeptFor"/> after its last change. Only its sender sees an upload.
/// </summary>
public sealed class PortalUploads(TimeProvider clock)
{
    private readonly TimeProvider _clock = clock;

    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(15);

    /// <summary>The most uploads followed at once; beyond it the oldest are forgotten first.</summary>
    public const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<(string Owner, Guid Id), UploadProgress> _uploads = new();

    /// <summary>A progress sink for an upload of <paramref name="owner"/>, updated synchronously as batches are read.</summary>
    public IProgress<DataFileProgress> Track(string owner, Guid id)
    {
        Forget();
        _uploads[(owner, id)] = new UploadProgress(0, 0, 0, Read: false, Done: false, null, _clock.GetUtcNow());
        return new Sink(this, owner, id);
    }

    /// <summary>The upload is over: stored or refused, with its transfer when one was recorded.</summary>
    public void Finish(string owner, Guid id, Guid? transferId)
    {
        if (_uploads.TryGetValue((owner, id), out var current))
        {
            _uploads[(owner, id)] = current with { Read = true, Done = true, TransferId = transferId, UpdatedAt = _clock.GetUtcNow() };
        }
    }

    /// <summary>The upload's progress, for its sender only; null when unknown, another person's, or forgotten.</summary>
    public UploadProgress? Get(string owner, Guid id) =>
        _uploads.TryGetValue((owner, id), out var progress) && _clock.GetUtcNow() - progress.UpdatedAt <= KeptFor ? progress : null;

    private void Forget()
    {
        var now = _clock.GetUtcNow();
        foreach (var entry in _uploads.Where(e => now - e.Value.UpdatedAt > KeptFor))
        {
            _uploads.TryRemove(entry.Key, out _);
        }

        if (_uploads.Count >= MaxTracked)
        {
            foreach (var entry in _uploads.OrderBy(e => e.Value.UpdatedAt).Take(_uploads.Count - MaxTracked + 1).ToList())
            {
                _uploads.TryRemove(entry.Key, out _);
            }
        }
    }

    private sealed class Sink(PortalUploads uploads, string owner, Guid id) : IProgress<DataFileProgress>
    {
        public void Report(DataFileProgress value) =>
            uploads._uploads[(owner, id)] = new UploadProgress(value.BytesRead, value.BytesTotal, value.Observations, value.Read, Done: false, null, uploads._clock.GetUtcNow());
    }
}
