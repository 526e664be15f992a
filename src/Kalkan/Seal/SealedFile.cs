using System.Buffers.Binary;

namespace Kalkan.Seal;

/// <summary>
/// A file sealed in chunks so it is never whole in memory: "KEV1" | nonce prefix (8) | chunks, each
/// length (4) | ciphertext | tag (16), AES-256-GCM with nonce = prefix | chunk number, and the
/// file's binding (an evidence id and its copy, a case document's id), the chunk number and a
/// last-chunk flag as associated data: a chunk cannot be moved, reordered, or the file cut short
/// without the reader noticing. Incidents' evidence and cases' documents are stored this way.
/// </summary>
public static class SealedFile
{
    public const int ChunkSize = 64 * 1024;
    const int TagSize = 16;
    static readonly byte[] Magic = "KEV1"u8.ToArray();

    static byte[] AssociatedData(string binding, long index, bool last)
    {
        var text = Encoding.UTF8.GetBytes(binding);
        var data = new byte[text.Length + 9];
        text.CopyTo(data, 0);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(text.Length), index);
        data[^1] = last ? (byte)1 : (byte)0;
        return data;
    }

    static byte[] Nonce(byte[] prefix, long index)
    {
        var nonce = new byte[12];
        prefix.CopyTo(nonce, 0);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8), checked((uint)index));
        return nonce;
    }

    /// <summary>What receiving an upload came to.</summary>
    public enum Receipt { Stored, WrongType, TooLarge }

    /// <param name="Size">In bytes, and <paramref name="Sha256"/> in lower-case hex, of what was stored.</param>
    public sealed record Received(Receipt Receipt, long Size = 0, string Sha256 = "");

    /// <summary>
    /// Receives an upload as it streams in (evidence, a case's documents): hashed and sealed chunk by
    /// chunk into a new file at <paramref name="path"/>, never whole in memory. Refused when its first
    /// bytes are not what its type says, when it is empty, or once it passes <paramref name="maxBytes"/>;
    /// whatever a refusal leaves on disk is the caller's to delete.
    /// </summary>
    public static async Task<Received> ReceiveAsync(Stream body, string path, byte[] key, string binding, long maxBytes,
        Func<byte[], bool> looksRight, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var writer = new Writer(Create(path), key, binding);
        var buffer = new byte[ChunkSize];
        long total = 0;
        int n;
        while ((n = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct)) > 0)
        {
            if (total == 0 && !looksRight(buffer[..Math.Min(n, 16)])) return new(Receipt.WrongType);
            total += n;
            if (total > maxBytes) return new(Receipt.TooLarge);
            sha.AppendData(buffer, 0, n);
            await writer.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        if (total == 0) return new(Receipt.WrongType);
        await writer.CompleteAsync(ct);
        return new(Receipt.Stored, total, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    /// <summary>A new file (never one already there) that only this user may read.</summary>
    public static FileStream Create(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }

    /// <summary>Writes plaintext as it comes; <see cref="CompleteAsync"/> seals the last chunk.</summary>
    public sealed class Writer(Stream output, byte[] key, string binding) : IAsyncDisposable
    {
        readonly AesGcm aes = new(key, TagSize);
        readonly byte[] prefix = RandomNumberGenerator.GetBytes(8);
        readonly byte[] plain = new byte[ChunkSize];
        readonly byte[] sealedChunk = new byte[4 + ChunkSize + TagSize];
        int filled;
        long index;
        bool started;

        public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
        {
            if (!started) { await output.WriteAsync(Magic, ct); await output.WriteAsync(prefix, ct); started = true; }
            while (data.Length > 0)
            {
                // A full chunk is written only when more follows, so the last one can carry its flag.
                if (filled == ChunkSize) await FlushAsync(false, ct);
                var take = Math.Min(ChunkSize - filled, data.Length);
                data.Span[..take].CopyTo(plain.AsSpan(filled));
                filled += take;
                data = data[take..];
            }
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            if (!started) await WriteAsync(ReadOnlyMemory<byte>.Empty, ct);
            await FlushAsync(true, ct);
            await output.FlushAsync(ct);
        }

        async Task FlushAsync(bool last, CancellationToken ct)
        {
            BinaryPrimitives.WriteInt32BigEndian(sealedChunk, filled);
            aes.Encrypt(Nonce(prefix, index), plain.AsSpan(0, filled), sealedChunk.AsSpan(4, filled), sealedChunk.AsSpan(4 + filled, TagSize), AssociatedData(binding, index, last));
            await output.WriteAsync(sealedChunk.AsMemory(0, 4 + filled + TagSize), ct);
            index++;
            filled = 0;
        }

        public ValueTask DisposeAsync()
        {
            aes.Dispose();
            CryptographicOperations.ZeroMemory(plain);
            return output.DisposeAsync();
        }
    }

    /// <summary>Reads a sealed file back as plaintext, one chunk at a time; throws CryptographicException on any tampering.</summary>
    public sealed class Reader(Stream input, byte[] key, string binding) : Stream
    {
        readonly AesGcm aes = new(key, TagSize);
        byte[]? prefix;
        readonly byte[] plain = new byte[ChunkSize];
        readonly byte[] sealedChunk = new byte[ChunkSize + TagSize];
        int offset, available;
        long index;
        bool ended;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            while (offset == available)
            {
                if (ended) return 0;
                await NextChunkAsync(ct);
            }
            var n = Math.Min(buffer.Length, available - offset);
            plain.AsMemory(offset, n).CopyTo(buffer);
            offset += n;
            return n;
        }

        async Task NextChunkAsync(CancellationToken ct)
        {
            if (prefix is null)
            {
                var header = new byte[12];
                await input.ReadExactlyAsync(header, ct);
                if (!header.AsSpan(0, 4).SequenceEqual(Magic)) throw new CryptographicException("Not a sealed evidence file.");
                prefix = header[4..];
            }
            var length = new byte[4];
            await input.ReadExactlyAsync(length, ct);
            var size = BinaryPrimitives.ReadInt32BigEndian(length);
            if (size is < 0 or > ChunkSize) throw new CryptographicException("A chunk of impossible size.");
            await input.ReadExactlyAsync(sealedChunk.AsMemory(0, size + TagSize), ct);
            // The last chunk is the one after which the file ends.
            var last = input.Position == input.Length;
            aes.Decrypt(Nonce(prefix, index), sealedChunk.AsSpan(0, size), sealedChunk.AsSpan(size, TagSize), plain.AsSpan(0, size), AssociatedData(binding, index, last));
            index++;
            (offset, available, ended) = (0, size, last);
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) { aes.Dispose(); input.Dispose(); CryptographicOperations.ZeroMemory(plain); }
            base.Dispose(disposing);
        }
    }
}
