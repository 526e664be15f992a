using Kalkan.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kalkan.Seal;

public enum UnsealOutcome { Ready, NeedMoreShares, Wrong, Uninitialized }

/// <summary>
/// Turns a passphrase, or enough Shamir shares, into the root key in memory. One attempt at a
/// time (each costs 64 MiB of Argon2id), and every wrong attempt in a row waits longer than the
/// last, so guessing the passphrase through the API is slowed without locking the operator out.
/// </summary>
public sealed class Unsealer(SealState seal, IServiceScopeFactory scopes, ILogger<Unsealer> log)
{
    readonly SemaphoreSlim oneAtATime = new(1, 1);
    readonly List<byte[]> pendingShares = [];
    int failuresInARow;

    public int SharesGiven { get { lock (pendingShares) return pendingShares.Count; } }

    public async Task<UnsealOutcome> WithPassphraseAsync(string passphrase, CancellationToken ct)
    {
        await oneAtATime.WaitAsync(ct);
        try
        {
            var record = await LoadAsync(ct);
            if (record is null) return UnsealOutcome.Uninitialized;
            if (seal.Status == SealStatus.Ready) return UnsealOutcome.Ready;
            var key = await Task.Run(() => RootKey.Unwrap(record, passphrase), ct);
            return await ConcludeAsync(key, ct);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    public async Task<UnsealOutcome> WithShareAsync(string share, CancellationToken ct)
    {
        await oneAtATime.WaitAsync(ct);
        try
        {
            var record = await LoadAsync(ct);
            if (record is null) return UnsealOutcome.Uninitialized;
            if (seal.Status == SealStatus.Ready) return UnsealOutcome.Ready;
            var bytes = ShareText.Decode(share);
            if (record.ShareThreshold == 0 || bytes is null || bytes.Length != RootKey.Length + 1)
                return await ConcludeAsync(null, ct);
            byte[]? key = null;
            lock (pendingShares)
            {
                if (pendingShares.All(s => s[0] != bytes[0])) pendingShares.Add(bytes);
                if (pendingShares.Count < record.ShareThreshold) return UnsealOutcome.NeedMoreShares;
                key = Shamir.Combine(pendingShares);
                pendingShares.Clear();
            }
            if (!RootKey.Matches(record, key)) key = null;
            return await ConcludeAsync(key, ct);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    async Task<UnsealOutcome> ConcludeAsync(byte[]? key, CancellationToken ct)
    {
        if (key is null)
        {
            var failures = Interlocked.Increment(ref failuresInARow);
            log.LogWarning("Unseal attempt refused ({Failures} in a row)", failures);
            await Task.Delay(Backoff(failures), ct);
            return UnsealOutcome.Wrong;
        }
        Interlocked.Exchange(ref failuresInARow, 0);
        seal.Open(key);
        await using (var scope = scopes.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Audit.AuditChain>().RecordAsync(Audit.AuditActions.Unsealed, null, ct);
        log.LogInformation("Unsealed");
        return UnsealOutcome.Ready;
    }

    /// <summary>No wait for the first mistake; then 0.5 s, 1 s, 2 s ... up to 30 s.</summary>
    public static TimeSpan Backoff(int failuresInARow) =>
        failuresInARow <= 1 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, failuresInARow - 1)));

    async Task<SealRecord?> LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KalkanDb>().Seal.AsNoTracking().SingleOrDefaultAsync(ct);
    }
}
