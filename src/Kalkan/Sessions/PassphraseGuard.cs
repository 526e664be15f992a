using System.Threading.RateLimiting;

namespace Kalkan.Sessions;

/// <summary>
/// The one door every passphrase check goes through: sign-in, join, changing the passphrase, the
/// second factor, check-in done, deleting the account. A handle's slowdown after failures is waited
/// out first, holding nothing, so a flood on one handle queues only itself; then a permit from one
/// concurrency limit bounds the Argon2id memory in use (two per core, the rest queued in order, a
/// full queue answered 429). Failures anywhere count toward the same handle's slowdown.
/// </summary>
public sealed class PassphraseGuard(FailureCounter failures, TimeProvider clock) : IDisposable
{
    readonly ConcurrencyLimiter limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = Environment.ProcessorCount * 2,
        QueueLimit = 200,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <param name="key">Whose slowdown: the hex of her handle's blind index (or of a code's, for a join).</param>
    public async Task<Attempt> EnterAsync(string key, CancellationToken ct)
    {
        var failed = await failures.CountAsync(key, ct);
        if (FailureCounter.DelayAfter(failed) is { } wait && wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
        var lease = await limiter.AcquireAsync(1, ct);
        if (lease.IsAcquired) return new Attempt(failures, key, failed > 0, lease);
        lease.Dispose();
        throw new TooManyAttemptsException();
    }

    public void Dispose() => limiter.Dispose();

    /// <summary>One check in progress: say how it went, and dispose it to free the permit.</summary>
    public sealed class Attempt(FailureCounter failures, string key, bool hadFailures, RateLimitLease lease) : IDisposable
    {
        public Task FailedAsync() => failures.RecordAsync(key);

        // Nothing to forget (and no round trip to the store) when she had not failed before.
        public Task SucceededAsync() => hadFailures ? failures.ForgetAsync(key) : Task.CompletedTask;

        public void Dispose() => lease.Dispose();
    }
}

/// <summary>The queue of passphrase checks is full: answered 429, changing nothing.</summary>
public sealed class TooManyAttemptsException() : Exception("Too many passphrase checks are waiting.");
