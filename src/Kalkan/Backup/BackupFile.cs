using System.Buffers.Binary;

namespace Kalkan.Backup;

/// <summary>
/// The backup file: "KALKANB2", a 16-byte salt, the Argon2id cost, then the archive in 64 KiB chunks,
/// each sealed with AES-256-GCM under a key derived from the backup passphrase. A chunk's nonce is
/// its index and its associated data says whether it is the last, so chunks cannot be reordered,
/// dropped or the file cut short without the restore noticing.
/// </summary>
public static class BackupFile
{
    // B2: what is sealed is a tar archive of the store and its sealed files (B1 held the store alone; none was ever deployed).
    static readonly byte[] Magic = "KALKANB2"u8.ToArray();
    const int ChunkSize = 64 * 1024, TagSize = 16;

    public static async Task WriteAsync(Stream plaintext, Stream output, string passphrase, KdfParameters cost, CancellationToken ct)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var header = new byte[Magic.Length + 16 + 12];
        Magic.CopyTo(header, 0);
        salt.CopyTo(header, Magic.Length);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(24), cost.MemoryKib);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(28), cost.Iterations);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(32), cost.Parallelism);
        await output.WriteAsync(header, ct);
        using var aes = new AesGcm(PassphraseKdf.Derive(Encoding.UTF8.GetBytes(passphrase), salt, cost), TagSize);

        var current = new byte[ChunkSize];
        var next = new byte[ChunkSize];
        var currentLength = await plaintext.ReadAtLeastAsync(current, ChunkSize, throwOnEndOfStream: false, ct);
        for (long index = 0; ; index++)
        {
            var nextLength = currentLength == ChunkSize ? await plaintext.ReadAtLeastAsync(next, ChunkSize, throwOnEndOfStream: false, ct) : 0;
            var last = nextLength == 0;
            var sealedChunk = new byte[4 + currentLength + TagSize];
            BinaryPrimitives.WriteInt32BigEndian(sealedChunk, currentLength);
            aes.Encrypt(Nonce(index), current.AsSpan(0, currentLength), sealedChunk.AsSpan(4, currentLength), sealedChunk.AsSpan(4 + currentLength), Ad(last));
            await output.WriteAsync(sealedChunk, ct);
            if (last) return;
            (current, next, currentLength) = (next, current, nextLength);
        }
    }

    /// <summary>Throws <see cref="InvalidDataException"/> for a wrong passphrase or a damaged or cut file.</summary>
    public static async Task ReadAsync(Stream input, Stream plaintext, string passphrase, CancellationToken ct)
    {
        var header = new byte[Magic.Length + 16 + 12];
        await input.ReadExactlyAsync(header, ct);
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic)) throw new InvalidDataException("Not a Kalkan backup.");
        var cost = new KdfParameters(BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(24)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(28)),
            BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(32)));
        if (cost.MemoryKib is < 8 or > 4 * 1024 * 1024 || cost.Iterations is < 1 or > 100 || cost.Parallelism is < 1 or > 64)
            throw new InvalidDataException("Not a Kalkan backup.");
        using var aes = new AesGcm(PassphraseKdf.Derive(Encoding.UTF8.GetBytes(passphrase), header[Magic.Length..(Magic.Length + 16)], cost), TagSize);

        var lengthBytes = new byte[4];
        for (long index = 0; ; index++)
        {
            if (await input.ReadAtLeastAsync(lengthBytes, 4, throwOnEndOfStream: false, ct) < 4) throw new InvalidDataException("The backup is cut short.");
            var length = BinaryPrimitives.ReadInt32BigEndian(lengthBytes);
            if (length is < 0 or > ChunkSize) throw new InvalidDataException("The backup is damaged.");
            var sealedChunk = new byte[length + TagSize];
            await input.ReadExactlyAsync(sealedChunk, ct);
            var chunk = new byte[length];
            var last = input.Position == input.Length;
            try
            {
                aes.Decrypt(Nonce(index), sealedChunk.AsSpan(0, length), sealedChunk.AsSpan(length), chunk, Ad(last));
            }
            catch (AuthenticationTagMismatchException)
            {
                throw new InvalidDataException(index == 0 ? "Wrong passphrase, or not this network's backup." : "The backup is damaged or cut short.");
            }
            await plaintext.WriteAsync(chunk, ct);
            if (last) return;
        }
    }

    static byte[] Nonce(long index)
    {
        var nonce = new byte[12];
        BinaryPrimitives.WriteInt64BigEndian(nonce.AsSpan(4), index);
        return nonce;
    }

    static byte[] Ad(bool last) => [.. "kalkan-backup"u8, last ? (byte)1 : (byte)0];
}
