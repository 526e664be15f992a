using KonsciousArgon2id = Konscious.Security.Cryptography.Argon2id;

namespace Kalkan.Seal;

/// <summary>Argon2id (RFC 9106) as the one place that calls the library, so it can be swapped.</summary>
public static class PassphraseKdf
{
    public static byte[] Derive(ReadOnlySpan<byte> password, byte[] salt, KdfParameters cost, int length = 32,
        byte[]? secret = null, byte[]? associatedData = null)
    {
        var passwordCopy = password.ToArray();
        try
        {
            using var argon = new KonsciousArgon2id(passwordCopy)
            {
                Salt = salt,
                MemorySize = cost.MemoryKib,
                Iterations = cost.Iterations,
                DegreeOfParallelism = cost.Parallelism,
                KnownSecret = secret,
                AssociatedData = associatedData,
            };
            return argon.GetBytes(length);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(passwordCopy);
        }
    }
}
