using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Kalkan.Alerts;

/// <summary>
/// Reports per member per hour (Alerts:ReportsPerHour), whether sent by the API or the page: a
/// flood of false alerts from one account stops at the limit. Keyed by member id, in memory only.
/// </summary>
public sealed class ReportLimiter(IOptions<AlertOptions> options) : IDisposable
{
    readonly PartitionedRateLimiter<Guid> limiter = PartitionedRateLimiter.Create<Guid, Guid>(member =>
        RateLimitPartition.GetSlidingWindowLimiter(member, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.ReportsPerHour,
            Window = TimeSpan.FromHours(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));

    public bool TryTake(Guid memberId)
    {
        using var lease = limiter.AttemptAcquire(memberId);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
