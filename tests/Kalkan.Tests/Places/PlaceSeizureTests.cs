using Kalkan.Tests.Security;

namespace Kalkan.Tests.Places;

/// <summary>
/// Police who take the server must not learn where the network gathers or who helps it: a place's
/// name, district, hours, contact and note are in no seized file (data folder, logs, and on
/// PostgreSQL the cluster's files).
/// </summary>
public class PlaceSeizureTests
{
    [Theory, Stores]
    public async Task A_stopped_servers_files_hold_no_part_of_a_safe_place(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var canaries = new Dictionary<string, string>
        {
            ["name"] = "canary-place-name-4e1b",
            ["district"] = "canary-district-90ac",
            ["hours"] = "canary-hours-1f7d",
            ["language"] = "canary-language-5c2e",
            ["contact"] = "canary-contact-b83a",
            ["note"] = "canary-place-note-d04f",
            ["corrected name"] = "canary-corrected-name-77e0",
        };
        await using (var kalkan = await KalkanFactory.StartAsync(store))
        {
            var (defender, _) = await kalkan.MemberAsync("defender");
            var added = await defender.PostAsJsonAsync("/api/v1/places", new
            {
                name = canaries["name"], kind = "community_space", district = canaries["district"], hours = canaries["hours"],
                languages = new[] { canaries["language"] }, contact = canaries["contact"], note = canaries["note"],
            });
            added.EnsureSuccessStatusCode();
            var id = (await added.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString();
            (await defender.PutAsJsonAsync($"/api/v1/places/{id}", new { name = canaries["corrected name"], kind = "community_space", district = canaries["district"] }))
                .EnsureSuccessStatusCode();
            // A refused correction carries the values too: they must not reach a log line.
            await defender.PutAsJsonAsync($"/api/v1/places/{id}", new { name = canaries["name"], kind = "bar", district = canaries["district"] });
        }

        var files = await SeizedDisk.FilesAsync(store);
        await SeizedDisk.AssertHoldsNoneAsync(files, canaries.ToDictionary(c => c.Key, c => SeizedDisk.FormsOf(c.Value)));
        await SeizedDisk.AssertHoldsAsync(files, "safe_places"); // the table is there, in clear by design: the files searched are the store's
    }
}
