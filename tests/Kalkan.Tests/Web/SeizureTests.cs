using Kalkan.Alerts;
using Kalkan.Identity.Members;
using Kalkan.Seal;
using Kalkan.Tests.Security;

namespace Kalkan.Tests.Web;

/// <summary>
/// Police take the server. Every sensitive value the store holds carries a distinct canary; after
/// the server stops, no seized file (data folder, logs, and on PostgreSQL the cluster's files)
/// holds any of them in any form. And what is there says less: hashes that cannot be checked
/// without the root key, no inviter, no place of an alert or landmark, no tile name or content,
/// no time in the anonymous history. Later features add their fields here.
/// </summary>
public class SeizureTests
{
    const double AlertLat = 42.8712345678901, AlertLon = 74.5987654321012, LandmarkLat = 42.7654321098765, LandmarkLon = 74.4321098765432;
    const int TileZ = 17, TileX = 98765, TileY = 54321;
    static readonly byte[] Tile = [0x89, .. "PNG\r\n\x1a\ncanary-tile-content-5e2a"u8];

    [Theory, Stores]
    public async Task A_stopped_servers_files_hold_no_plaintext_of_any_sensitive_value_and_say_less(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var tiles = await FakeTileServer.StartAsync(Tile);
        var clock = new ShiftedClock();
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
            ["alert note"] = "canary-alert-note-61d0",
            ["landmark name"] = "canary-landmark-2c8e",
        };
        string token, memberHash;
        Guid adminId, memberId;
        var history = new List<AlertHistory>();
        var memberRow = new List<object>();
        await using (var kalkan = new KalkanFactory(store, new Dictionary<string, string?>
        {
            ["Map:TileUrl"] = tiles.Urls.Single() + "/{z}/{x}/{y}.png",
            ["Alerts:Lifetime:patrol"] = "00:01:00",
        }) { Clock = clock })
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


            // A named place, an active alert, a map tile looked at, and an alert that expired into the history.
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/landmarks", new { name = canaries["landmark name"], lat = LandmarkLat, lon = LandmarkLon })).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/alerts", new { kind = "checkpoint", lat = AlertLat, lon = AlertLon, note = canaries["alert note"] })).StatusCode);
            await using (var control = kalkan.Services.CreateAsyncScope())
            {
                // A value kept in clear on purpose, written where the seized store must show it.
                var audit = control.ServiceProvider.GetRequiredService<Kalkan.Audit.AuditChain>();
                await audit.RecordAsync("canary-kind-clear-8d4b", null, default);
            }
            var tile = await member.GetAsync($"/tiles/{TileZ}/{TileX}/{TileY}.png");
            Assert.Equal(Tile, await tile.Content.ReadAsByteArrayAsync());
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/alerts", new { kind = "patrol", lat = 42.9, lon = 74.7 })).StatusCode);
            clock.Advance(TimeSpan.FromMinutes(10));
            await kalkan.Services.GetRequiredService<AlertExpiry>().SweepAsync(default);

            await using var scope = kalkan.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
            var accounts = scope.ServiceProvider.GetRequiredService<MemberAccounts>();
            adminId = (await db.Members.SingleAsync(m => m.HandleIndex == accounts.IndexOf(canaries["admin handle"]))).Id;
            var joined = await db.Members.SingleAsync(m => m.HandleIndex == accounts.IndexOf(canaries["member handle"]));
            (memberId, memberHash) = (joined.Id, joined.PassphraseHash);
            Assert.Equal(adminId, accounts.InviterOf(joined.Id, joined.InvitedBySealed)); // the tree is there, sealed
            Assert.True(scope.ServiceProvider.GetRequiredService<PassphraseHasher>().Verify(canaries["member passphrase"], memberHash));
            history.AddRange(await db.Set<AlertHistory>().AsNoTracking().ToListAsync());
            memberRow.AddRange(await RowAsync(db, Member.Table, memberId));
        }
        canaries["session token"] = token;

        var files = await SeizedDisk.FilesAsync(store);
        Assert.Equal(22, canaries.Count); // every value planted above, so none is skipped by mistake
        if (kind == Store.Sqlite) Assert.Contains(files, f => f.EndsWith("kalkan.db"));
        Assert.Contains(files, f => f.EndsWith("kalkan.log"));
        var forms = canaries.ToDictionary(c => c.Key, c => SeizedDisk.FormsOf(c.Value));
        forms["second-factor secret, raw"] = [.. secrets];
        forms["alert latitude"] = SeizedDisk.FormsOf(AlertLat);
        forms["alert longitude"] = SeizedDisk.FormsOf(AlertLon);
        forms["landmark latitude"] = SeizedDisk.FormsOf(LandmarkLat);
        forms["landmark longitude"] = SeizedDisk.FormsOf(LandmarkLon);
        forms["map tile"] = [Tile[8..]];
        await SeizedDisk.AssertHoldsNoneAsync(files, forms);
        await SeizedDisk.AssertHoldsAsync(files, "canary-kind-clear-8d4b");

        // The tiles' files do not say which area was viewed.
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(store.DataDir, "*", SearchOption.AllDirectories),
            f => f.Contains(TileX.ToString()) || f.Contains(TileY.ToString()));
        // A seized hash cannot be checked without the root key, not even with the right passphrase.
        Assert.False(MatchesWithoutPepper(canaries["member passphrase"], memberHash), "the passphrase hash is not peppered");
        // Her row does not name who invited her.
        Assert.DoesNotContain(memberRow, value => Names(value, adminId));
        // The anonymous history carries no time in its ids.
        Assert.Equal("patrol", Assert.Single(history).Kind);
        Assert.All(history, h => Assert.Equal(4, h.Id.Version));
    }

    /// <summary>Argon2id of the passphrase with the stored salt and cost, as someone holding only the disk would compute it.</summary>
    static bool MatchesWithoutPepper(string passphrase, string phc)
    {
        var parts = phc.Split('$');
        var cost = parts[3].Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        byte[] B64(string s) => Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
        var stored = B64(parts[5]);
        var guess = PassphraseKdf.Derive(Encoding.UTF8.GetBytes(passphrase), B64(parts[4]), new KdfParameters(int.Parse(cost["m"]), int.Parse(cost["t"]), int.Parse(cost["p"])), stored.Length);
        return guess.AsSpan().SequenceEqual(stored);
    }

    /// <summary>Every column of one row but its id, as the store holds it.</summary>
    static async Task<List<object>> RowAsync(KalkanDb db, string table, Guid id)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetValue);
            if (Names(values["Id"], id)) return values.Where(v => v.Key != "Id").Select(v => v.Value).ToList();
        }
        throw new InvalidOperationException("no such row");
    }

    static bool Names(object value, Guid id) => value switch
    {
        Guid g => g == id,
        byte[] b => b.AsSpan().IndexOf(id.ToByteArray()) >= 0 || Names(Encoding.UTF8.GetString(b), id),
        string s => s.Contains(id.ToString("N"), StringComparison.OrdinalIgnoreCase) || s.Contains(id.ToString("D"), StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
