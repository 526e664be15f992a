namespace Kalkan.Seal;

/// <summary>
/// The one row that says the store is initialised: the root key wrapped under the unseal
/// passphrase, and the cost and salt to derive the wrapping key again. Nothing here is secret.
/// </summary>
public sealed class SealRecord
{
    public int Id { get; set; } = 1;
    public required byte[] Salt { get; set; }
    public required int MemoryKib { get; set; }
    public required int Iterations { get; set; }
    public required int Parallelism { get; set; }
    /// <summary>nonce (12) | ciphertext (32) | tag (16), AES-256-GCM.</summary>
    public required byte[] WrappedRootKey { get; set; }
    /// <summary>HMAC of a fixed label under a key derived from the root key: tells a rebuilt key (Shamir) is the right one.</summary>
    public required byte[] KeyCheck { get; set; }
    /// <summary>0 when the root key was not split.</summary>
    public int ShareThreshold { get; set; }
    public int ShareCount { get; set; }
    /// <summary>
    /// SHA-256 of each share in x order (32 bytes each), so a forged or mistyped share is refused
    /// the moment it arrives instead of spoiling the custodians' valid ones. A share is 256 random
    /// bits: its hash tells nothing that can be searched.
    /// </summary>
    public byte[] ShareChecks { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }

    public KdfParameters Cost => new(MemoryKib, Iterations, Parallelism);
}
