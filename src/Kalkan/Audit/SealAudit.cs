namespace Kalkan.Audit;

/// <summary>The seal's acts in the chain: an unseal once the keys are in memory, an admin's seal before they go.</summary>
sealed class SealAudit(AuditChain chain) : ISealObserver
{
    public Task UnsealedAsync(CancellationToken ct) => chain.RecordAsync(AuditActions.Unsealed, null, ct);

    public Task SealingAsync(CancellationToken ct) => chain.RecordAsync(AuditActions.Sealed, null, ct);
}
