using Kalkan.Audit;
using Kalkan.Incidents;

namespace Kalkan.Tests.Incidents;

public class IncidentAuditTests
{
    [Theory, Stores]
    public async Task Every_create_seal_version_link_and_read_is_in_the_chain_without_plaintext_and_an_altered_sealed_version_breaks_verify(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        long sealedEntry;
        await using (var kalkan = await KalkanFactory.StartAsync(store))
        {
            var (documenter, _) = await kalkan.MemberAsync("documenter");
            var first = await documenter.RecordAsync(IncidentSamples.Incident(seal: true));
            var id = first.GetProperty("id").GetGuid();
            var profile = (await documenter.IncidentAsync(id)).GetProperty("perpetrators")[0].GetProperty("profile").GetGuid();
            var second = IncidentSamples.Incident(victim: "Nurgul");
            second["perpetrators"] = new[] { new { kind = "police", profile } };
            await documenter.RecordAsync(second);
            var correction = IncidentSamples.Incident(narrative: "corrected");
            correction["seal"] = true;
            await documenter.PostAsync($"/api/v1/incidents/{id}/versions", System.Net.Http.Json.JsonContent.Create(correction));

            await using var scope = kalkan.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
            var entries = await db.Set<AuditEntry>().OrderBy(e => e.Sequence).ToListAsync();
            var actions = entries.Select(e => e.Action).ToList();
            foreach (var action in new[] { IncidentActions.Created, IncidentActions.Sealed, IncidentActions.Linked, IncidentActions.Versioned, IncidentActions.Read })
                Assert.Contains(action, actions);
            var text = string.Join("\n", entries.Select(e => e.Action + " " + e.Subject));
            foreach (var plaintext in new[] { "Aizada", "Nurgul", "KG 4471", "bus station", "demanded money", "Oktyabrsky", "corrected" })
                Assert.DoesNotContain(plaintext, text, StringComparison.OrdinalIgnoreCase);
            Assert.Null(await scope.ServiceProvider.GetRequiredService<AuditChain>().FirstBrokenAsync(default));
            sealedEntry = entries.First(e => e.Action == IncidentActions.Sealed).Sequence;
        }

        var intact = await KalkanProcess.RunAsync(["audit", "verify", .. KalkanProcess.Store(store)]);
        Assert.True(intact.ExitCode == 0, intact.Output);

        // Someone with the store rewrites the district of the first sealed version in place.
        await using (var kalkan = new KalkanFactory(store))
        {
            await using var scope = kalkan.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
            var changed = await db.Set<IncidentVersion>().Where(v => v.Number == 1 && v.SealedAt != null)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.District, "Elsewhere"));
            Assert.Equal(1, changed);
        }
        var tampered = await KalkanProcess.RunAsync(["audit", "verify", .. KalkanProcess.Store(store)]);
        Assert.NotEqual(0, tampered.ExitCode);
        Assert.Contains($"entry {sealedEntry}", tampered.Output);
    }
}
