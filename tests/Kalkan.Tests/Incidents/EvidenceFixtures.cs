using System.Net.Http.Headers;

namespace Kalkan.Tests.Incidents;

/// <summary>A PDF-looking stream of any length made on the fly, so a test never holds the file it uploads; it hashes what it gave.</summary>
public sealed class GeneratedPdf(long length) : Stream
{
    readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    long position;

    public string Sha256() => Convert.ToHexStringLower(sha.GetCurrentHash());

    public byte[] ToArray()
    {
        using var copy = new MemoryStream();
        CopyTo(copy);
        return copy.ToArray();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - position);
        for (var i = 0; i < n; i++)
        {
            var at = position + i;
            buffer[offset + i] = at < 5 ? "%PDF-"u8[(int)at] : (byte)((at * 2654435761L) >> 13);
        }
        sha.AppendData(buffer, offset, n);
        position += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A small JPEG with a JFIF header, an Exif segment carrying GPS text, and image data.</summary>
public static class Jpeg
{
    public static byte[] WithGps(string gps, string pixels)
    {
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        Segment(jpeg, 0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        Segment(jpeg, 0xE1, [.. "Exif\0\0"u8, .. Encoding.ASCII.GetBytes("GPSLatitude " + gps)]);
        Segment(jpeg, 0xED, [.. "Photoshop 3.0\0"u8, .. Encoding.ASCII.GetBytes("IPTC " + gps)]);
        Segment(jpeg, 0xFE, Encoding.ASCII.GetBytes("comment " + gps));
        Segment(jpeg, 0xDB, [0, .. Enumerable.Range(1, 64).Select(i => (byte)i)]);
        Segment(jpeg, 0xC0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]);
        Segment(jpeg, 0xDA, [1, 1, 0, 0, 63, 0]);
        jpeg.Write(Encoding.ASCII.GetBytes(pixels));
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    public static HttpContent Content(byte[] jpeg)
    {
        var content = new ByteArrayContent(jpeg);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return content;
    }

    static void Segment(Stream jpeg, byte marker, byte[] payload)
    {
        jpeg.Write([0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)((payload.Length + 2) & 0xFF)]);
        jpeg.Write(payload);
    }
}
