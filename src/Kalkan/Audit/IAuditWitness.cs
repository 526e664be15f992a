namespace Kalkan.Audit;

/// <summary>
/// A feature whose audit entries carry a fingerprint of rows it keeps (a sealed incident version's
/// SHA-256). `audit verify` asks it for the fingerprints its rows have now: an entry whose
/// fingerprint no row matches any more names the row that was altered or removed.
/// </summary>
public interface IAuditWitness
{
    string Action { get; }
    Task<IReadOnlySet<string>> FingerprintsAsync(CancellationToken ct);
}
