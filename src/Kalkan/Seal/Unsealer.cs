namespace Kalkan.Seal;

public enum UnsealOutcome { Ready, NeedMoreShares, Wrong, Uninitialized }

/// <summary>
/// Turns a passphrase, or enough Shamir shares, into the root key in memory. Two doors: the
/// network's (HTTP, the page) and the operator's (the Unix socket in the data folder, and
/// KALKAN_UNSEAL_PASSPHRASE at start). Each runs one Argon2id (64 MiB) at a time. After each wrong
/// passphrase in a row the network's door stays shut a little longer, but that wait is served
/// before its lock is taken, so neither a flood of guesses nor the wait can hold the operator back.
/// </summary>
public sealed class Unsealer(SealState seal, SealRecordReader records, IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<UnsealOptions> options,
    TimeProvider clock, ILogger<Unsealer> log)
{
    readonly SemaphoreSlim networkLane = new(1, 1);
    readonly SemaphoreSlim operatorLane = new(1, 1);
    readonly Lock gate = new();
    readonly List<byte[]> pendingShares = [];
    int failuresInARow;
    DateTimeOffset shutUntil;

    public int SharesGiven { get { lock (gate) return pendingShares.Count; } }

    /// <summary>From the network: slowed after mistakes, and behind a rate limit.</summary>
    public async Task<UnsealOutcome> WithPassphraseAsync(string passphrase, CancellationToken ct)
    {
        await WaitWhileShutAsync(ct);
        var (outcome, key) = await UnwrapAsync(networkLane, passphrase, ct);
        if (outcome != UnsealOutcome.Wrong) return key is null ? outcome : await OpenAsync(key, ct);
        int failures;
        lock (gate)
        {
            failures = ++failuresInARow;
            var until = clock.GetUtcNow() + Backoff(failures, options.Value.LongestBackoff);
            if (until > shutUntil) shutUntil = until;
        }
        log.LogWarning("Unseal attempt refused ({Failures} in a row)", failures);
        await WaitWhileShutAsync(ct);
        return UnsealOutcome.Wrong;
    }

    /// <summary>
    /// From the operator on the server itself, who can already read the data folder: no slowdown,
    /// and a lane of its own, so no caller on the network can stand in its way.
    /// </summary>
    public async Task<UnsealOutcome> ByOperatorAsync(string passphrase, CancellationToken ct)
    {
        var (outcome, key) = await UnwrapAsync(operatorLane, passphrase, ct);
        if (outcome == UnsealOutcome.Wrong) log.LogWarning("The operator's unseal passphrase was wrong");
        return key is null ? outcome : await OpenAsync(key, ct);
    }

    /// <summary>
    /// A share is checked against its stored hash the moment it arrives: one with x = 0, a forged or
    /// mistyped one is refused at once and never joins (or spoils) the custodians' genuine shares.
    /// </summary>
    public async Task<UnsealOutcome> WithShareAsync(string share, CancellationToken ct)
    {
        var record = await records.ReadAsync(ct);
        if (record is null) return UnsealOutcome.Uninitialized;
        if (seal.Status == SealStatus.Ready) return UnsealOutcome.Ready;
        var bytes = ShareText.Decode(share);
        if (record.ShareThreshold == 0 || bytes is null || !ShareCheck.IsGenuine(record, bytes))
        {
            log.LogWarning("A key share was refused");
            return UnsealOutcome.Wrong;
        }
        byte[] key;
        lock (gate)
        {
            if (pendingShares.All(s => s[0] != bytes[0])) pendingShares.Add(bytes);
            if (pendingShares.Count < record.ShareThreshold) return UnsealOutcome.NeedMoreShares;
            key = Shamir.Combine(pendingShares);
        }
        // Genuine shares always combine; a mismatch means the seal row itself was changed.
        if (!RootKey.Matches(record, key)) return UnsealOutcome.Wrong;
        lock (gate) pendingShares.Clear();
        return await OpenAsync(key, ct);
    }

    /// <summary>No wait for the first mistake; then 0.5 s, 1 s, 2 s ... up to 30 s.</summary>
    public static TimeSpan Backoff(int failuresInARow, TimeSpan longest) =>
        failuresInARow <= 1 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(longest.TotalMilliseconds, 250 * Math.Pow(2, failuresInARow - 1)));

    async Task WaitWhileShutAsync(CancellationToken ct)
    {
        TimeSpan wait;
        lock (gate) wait = shutUntil - clock.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
    }

    async Task<(UnsealOutcome, byte[]?)> UnwrapAsync(SemaphoreSlim lane, string passphrase, CancellationToken ct)
    {
        await lane.WaitAsync(ct);
        try
        {
            var record = await records.ReadAsync(ct);
            if (record is null) return (UnsealOutcome.Uninitialized, null);
            if (seal.Status == SealStatus.Ready) return (UnsealOutcome.Ready, null);
            var key = await Task.Run(() => RootKey.Unwrap(record, passphrase), ct);
            return (key is null ? UnsealOutcome.Wrong : UnsealOutcome.Ready, key);
        }
        finally
        {
            lane.Release();
        }
    }

    async Task<UnsealOutcome> OpenAsync(byte[] key, CancellationToken ct)
    {
        lock (gate)
        {
            failuresInARow = 0;
            shutUntil = default;
            pendingShares.Clear();
        }
        seal.Open(key);
        await using (var scope = scopes.CreateAsyncScope())
            foreach (var observer in scope.ServiceProvider.GetServices<ISealObserver>()) await observer.UnsealedAsync(ct);
        log.LogInformation("Unsealed");
        return UnsealOutcome.Ready;
    }
}
