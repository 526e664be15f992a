namespace Kalkan.Seal;

/// <summary>Argon2id cost, stored beside what it protects so it can be raised later without breaking old records.</summary>
public sealed record KdfParameters(int MemoryKib, int Iterations, int Parallelism)
{
    /// <summary>The unseal key: design.md asks for at least RFC 9106's second recommended option.</summary>
    public static readonly KdfParameters Unseal = new(64 * 1024, 3, 4);
}
