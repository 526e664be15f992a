using Kalkan.Identity.Members;

namespace Kalkan.Tests.Security;

/// <summary>
/// An officer forces a defender to sign in and watches: the duress passphrase must open something
/// that answers like her account on every call, while the defenders are warned, and the warning
/// outlives a restart. A seized disk must not say which account is the decoy.
/// </summary>
public class DuressAttackTests
{
    [Theory, Stores]
    public async Task A_duress_sign_in_and_a_real_one_answer_the_same_role_and_fields_on_every_account_call(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (gulnara, _) = await kalkan.MemberWithDuressAsync("defender", handle: "Gulnara");
        var real = await kalkan.Api().PostAsJsonAsync("/api/v1/session", new { handle = "Gulnara", passphrase = Scenario.MemberPassphrase });
        var forced = await kalkan.Api().PostAsJsonAsync("/api/v1/session", new { handle = "Gulnara", passphrase = Scenario.DuressPassphrase });
        var forcedBody = await forced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("defender", forcedBody.GetProperty("role").GetString());
        Assert.Equal("defender", (await real.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        var officer = kalkan.Api().WithToken(forcedBody.GetProperty("token").GetString()!);

        // She sets up a second factor afterwards: her decoy shows it too.
        await gulnara.SetUpSecondFactorAsync();

        var hers = await gulnara.GetFromJsonAsync<JsonElement>("/api/v1/account");
        var decoy = await officer.GetFromJsonAsync<JsonElement>("/api/v1/account");
        Assert.Equal("defender", decoy.GetProperty("role").GetString());
        Assert.True(decoy.GetProperty("secondFactor").GetBoolean());
        Assert.Equal(hers.GetRawText(), decoy.GetRawText());

        // Each passphrase-checking endpoint takes the passphrase that opened the session, and answers alike.
        foreach (var (client, opened) in new[] { (gulnara, Scenario.MemberPassphrase), (officer, Scenario.DuressPassphrase) })
        {
            var replace = await client.PostAsJsonAsync("/api/v1/account/second-factor", new { passphrase = opened });
            Assert.Equal("code", Fields(await replace.ProblemAsync(HttpStatusCode.BadRequest)));
            var wrong = await client.PostAsJsonAsync("/api/v1/account/passphrase", new { current = "not the passphrase at all", @new = "a brand new passphrase" });
            Assert.Equal("current", Fields(await wrong.ProblemAsync()));
            var checkin = (await (await client.PostAsJsonAsync("/api/v1/checkins", new { dueAt = DateTimeOffset.UtcNow.AddHours(1) })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/checkins/{checkin}/done", new { passphrase = opened })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PutAsJsonAsync("/api/v1/account/duress", new { passphrase = Scenario.DuressPassphrase, duress = "another duress passphrase" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await officer.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/account/duress") { Content = JsonContent.Create(new { passphrase = Scenario.DuressPassphrase }) })).StatusCode);
        // ... and none of it touched hers.
        Assert.Equal(hers.GetRawText(), (await gulnara.GetFromJsonAsync<JsonElement>("/api/v1/account")).GetRawText());
    }

    [Theory, Stores]
    public async Task The_duress_warning_is_on_calls_and_the_console_after_a_restart(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        string defenderHandle;
        await using (var kalkan = await KalkanFactory.StartAsync(store))
        {
            var (aizada, _) = await kalkan.MemberWithDuressAsync(handle: "Aizada");
            defenderHandle = "defender-" + Guid.NewGuid().ToString("N")[..6];
            var (defender, _) = await kalkan.MemberAsync("defender", handle: defenderHandle);
            await using var stream = await EventStreamClient.OpenAsync(defender);

            await kalkan.Api().SignInAsync("Aizada", Scenario.DuressPassphrase);

            var warning = await stream.NextAsync("duress", TimeSpan.FromSeconds(5)); // stored before it is sent
            Assert.Equal("Aizada", warning.Data.GetProperty("handle").GetString());
            Assert.Contains("<h2>Possible duress · Aizada", await defender.GetStringAsync("/calls"));
        }

        await using var restarted = new KalkanFactory(store);
        Assert.Equal(HttpStatusCode.OK, (await restarted.Api().PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = Scenario.UnsealPassphrase })).StatusCode);
        var again = restarted.Api().WithToken(await restarted.Api().SignInAsync(defenderHandle, Scenario.MemberPassphrase));
        foreach (var page in new[] { "/calls", "/console/alerts" })
        {
            var html = await again.GetStringAsync(page);
            Assert.Contains("<h2>Possible duress · Aizada", html);
        }

        // A defender who dealt with it resolves it, and it is gone.
        var browser = restarted.Browser().WithToken(again.DefaultRequestHeaders.Authorization!.Parameter!);
        var id = System.Text.RegularExpressions.Regex.Match(await browser.GetStringAsync("/calls"), "name=\"id\" value=\"([0-9a-f-]{36})\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync("/calls?handler=ResolveDuress", new() { ["id"] = id })).StatusCode);
        Assert.DoesNotContain("<h2>Possible duress", await again.GetStringAsync("/calls"));
    }

    [Theory, Stores]
    public async Task A_duress_check_in_raises_the_same_warning_for_the_defenders(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (aizada, _) = await kalkan.MemberWithDuressAsync(handle: "Aizada");
        var (defender, _) = await kalkan.MemberAsync("defender");
        await using var stream = await EventStreamClient.OpenAsync(defender);
        var checkin = (await (await aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = DateTimeOffset.UtcNow.AddHours(1) })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await aizada.PostAsJsonAsync($"/api/v1/checkins/{checkin}/done", new { passphrase = Scenario.DuressPassphrase })).StatusCode);

        var warning = await stream.NextAsync("duress", TimeSpan.FromSeconds(5));
        Assert.Equal("check-in", warning.Data.GetProperty("reason").GetString());
        Assert.Contains("Aizada", await defender.GetStringAsync("/calls"));
    }

    [Fact]
    public async Task On_a_seized_disk_no_column_says_which_account_is_a_decoy_or_has_a_duress_passphrase()
    {
        await using var kalkan = await KalkanFactory.StartAsync(Store.Sqlite);
        var (aizada, aizadaId) = await kalkan.MemberAsync(handle: "Aizada");
        var (_, cholponId) = await kalkan.MemberAsync(handle: "Cholpon");
        await aizada.SetDuressPassphraseAsync();
        await kalkan.Api().SignInAsync("Aizada", Scenario.DuressPassphrase);

        await using var scope = kalkan.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
        var columns = db.Model.FindEntityType(typeof(Member))!.GetProperties().Select(p => p.GetColumnName()).ToList();
        Assert.DoesNotContain(columns, c => c.Contains("Decoy", StringComparison.OrdinalIgnoreCase) || c.Contains("DuressHash", StringComparison.OrdinalIgnoreCase));
        var rows = await db.Members.AsNoTracking().ToListAsync();
        Assert.Equal(4, rows.Count); // the admin, Aizada, Cholpon and Aizada's decoy
        Assert.Single(rows.Select(r => r.DuressSealed.Length).Distinct());
        // The decoy's row has the shape of any member's: nothing null that is set on hers, nothing longer or shorter.
        var decoy = rows.Single(r => r.Id != aizadaId && r.Id != cholponId && r.Role != "admin");
        Assert.Equal(Shape(rows.Single(r => r.Id == cholponId)), Shape(decoy));
        foreach (var row in rows)
            Assert.True(row.DuressSealed.AsSpan().IndexOf(aizadaId.ToByteArray()) < 0);
    }

    static string Shape(Member m) =>
        $"{m.Role}|{m.InvitedBySealed?.Length}|{m.RevokedAt is null}|{m.TotpSecretSealed is null}|{m.TotpEnabled}|{m.HandleIndex.Length}|{m.DuressSealed.Length}|{m.PassphraseHash.Length}";

    static string Fields(JsonElement problem) => string.Join(",", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
}
