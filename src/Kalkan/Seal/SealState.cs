namespace Kalkan.Seal;

public enum SealStatus { Uninitialized, Sealed, Ready }

/// <summary>
/// The root key while the server is unsealed, and the purpose keys derived from it. Lives only in
/// memory, pinned so the GC does not leave copies behind; sealing zeroes every key it handed out.
/// </summary>
public sealed class SealState(TimeProvider? clock = null) : IDisposable
{
    readonly TimeProvider clock = clock ?? TimeProvider.System;
    readonly Lock gate = new();
    byte[]? rootKey;
    readonly Dictionary<string, byte[]> purposeKeys = [];
    volatile SealStatus status = SealStatus.Uninitialized;

    /// <summary>Raised after the keys are zeroed, so other features can end what depended on them.</summary>
    public event Action? Sealed;

    public SealStatus Status => status;

    /// <summary>
    /// When this process last sealed (an admin, or a panic action); MinValue when it never has. A
    /// restart is not a seal: what was signed in before it stays valid after the next unseal.
    /// </summary>
    public DateTimeOffset ClosedAt { get; private set; } = DateTimeOffset.MinValue;

    public void MarkInitialized()
    {
        lock (gate) if (status == SealStatus.Uninitialized) status = SealStatus.Sealed;
    }

    public void Open(byte[] key)
    {
        lock (gate)
        {
            Zero();
            rootKey = GC.AllocateArray<byte>(key.Length, pinned: true);
            key.CopyTo(rootKey, 0);
            CryptographicOperations.ZeroMemory(key);
            status = SealStatus.Ready;
        }
    }

    public void Close()
    {
        lock (gate)
        {
            Zero();
            ClosedAt = this.clock.GetUtcNow();
            status = SealStatus.Sealed;
        }
        Sealed?.Invoke();
    }

    /// <summary>A 256-bit key for one purpose (HKDF-SHA256 with the purpose as info).</summary>
    public byte[] KeyFor(string purpose)
    {
        lock (gate)
        {
            if (rootKey is null) throw new SealedException();
            if (!purposeKeys.TryGetValue(purpose, out var key))
            {
                key = GC.AllocateArray<byte>(32, pinned: true);
                HKDF.DeriveKey(HashAlgorithmName.SHA256, rootKey, key, salt: [], info: Encoding.UTF8.GetBytes("kalkan/" + purpose));
                purposeKeys[purpose] = key;
            }
            return key;
        }
    }

    void Zero()
    {
        if (rootKey is not null) CryptographicOperations.ZeroMemory(rootKey);
        foreach (var key in purposeKeys.Values) CryptographicOperations.ZeroMemory(key);
        purposeKeys.Clear();
        rootKey = null;
    }

    public void Dispose()
    {
        lock (gate) Zero();
    }
}

/// <summary>Thrown when a sealed value is needed while the server is sealed; answered with 503.</summary>
public sealed class SealedException() : InvalidOperationException("The server is sealed.");
