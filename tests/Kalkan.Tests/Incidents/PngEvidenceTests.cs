using System.Buffers.Binary;
using System.Net.Http.Headers;

namespace Kalkan.Tests.Incidents;

/// <summary>A PNG's text chunks, eXIf and timestamps (where location and authors hide) do not reach its shared copy.</summary>
public class PngEvidenceTests
{
    static byte[] Png(string canary)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
        Chunk(png, "tEXt", Encoding.Latin1.GetBytes("Comment\0" + canary));
        Chunk(png, "eXIf", [.. "MM\0*"u8, .. Encoding.ASCII.GetBytes("GPS " + canary)]);
        Chunk(png, "tIME", [0x07, 0xEA, 10, 3, 22, 15, 0]);
        Chunk(png, "iTXt", Encoding.UTF8.GetBytes("Author\0\0\0\0\0" + canary));
        Chunk(png, "IDAT", [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)data.Length);
        png.Write(number);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    static HttpContent Content(byte[] png)
    {
        var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    [Theory, Stores]
    public async Task A_PNGs_shared_copy_keeps_the_image_chunks_and_drops_text_exif_and_time_while_the_original_keeps_them(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (documenter, id) = await IncidentSamples.DocumenterWithIncidentAsync(kalkan);
        var png = Png("canary-png-42.8765N");

        var response = await documenter.PostAsync($"/api/v1/incidents/{id}/evidence", Content(png));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var evidence = await response.Content.ReadFromJsonAsync<JsonElement>();
        var path = $"/api/v1/incidents/{id}/evidence/{evidence.GetProperty("id").GetGuid()}";
        var shared = await documenter.GetByteArrayAsync(path);

        var text = Encoding.Latin1.GetString(shared);
        Assert.DoesNotContain("canary-png", text);
        foreach (var gone in new[] { "tEXt", "eXIf", "tIME", "iTXt" }) Assert.DoesNotContain(gone, text);
        foreach (var kept in new[] { "IHDR", "IDAT", "IEND" }) Assert.Contains(kept, text);
        Assert.Equal(png[..8], shared[..8]);
        Assert.Equal(evidence.GetProperty("sharedSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(shared)));
        Assert.Equal(png, await documenter.GetByteArrayAsync(path + "/original"));
    }

    [Theory, Stores]
    public async Task A_cut_short_PNG_is_refused_and_nothing_is_stored(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (documenter, id) = await IncidentSamples.DocumenterWithIncidentAsync(kalkan);
        var png = Png("canary");

        var response = await documenter.PostAsync($"/api/v1/incidents/{id}/evidence", Content(png[..40]));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var evidenceFolder = Path.Combine(kalkan.Store.DataDir, "evidence");
        Assert.True(!Directory.Exists(evidenceFolder) || !Directory.EnumerateFiles(evidenceFolder).Any());
    }
}
