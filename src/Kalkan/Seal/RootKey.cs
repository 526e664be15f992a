namespace Kalkan.Seal;

/// <summary>Making, wrapping and unwrapping the root key. Pure functions over bytes; no store, no state.</summary>
public static class RootKey
{
    public const int Length = 32;
    static readonly byte[] WrapLabel = "kalkan/root-key/v1"u8.ToArray();
    static readonly byte[] CheckLabel = "kalkan/key-check/v1"u8.ToArray();

    public static byte[] Create() => RandomNumberGenerator.GetBytes(Length);

    public static SealRecord Wrap(byte[] rootKey, string passphrase, KdfParameters cost, DateTimeOffset createdAt, int threshold = 0, int shares = 0)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var wrappingKey = PassphraseKdf.Derive(Encoding.UTF8.GetBytes(passphrase), salt, cost);
        try
        {
            var wrapped = new byte[12 + Length + 16];
            RandomNumberGenerator.Fill(wrapped.AsSpan(0, 12));
            using var aes = new AesGcm(wrappingKey, 16);
            aes.Encrypt(wrapped.AsSpan(0, 12), rootKey, wrapped.AsSpan(12, Length), wrapped.AsSpan(12 + Length), WrapLabel);
            return new SealRecord
            {
                Salt = salt,
                MemoryKib = cost.MemoryKib,
                Iterations = cost.Iterations,
                Parallelism = cost.Parallelism,
                WrappedRootKey = wrapped,
                KeyCheck = Check(rootKey),
                ShareThreshold = threshold,
                ShareCount = shares,
                CreatedAt = createdAt,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrappingKey);
        }
    }

    /// <summary>The root key, or null when the passphrase is wrong.</summary>
    public static byte[]? Unwrap(SealRecord record, string passphrase)
    {
        var wrappingKey = PassphraseKdf.Derive(Encoding.UTF8.GetBytes(passphrase), record.Salt, record.Cost);
        var rootKey = new byte[Length];
        try
        {
            using var aes = new AesGcm(wrappingKey, 16);
            var w = record.WrappedRootKey;
            aes.Decrypt(w.AsSpan(0, 12), w.AsSpan(12, Length), w.AsSpan(12 + Length), rootKey, WrapLabel);
            return rootKey;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(rootKey);
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrappingKey);
        }
    }

    public static bool Matches(SealRecord record, byte[] candidate)
    {
        var check = Check(candidate);
        return CryptographicOperations.FixedTimeEquals(check, record.KeyCheck);
    }

    static byte[] Check(byte[] rootKey)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, rootKey, 32, info: CheckLabel);
        try { return HMACSHA256.HashData(key, CheckLabel); }
        finally { CryptographicOperations.ZeroMemory(key); }
    }
}
