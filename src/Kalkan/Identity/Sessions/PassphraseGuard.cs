using System.Threading.RateLimiting;

namespace Kalkan.Identity.Sessions;

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
        // Counted before it runs, as if it will fail: guesses sent together each wait for the ones before
        // them (read first, they would all have seen the same count); a success forgets the count.
        var before = await failures.CountInAsync(key) - 1;
        if (FailureCounter.DelayAfter(before) is { } wait && wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
        var lease = await limiter.AcquireAsync(1, ct);
        if (lease.IsAcquired) return new Attempt(failures, key, lease);
        lease.Dispose();
        throw new TooManyAttemptsException();
    }

    public void Dispose() => limiter.Dispose();

    /// <summary>One check in progress, already counted as a failure: say when it succeeded, and dispose it to free the permit.</summary>
    public sealed class Attempt(FailureCounter failures, string key, RateLimitLease lease) : IDisposable
    {
        public Task SucceededAsync() => failures.ForgetAsync(key);

        public void Dispose() => lease.Dispose();
    }
}

/// <summary>The queue of passphrase checks is full: answered 429, changing nothing.</summary>
public sealed class TooManyAttemptsException() : Exception("Too many passphrase checks are waiting.");
