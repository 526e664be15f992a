using System.Buffers.Binary;

namespace Kalkan.Delivery.Push;

/// <summary>
/// RFC 8291 message encryption for Web Push with RFC 8188's aes128gcm content coding, in one
/// record: a fresh P-256 key pair and salt per message, so each push stands alone.
/// </summary>
public static class WebPushCrypto
{
    public const int RecordSize = 4096;
    const int KeyLength = 65, SaltLength = 16, TagLength = 16;

    /// <summary>The request body for one push message to the browser holding <paramref name="uaPublic"/>.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, byte[] uaPublic, byte[] authSecret)
    {
        using var sender = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        return Encrypt(plaintext, uaPublic, authSecret, sender, RandomNumberGenerator.GetBytes(SaltLength));
    }

    /// <summary>With the sender's key and salt given: the form the RFC's test vector checks.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, byte[] uaPublic, byte[] authSecret, ECDiffieHellman sender, byte[] salt)
    {
        // One record holds the message, its delimiter and the tag; push services cap bodies near 4 KiB anyway.
        if (plaintext.Length + 1 + TagLength > RecordSize) throw new ArgumentException("A push message fits one 4096-byte record.");
        var asPublic = PublicKey(sender);
        using var receiver = ImportPublic(uaPublic);
        var ecdhSecret = sender.DeriveRawSecretAgreement(receiver.PublicKey);

        // RFC 8291 section 3.4: the auth secret and both public keys go into the input keying material.
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. uaPublic, .. asPublic];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, ecdhSecret, 32, authSecret, keyInfo);
        var cek = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());
        CryptographicOperations.ZeroMemory(ecdhSecret);

        var headerLength = SaltLength + 4 + 1 + KeyLength;
        var body = new byte[headerLength + plaintext.Length + 1 + TagLength];
        salt.CopyTo(body, 0);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(SaltLength), RecordSize);
        body[SaltLength + 4] = KeyLength;
        asPublic.CopyTo(body, SaltLength + 5);

        var padded = new byte[plaintext.Length + 1];
        plaintext.CopyTo(padded);
        padded[^1] = 2; // the last (and only) record's delimiter
        using var gcm = new AesGcm(cek, TagLength);
        gcm.Encrypt(nonce, padded, body.AsSpan(headerLength, padded.Length), body.AsSpan(headerLength + padded.Length), null);
        CryptographicOperations.ZeroMemory(cek);
        return body;
    }

    /// <summary>The uncompressed point 0x04 | X | Y.</summary>
    public static byte[] PublicKey(ECAlgorithm key)
    {
        var q = key.ExportParameters(false).Q;
        return [4, .. q.X!, .. q.Y!];
    }

    /// <summary>Throws CryptographicException unless the bytes are a point on P-256.</summary>
    public static ECDiffieHellman ImportPublic(byte[] point)
    {
        if (point.Length != KeyLength || point[0] != 4) throw new CryptographicException("Not an uncompressed P-256 point.");
        return ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..] },
        });
    }
}
