using System.Net.Http.Json;
using System.Text;
using Kalkan.Circles;
using Kalkan.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kalkan.Tests.Circles;

/// <summary>The seizure test for circles: who is in whose circle, SOS notes and positions, check-in notes.</summary>
public class CircleSeizureTests
{
    [Fact]
    public async Task A_stopped_servers_data_folder_holds_no_circle_membership_SOS_note_position_or_check_in_note()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        var canaries = new Dictionary<string, string>
        {
            ["SOS note"] = "canary-sos-note-3f8a",
            ["SOS latitude"] = "42.1234567891",
            ["SOS longitude"] = "74.9876543219",
            ["check-in note"] = "canary-checkin-note-7d21",
            ["check-in latitude"] = "42.5555555551",
        };
        Guid aizadaId, cholponId;
        List<CircleLink> links;
        await using (var kalkan = new KalkanFactory(store))
        {
            await kalkan.SetUpAsync();
            (var aizada, aizadaId) = await kalkan.MemberAsync(handle: "Aizada");
            (var cholpon, cholponId) = await kalkan.MemberAsync(handle: "Cholpon");
            var link = await CircleTests.InviteAsync(aizada, "Cholpon");
            await cholpon.PostAsync($"/api/v1/circle/invitations/{link}/accept", null);
            await aizada.PostAsJsonAsync("/api/v1/sos", new { lat = double.Parse(canaries["SOS latitude"]), lon = double.Parse(canaries["SOS longitude"]), note = canaries["SOS note"] });
            await aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = DateTimeOffset.UtcNow.AddHours(1), note = canaries["check-in note"], lat = double.Parse(canaries["check-in latitude"]), lon = 74.5 });

            await using var scope = kalkan.Services.CreateAsyncScope();
            links = await scope.ServiceProvider.GetRequiredService<KalkanDb>().Set<CircleLink>().AsNoTracking().ToListAsync();
        }

        // The link row says nothing of who: no member id in any form.
        var link0 = Assert.Single(links);
        var row = link0.OwnerIndex.Concat(link0.MemberIndex).Concat(link0.PairSealed).ToArray();
        foreach (var id in new[] { aizadaId, cholponId })
        {
            Assert.True(row.AsSpan().IndexOf(id.ToByteArray()) < 0);
            foreach (var form in new[] { "N", "D" })
                Assert.True(row.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id.ToString(form))) < 0);
        }

        foreach (var file in Directory.EnumerateFiles(store.DataDir, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var (what, canary) in canaries)
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary)) < 0, $"{what} in plaintext in {Path.GetFileName(file)}");
        }
    }
}
