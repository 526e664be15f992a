namespace Kalkan.Incidents.Evidence;

/// <summary>
/// Copies a JPEG without its metadata: APP1..APP15 segments (Exif with GPS, XMP, IPTC, maker
/// notes, ...) and comments are dropped; APP0 (JFIF) and everything the image needs is kept.
/// After the start of scan the rest is image data and is copied as it is. Streams, segment by
/// segment; no segment is longer than 64 KiB.
/// </summary>
public static class JpegMetadata
{
    public sealed class NotJpegException() : Exception("Not a JPEG file.");

    public static async Task StripAsync(Stream input, Func<ReadOnlyMemory<byte>, CancellationToken, Task> write, CancellationToken ct)
    {
        var buffer = new byte[65_536];
        await ReadAsync(input, buffer, 2, ct);
        if (buffer[0] != 0xFF || buffer[1] != 0xD8) throw new NotJpegException();
        await write(buffer.AsMemory(0, 2), ct);
        while (true)
        {
            await ReadAsync(input, buffer, 2, ct);
            if (buffer[0] != 0xFF) throw new NotJpegException();
            var marker = buffer[1];
            while (marker == 0xFF) { await ReadAsync(input, buffer.AsMemory(1, 1), 1, ct); marker = buffer[1]; } // fill bytes
            if (marker == 0xD9 || marker is >= 0xD0 and <= 0xD7 || marker == 0x01)
            {
                await write(new byte[] { 0xFF, marker }, ct);
                if (marker == 0xD9) return;
                continue;
            }
            await ReadAsync(input, buffer.AsMemory(2, 2), 2, ct);
            var length = (buffer[2] << 8) | buffer[3];
            if (length < 2) throw new NotJpegException();
            await ReadAsync(input, buffer.AsMemory(4, length - 2), length - 2, ct);
            var metadata = marker is >= 0xE1 and <= 0xEF || marker == 0xFE;
            if (!metadata) await write(buffer.AsMemory(0, 2 + length), ct);
            if (marker == 0xDA)
            {
                int n;
                while ((n = await input.ReadAsync(buffer, ct)) > 0) await write(buffer.AsMemory(0, n), ct);
                return;
            }
        }
    }

    static async Task ReadAsync(Stream input, Memory<byte> into, int count, CancellationToken ct)
    {
        try { await input.ReadExactlyAsync(into[..count], ct); }
        catch (EndOfStreamException) { throw new NotJpegException(); }
    }
}
