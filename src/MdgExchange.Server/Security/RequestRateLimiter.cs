using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MdgExchange.Server.Security;

/// <summary>
/// Calls per caller in any minute (a sliding window of six 10-second segments), partitioned by principal, or by
/// IP address for anonymous callers, so that one busy or hostile caller cannot slow everyone else down.
/// </summary>
public sealed class RequestRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public RequestRateLimiter(IOptions<MdgExchangeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        PerMinute = options.Value.Limits.RequestsPerMinute;
        if (PerMinute > 0)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(partition => RateLimitPartition.GetSlidingWindowLimiter(partition, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = PerMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        }
    }

    public int PerMinute { get; }

    public bool TryAcquire(string partition)
    {
        if (_limiter is null)
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire(partition);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter?.Dispose();
}
