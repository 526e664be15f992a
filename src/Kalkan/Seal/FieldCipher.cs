namespace Kalkan.Seal;

/// <summary>Where a sealed value lives; bound into its ciphertext so it cannot be moved to another row or column.</summary>
public readonly record struct FieldRef(string Table, string Column, Guid RowId)
{
    public byte[] AssociatedData() => Encoding.UTF8.GetBytes($"{Table}\0{Column}\0{RowId:N}");
}

/// <summary>
/// AES-256-GCM for sensitive fields, one key per table and column derived from the root key.
/// Layout: version (1) | nonce (12) | ciphertext | tag (16). Random nonces: far below GCM's
/// 2^32-messages-per-key bound for a network's lifetime, since every column has its own key.
/// </summary>
public sealed class FieldCipher(SealState seal)
{
    const byte Version = 1;
    const int NonceSize = 12, TagSize = 16, Overhead = 1 + NonceSize + TagSize;

    public byte[] Encrypt(string plaintext, FieldRef where) => Encrypt(Encoding.UTF8.GetBytes(plaintext), where);

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, FieldRef where)
    {
        var output = new byte[Overhead + plaintext.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(KeyFor(where), TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(1 + NonceSize, plaintext.Length), output.AsSpan(output.Length - TagSize), where.AssociatedData());
        return output;
    }

    public string DecryptString(byte[] sealedValue, FieldRef where) => Encoding.UTF8.GetString(Decrypt(sealedValue, where));

    /// <summary>Throws CryptographicException when the value was tampered with or moved.</summary>
    public byte[] Decrypt(byte[] sealedValue, FieldRef where)
    {
        if (sealedValue.Length < Overhead || sealedValue[0] != Version)
            throw new CryptographicException("Not a sealed value of a known version.");
        var plaintext = new byte[sealedValue.Length - Overhead];
        using var aes = new AesGcm(KeyFor(where), TagSize);
        aes.Decrypt(sealedValue.AsSpan(1, NonceSize), sealedValue.AsSpan(1 + NonceSize, plaintext.Length),
            sealedValue.AsSpan(sealedValue.Length - TagSize), plaintext, where.AssociatedData());
        return plaintext;
    }

    byte[] KeyFor(FieldRef where) => seal.KeyFor($"field/{where.Table}/{where.Column}");
}
