using System.Buffers.Binary;

namespace Kalkan.Incidents.Evidence;

/// <summary>
/// Copies a PNG keeping only the chunks that draw the image: IHDR, PLTE, IDAT, IEND and the
/// colour and transparency chunks (tRNS, gAMA, cHRM, sRGB, sBIT, bKGD). Everything else goes:
/// text (tEXt, zTXt, iTXt, where cameras and editors put location and authors), eXIf, tIME,
/// pHYs, iCCP (a named profile) and any private chunk, since an unknown chunk can carry anything.
/// Streams chunk by chunk; a long IDAT is copied through in pieces.
/// </summary>
public static class PngMetadata
{
    public sealed class NotPngException() : Exception("Not a PNG file.");

    static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    static readonly HashSet<string> Kept = ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "sBIT", "bKGD"];

    public static async Task StripAsync(Stream input, Func<ReadOnlyMemory<byte>, CancellationToken, Task> write, CancellationToken ct)
    {
        var buffer = new byte[65_536];
        await ReadAsync(input, buffer, 8, ct);
        if (!buffer.AsSpan(0, 8).SequenceEqual(Signature)) throw new NotPngException();
        await write(buffer.AsMemory(0, 8), ct);
        while (true)
        {
            await ReadAsync(input, buffer, 8, ct);
            var length = BinaryPrimitives.ReadUInt32BigEndian(buffer);
            if (length > int.MaxValue) throw new NotPngException();
            var type = Encoding.ASCII.GetString(buffer, 4, 4);
            var keep = Kept.Contains(type);
            if (keep) await write(buffer.AsMemory(0, 8), ct);
            // The chunk's data and its CRC, copied or skipped in pieces.
            for (long left = length + 4L; left > 0;)
            {
                var n = (int)Math.Min(left, buffer.Length);
                await ReadAsync(input, buffer, n, ct);
                if (keep) await write(buffer.AsMemory(0, n), ct);
                left -= n;
            }
            if (type == "IEND") return;
        }
    }

    static async Task ReadAsync(Stream input, byte[] into, int count, CancellationToken ct)
    {
        try { await input.ReadExactlyAsync(into.AsMemory(0, count), ct); }
        catch (EndOfStreamException) { throw new NotPngException(); }
    }
}
