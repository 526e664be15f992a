namespace Kalkan.Seal;

/// <summary>
/// Told of the two acts on the seal, in the scope of the act (the audit records them; the seal
/// knows no feature). <see cref="UnsealedAsync"/> runs once the keys are in memory,
/// <see cref="SealingAsync"/> while they still are, just before an admin's seal drops them.
/// </summary>
public interface ISealObserver
{
    Task UnsealedAsync(CancellationToken ct);
    Task SealingAsync(CancellationToken ct);
}
