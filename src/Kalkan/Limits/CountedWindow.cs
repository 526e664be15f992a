using System.Threading.RateLimiting;

namespace Kalkan.Limits;

/// <summary>
/// A window of <paramref name="permits"/> calls for one partition (a member), counted by
/// <see cref="LimitCounters"/>, for ASP.NET Core's rate-limiting middleware when several instances
/// share the count. The middleware first asks without waiting; the count is in the store, not here,
/// so that answer is always "not yet", and the asynchronous request that follows at once decides,
/// with one round trip. It keeps no state of its own.
/// </summary>
public sealed class CountedWindow(LimitCounters counters, CountRule rule, string key, int permits) : RateLimiter
{
    // Stateless, so the partitioned limiter may drop it at its next sweep and make another when needed.
    public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Answer.No;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken ct) =>
        permitCount == 0 || await counters.TryTakeAsync(rule, key, permits, ct) ? Answer.Yes : Answer.No;

    sealed class Answer(bool acquired) : RateLimitLease
    {
        public static readonly Answer Yes = new(true), No = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
