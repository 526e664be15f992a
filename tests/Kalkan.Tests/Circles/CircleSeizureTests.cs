using Kalkan.Circles;
using Kalkan.Tests.Security;

namespace Kalkan.Tests.Circles;

/// <summary>
/// The seizure test for circles: who is in whose circle, SOS notes and positions, check-in notes,
/// in no seized file (the data folder, and on PostgreSQL the cluster's files); and no value that
/// joins one member's circle links, SOS calls and check-ins to each other.
/// </summary>
public class CircleSeizureTests
{
    [Theory, Stores]
    public async Task A_stopped_servers_files_hold_no_circle_membership_SOS_note_position_or_check_in_note(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var canaries = new Dictionary<string, byte[][]>
        {
            ["SOS note"] = SeizedDisk.FormsOf("canary-sos-note-3f8a"),
            ["SOS latitude"] = SeizedDisk.FormsOf(42.1234567891),
            ["SOS longitude"] = SeizedDisk.FormsOf(74.9876543219),
            ["check-in note"] = SeizedDisk.FormsOf("canary-checkin-note-7d21"),
            ["check-in latitude"] = SeizedDisk.FormsOf(42.5555555551),
        };
        Guid aizadaId, cholponId;
        List<CircleLink> links;
        byte[] sosIndex, checkinIndex;
        await using (var kalkan = await KalkanFactory.StartAsync(store))
        {
            (var aizada, aizadaId) = await kalkan.MemberAsync(handle: "Aizada");
            (var cholpon, cholponId) = await kalkan.MemberAsync(handle: "Cholpon");
            var link = await CircleTests.InviteAsync(aizada, "Cholpon");
            await cholpon.PostAsync($"/api/v1/circle/invitations/{link}/accept", null);
            // And Aizada in Cholpon's circle: her id is then both an owner and a member of links.
            await aizada.PostAsync($"/api/v1/circle/invitations/{await CircleTests.InviteAsync(cholpon, "Aizada")}/accept", null);
            await aizada.PostAsJsonAsync("/api/v1/sos", new { lat = 42.1234567891, lon = 74.9876543219, note = "canary-sos-note-3f8a" });
            await aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = DateTimeOffset.UtcNow.AddHours(1), note = "canary-checkin-note-7d21", lat = 42.5555555551, lon = 74.5 });

            await using var scope = kalkan.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
            links = await db.Set<CircleLink>().AsNoTracking().ToListAsync();
            sosIndex = (await db.Set<SosCall>().SingleAsync()).OwnerIndex;
            checkinIndex = (await db.Set<Checkin>().SingleAsync()).OwnerIndex;
        }

        // The link rows say nothing of who: no member id in any form.
        Assert.Equal(2, links.Count);
        foreach (var link in links)
        {
            var row = link.OwnerIndex.Concat(link.MemberIndex).Concat(link.PairSealed).ToArray();
            foreach (var id in new[] { aizadaId, cholponId })
            {
                Assert.True(row.AsSpan().IndexOf(id.ToByteArray()) < 0);
                foreach (var form in new[] { "N", "D" })
                    Assert.True(row.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id.ToString(form))) < 0);
            }
        }
        // One key per table and column: Aizada's indexes as link owner, link member, SOS caller and
        // check-in owner (and Cholpon's as owner and member) are unrelated values, so a seized store
        // cannot join her links, calls and check-ins. With one key for all, hers would repeat.
        var every = links.SelectMany(l => new[] { l.OwnerIndex, l.MemberIndex }).Append(sosIndex).Append(checkinIndex).Select(Convert.ToHexString).ToList();
        Assert.Equal(6, every.Distinct().Count());

        var files = await SeizedDisk.FilesAsync(store);
        await SeizedDisk.AssertHoldsNoneAsync(files, canaries);
        await SeizedDisk.AssertHoldsAsync(files, Kalkan.Audit.AuditActions.NetworkCreated); // clear by design: the files searched are the store's
    }
}
