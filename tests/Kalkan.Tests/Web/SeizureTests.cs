using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Kalkan.Tests.Web;

/// <summary>
/// Police take the server. Every sensitive value the store holds carries a distinct canary; after
/// the server stops, no file in the data folder (database, WAL, logs) contains any of them, in
/// UTF-8 or UTF-16. Later features add their fields here.
/// </summary>
public class SeizureTests
{
    [Fact]
    public async Task A_stopped_servers_data_folder_holds_no_plaintext_of_any_sensitive_value()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        var secrets = new List<byte[]>();
        var canaries = new Dictionary<string, string>
        {
            ["network name"] = "canary-network-7f3a",
            ["admin handle"] = "canary-handle-91bd",
            ["admin passphrase"] = "canary-admin-passphrase-44c1",
            ["unseal passphrase"] = "canary-unseal-passphrase-e2d0",
            ["member handle"] = "canary-member-5b17",
            ["member passphrase"] = "canary-member-passphrase-0c3e",
            ["duress passphrase"] = "canary-duress-passphrase-a9f2",
        };
        string token;
        await using (var kalkan = new KalkanFactory(store))
        {
            await kalkan.SetUpAsync(canaries["network name"], canaries["admin handle"], canaries["admin passphrase"], canaries["unseal passphrase"]);
            var api = kalkan.Api();
            token = await api.SignInAsync(canaries["admin handle"], canaries["admin passphrase"]);
            // A failed sign-in and a bad body must not leave the values they carried in a log either.
            await api.PostAsJsonAsync("/api/v1/session", new { handle = canaries["admin handle"], passphrase = "wrong-" + canaries["admin passphrase"] });
            await api.PostAsync("/api/v1/session", new StringContent("{\"handle\":\"" + canaries["admin handle"] + "\",", Encoding.UTF8, "application/json"));
            await api.PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = canaries["unseal passphrase"] });

            // A member who joined with an invitation, set a duress passphrase and a second factor.
            var admin = kalkan.Api().WithToken(token);
            var invite = await (await admin.PostAsJsonAsync("/api/v1/invites", new { role = "defender" })).Content.ReadFromJsonAsync<JsonElement>();
            canaries["invitation code"] = invite.GetProperty("code").GetString()!;
            canaries["invitation code, as typed"] = canaries["invitation code"].Replace("-", "");
            await api.PostAsJsonAsync("/api/v1/join", new { code = canaries["invitation code"], handle = canaries["member handle"], passphrase = canaries["member passphrase"] });
            var member = kalkan.Api().WithToken(await api.SignInAsync(canaries["member handle"], canaries["member passphrase"]));
            await member.PutAsJsonAsync("/api/v1/account/duress", new { passphrase = canaries["member passphrase"], duress = canaries["duress passphrase"] });
            var enrol = await (await member.PostAsJsonAsync("/api/v1/account/second-factor", new { passphrase = canaries["member passphrase"] })).Content.ReadFromJsonAsync<JsonElement>();
            canaries["second-factor secret"] = enrol.GetProperty("secret").GetString()!;
            secrets.Add(Base32.Decode(canaries["second-factor secret"]));
            await api.SignInAsync(canaries["member handle"], canaries["duress passphrase"]);

            // An incident documented, sealed, read and corrected: every sensitive part carries a canary.
            canaries["incident narrative"] = "canary-narrative-3d8e";
            canaries["victim pseudonym"] = "canary-victim-6a41";
            canaries["witness pseudonym"] = "canary-witness-b70c";
            canaries["incident place"] = "canary-place-1f95";
            canaries["perpetrator badge"] = "canary-badge-8c22";
            canaries["perpetrator plate"] = "canary-plate-4e07";
            canaries["perpetrator description"] = "canary-description-d513";
            canaries["perpetrator unit"] = "canary-unit-0b6f";
            canaries["act details"] = "canary-act-details-97aa";
            var incident = new Dictionary<string, object?>
            {
                ["occurredOn"] = "2026-10-03", ["place"] = canaries["incident place"], ["lat"] = 42.8712345, ["lon"] = 74.5912345,
                ["violations"] = new object[] { new { code = "extortion", details = canaries["act details"] } },
                ["narrative"] = canaries["incident narrative"],
                ["victims"] = new[] { new { pseudonym = canaries["victim pseudonym"] } },
                ["witnesses"] = new[] { new { pseudonym = canaries["witness pseudonym"] } },
                ["perpetrators"] = new[] { new { kind = "police", unit = canaries["perpetrator unit"], badge = canaries["perpetrator badge"],
                    vehiclePlate = canaries["perpetrator plate"], description = canaries["perpetrator description"] } },
                ["consent"] = new { aggregate = true, advocacy = true, legal = true }, ["seal"] = true,
            };
            var recorded = await admin.PostAsJsonAsync("/api/v1/incidents", incident);
            var incidentId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await admin.GetAsync($"/api/v1/incidents/{incidentId}");
            await admin.PostAsJsonAsync("/api/v1/perpetrators/match", new { badge = canaries["perpetrator badge"], vehiclePlate = canaries["perpetrator plate"] });
            incident["correction"] = "a second version";
            await admin.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/versions", incident);
        }
        canaries["session token"] = token;

        var files = Directory.EnumerateFiles(store.DataDir, "*", SearchOption.AllDirectories).ToList();
        Assert.Equal(20, canaries.Count); // every value planted above, so none is skipped by mistake
        Assert.Contains(files, f => f.EndsWith("kalkan.db"));
        Assert.Contains(files, f => f.EndsWith("kalkan.log"));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var secret in secrets)
                Assert.False(Contains(bytes, secret), $"raw second-factor secret in {Path.GetFileName(file)}");
            foreach (var (what, canary) in canaries)
            {
                Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(canary)), $"{what} in plaintext in {Path.GetFileName(file)}");
                Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(canary)), $"{what} in UTF-16 in {Path.GetFileName(file)}");
            }
        }
    }

    static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

}
