using System.Net.Http.Headers;
using Kalkan.Incidents.Evidence;

namespace Kalkan.Tests.Incidents;

[Collection(TimingSensitive.Name)] // the upload test reads the whole process's heap: nothing else may allocate beside it
public class EvidenceTests
{
    [Fact]
    public async Task A_40_MiB_upload_keeps_its_SHA256_streams_through_without_the_process_holding_it_and_comes_back_whole()
    {
        await using var kalkan = await KalkanFactory.StartAsync(Store.Sqlite);
        var (documenter, id) = await IncidentSamples.DocumenterWithIncidentAsync(kalkan);

        const long size = 40L * 1024 * 1024;
        var source = new GeneratedPdf(size);
        var content = new StreamContent(source, 81920);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "statement.pdf" };

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(true);
        long peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) { peak = Math.Max(peak, GC.GetTotalMemory(false)); await Task.Yield(); }
        });
        var response = await documenter.PostAsync($"/api/v1/incidents/{id}/evidence", content);
        stop.Cancel();
        await sampler;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var evidence = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(source.Sha256(), evidence.GetProperty("sha256").GetString());
        Assert.Equal(size, evidence.GetProperty("size").GetInt64());
        Assert.Equal("statement.pdf", evidence.GetProperty("name").GetString());
        // Far less than the file: the upload went through in chunks, never whole.
        Assert.True(peak - baseline < 24L * 1024 * 1024, $"the managed heap grew by {(peak - baseline) / (1024 * 1024)} MiB during a 40 MiB upload");

        using var original = await documenter.GetAsync($"/api/v1/incidents/{id}/evidence/{evidence.GetProperty("id").GetGuid()}/original", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        var hash = await SHA256.HashDataAsync(await original.Content.ReadAsStreamAsync());
        Assert.Equal(source.Sha256(), Convert.ToHexStringLower(hash));
    }

    [Theory, Stores]
    public async Task A_JPEG_with_GPS_has_none_in_its_shared_copy_the_original_keeps_it_and_neither_is_readable_on_disk(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (documenter, id) = await IncidentSamples.DocumenterWithIncidentAsync(kalkan);
        var jpeg = Jpeg.WithGps("canary-gps-42.8765N-74.6037E", "canary-evidence-pixels-5ac1");

        var response = await documenter.PostAsync($"/api/v1/incidents/{id}/evidence", Jpeg.Content(jpeg));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var evidence = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(jpeg)), evidence.GetProperty("sha256").GetString());
        var path = $"/api/v1/incidents/{id}/evidence/{evidence.GetProperty("id").GetGuid()}";

        var shared = await documenter.GetByteArrayAsync(path);
        Assert.Equal([0xFF, 0xD8], shared[..2]);
        Assert.False(Contains(shared, "canary-gps"u8.ToArray()), "GPS text in the shared copy");
        Assert.False(Contains(shared, "Exif"u8.ToArray()), "an Exif segment in the shared copy");
        Assert.True(Contains(shared, "JFIF"u8.ToArray()) && Contains(shared, "canary-evidence-pixels"u8.ToArray()), "the image itself was lost");
        Assert.Equal(evidence.GetProperty("sharedSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(shared)));
        Assert.Equal(jpeg, await documenter.GetByteArrayAsync(path + "/original"));

        var (other, _) = await kalkan.MemberAsync("documenter");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/incidents/{id}/evidence", Jpeg.Content(jpeg))).StatusCode);

        foreach (var file in StoredFiles.Under(kalkan.Store.DataDir))
        {
            var bytes = await ReadSharedAsync(file);
            Assert.False(Contains(bytes, "canary-gps"u8.ToArray()) || Contains(bytes, "canary-evidence-pixels"u8.ToArray()), $"evidence in plaintext in {Path.GetFileName(file)}");
        }
    }

    [Fact]
    public async Task Too_large_or_of_a_refused_type_is_a_4xx_and_stores_nothing()
    {
        await using var kalkan = await KalkanFactory.StartAsync(Store.Sqlite, settings: new Dictionary<string, string?> { ["Incidents:Evidence:MaxBytes"] = "1048576" });
        var (documenter, id) = await IncidentSamples.DocumenterWithIncidentAsync(kalkan);
        var url = $"/api/v1/incidents/{id}/evidence";

        var big = new ByteArrayContent(new GeneratedPdf(2 * 1024 * 1024).ToArray());
        big.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await documenter.PostAsync(url, big)).StatusCode);
        // Without a length the server counts as it reads, and stops.
        var streamed = new StreamContent(new GeneratedPdf(3 * 1024 * 1024));
        streamed.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await documenter.PostAsync(url, streamed)).StatusCode);

        var script = new StringContent("#!/bin/sh\nrm -rf /", Encoding.UTF8, "text/x-shellscript");
        var refused = await documenter.PostAsync(url, script);
        Assert.True((await refused.ProblemAsync(HttpStatusCode.UnsupportedMediaType)).GetProperty("errors").TryGetProperty("Content-Type", out _));
        var pretending = new ByteArrayContent(new GeneratedPdf(1000).ToArray());
        pretending.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await documenter.PostAsync(url, pretending)).StatusCode);

        await using var scope = kalkan.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<KalkanDb>().Set<EvidenceFile>().CountAsync());
        var folder = Path.Combine(kalkan.Store.DataDir, "evidence");
        Assert.Empty(Directory.Exists(folder) ? Directory.EnumerateFiles(folder) : []);
    }

    static async Task<byte[]> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
