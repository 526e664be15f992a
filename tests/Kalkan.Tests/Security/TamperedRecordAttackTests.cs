using Kalkan.Cases;
using Kalkan.Delivery.Push;
using Kalkan.Identity.Members;
using Kalkan.Places;
using Kalkan.Tests.Alerts;
using Kalkan.Tests.Cases;
using Kalkan.Tests.Incidents;
using Kalkan.Tests.Members;
using Kalkan.Tests.Places;
using Kalkan.Tests.Warnings;
using Kalkan.Warnings;
using Microsoft.AspNetCore.WebUtilities;

namespace Kalkan.Tests.Security;

/// <summary>
/// Someone with the disk flips a byte of one sealed field of one record. Before, the whole list it belongs to failed
/// with it: the defenders could not see the network's members or cut anyone off (the invitation tree opens every
/// member), members lost every warning about a dangerous client, defenders every case, everyone the safe places.
/// Now that record is left out (counted in the log, never named) and the others are there.
/// </summary>
public class TamperedRecordAttackTests
{
    [Theory, Stores]
    public async Task A_member_changed_on_disk_stays_listed_and_revocable_and_so_do_the_others(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (seized, seizedId) = await kalkan.MemberAsync();
        var (_, changedName) = await kalkan.MemberAsync();
        var (changedState, changedStateId) = await kalkan.MemberAsync();
        await kalkan.ChangeOnDiskAsync<Member>(changedName, "HandleSealed");
        await kalkan.ChangeOnDiskAsync<Member>(changedStateId, "DuressSealed"); // read for every member when the tree is drawn

        var listed = (await defender.GetFromJsonAsync<JsonElement>("/api/v1/members")).EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetGuid(), m => m.GetProperty("handle").GetString());
        Assert.Contains(seizedId, listed.Keys);
        Assert.Equal("", listed[changedName]); // listed without her name, so that she can still be cut off
        Assert.Contains(changedStateId, listed.Keys);

        foreach (var (client, id) in new[] { (seized, seizedId), (changedState, changedStateId) })
        {
            Assert.Equal(HttpStatusCode.OK, (await defender.PostAsJsonAsync($"/api/v1/members/{id}/revoke", new { branch = true })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/alerts")).StatusCode);
        }
    }

    [Theory, Stores]
    public async Task A_decoy_stays_hidden_and_goes_with_her_when_one_of_their_duress_states_changed_on_disk(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (_, aizada) = await kalkan.MemberWithDuressAsync(handle: "Aizada");
        var (_, cholpon) = await kalkan.MemberWithDuressAsync(handle: "Cholpon");
        var decoys = await DecoysOfAsync(kalkan, aizada, cholpon);
        await kalkan.ChangeOnDiskAsync<Member>(decoys[0], "DuressSealed"); // Aizada's decoy: her own state still names it
        await kalkan.ChangeOnDiskAsync<Member>(cholpon, "DuressSealed"); // Cholpon herself: her decoy's state still names her

        var listed = (await defender.GetFromJsonAsync<JsonElement>("/api/v1/members")).EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(aizada, listed);
        Assert.Contains(cholpon, listed);
        Assert.DoesNotContain(decoys[0], listed);
        Assert.DoesNotContain(decoys[1], listed);

        Assert.Equal(HttpStatusCode.OK, (await defender.PostAsJsonAsync($"/api/v1/members/{cholpon}/revoke", new { })).StatusCode);
        using var scope = kalkan.Services.CreateScope();
        Assert.NotNull((await scope.ServiceProvider.GetRequiredService<KalkanDb>().Members.AsNoTracking().SingleAsync(m => m.Id == decoys[1])).RevokedAt);
    }

    static async Task<List<Guid>> DecoysOfAsync(KalkanFactory kalkan, params Guid[] owners)
    {
        using var scope = kalkan.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
        var accounts = scope.ServiceProvider.GetRequiredService<MemberAccounts>();
        var decoys = new List<Guid>();
        foreach (var owner in owners) decoys.Add(accounts.DuressOf(await db.Members.AsNoTracking().SingleAsync(m => m.Id == owner)).DecoyId!.Value);
        return decoys;
    }

    [Theory, Stores]
    public async Task A_branch_revoked_through_a_member_whose_inviter_changed_on_disk_says_how_many_it_could_not_place(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var admin = await kalkan.AdminAsync();
        var (inviter, inviterId) = await kalkan.MemberAsync("defender");
        var (invited, invitedId) = await InvitationTests.JoinAsync(kalkan, inviter, "member", "Invited");
        await kalkan.ChangeOnDiskAsync<Member>(invitedId, "InvitedBySealed");

        var revoke = await admin.PostAsJsonAsync($"/api/v1/members/{inviterId}/revoke", new { branch = true });

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var answer = await revoke.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, answer.GetProperty("revoked").GetInt32());
        Assert.Equal(1, answer.GetProperty("unplaced").GetInt32()); // the defender is told the branch may reach further
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/members/{invitedId}/revoke", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await invited.GetAsync("/api/v1/alerts")).StatusCode);
    }

    [Theory, Stores]
    public async Task The_members_page_tells_the_defender_who_revoked_a_branch_that_it_may_reach_further_than_was_revoked(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        await kalkan.MemberAsync("defender", handle: "Cholpon");
        var page = await kalkan.SignedInBrowserAsync("Cholpon");
        var (root, rootId) = await kalkan.MemberAsync("defender");
        var (_, invitedId) = await InvitationTests.JoinAsync(kalkan, root, "member", "Invited");
        await kalkan.ChangeOnDiskAsync<Member>(invitedId, "InvitedBySealed");

        var revoked = await page.SubmitAsync("/members?handler=Revoke", new() { ["id"] = rootId.ToString(), ["branch"] = "true" });

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var html = await revoked.Content.ReadAsStringAsync();
        Assert.Contains("Revoked: 1.", html);
        Assert.Contains("Members not revoked because their inviter could not be read (their record changed on disk): 1.", html);
        var later = await page.GetStringAsync("/members");
        Assert.DoesNotContain("Members not revoked", later); // said once, after the revocation
        Assert.Contains("inviter could not be read", later); // and which one she is
    }

    [Theory, Stores]
    public async Task Another_members_inviter_changed_on_disk_does_not_keep_her_from_deleting_her_account(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (inviter, _) = await kalkan.MemberAsync("defender");
        var (leaving, _) = await InvitationTests.JoinAsync(kalkan, inviter, "member", "Leaving");
        var (_, otherId) = await InvitationTests.JoinAsync(kalkan, inviter, "member", "Staying");
        await kalkan.ChangeOnDiskAsync<Member>(otherId, "InvitedBySealed");

        var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/account") { Content = JsonContent.Create(new { passphrase = InvitationTests.JoinPassphrase }) };

        Assert.Equal(HttpStatusCode.NoContent, (await leaving.SendAsync(delete)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await kalkan.Api().PostAsJsonAsync("/api/v1/session", new { handle = "Leaving", passphrase = InvitationTests.JoinPassphrase })).StatusCode);
    }

    [Theory, Stores]
    public async Task A_warning_changed_on_disk_leaves_the_others_on_members_phones_and_defenders_can_withdraw_it(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender", handle: "Cholpon");
        var (member, _) = await kalkan.MemberAsync();
        var ids = new List<Guid>();
        foreach (var phone in new[] { "+996 555 000 001", "+996 555 000 002", "+996 555 000 003" })
            ids.Add(await defender.PublishAsync(WarningSamples.Warning(phone: phone)));
        await kalkan.ChangeOnDiskAsync<Warning>(ids[1], "DescriptionSealed");
        await kalkan.ChangeOnDiskAsync<Warning>(ids[2], "PhoneSealed");

        Assert.Equal(new HashSet<Guid> { ids[0] }, await member.ListedIdsAsync("/api/v1/warnings"));
        // Defenders see it, marked, with nothing sealed shown, so that they can take it off the checks.
        var all = (await defender.GetFromJsonAsync<JsonElement>("/api/v1/warnings/all")).EnumerateArray().ToDictionary(w => w.GetProperty("id").GetGuid());
        Assert.Equal(ids.ToHashSet(), all.Keys.ToHashSet());
        Assert.True(all[ids[1]].GetProperty("unreadable").GetBoolean());
        Assert.Equal("", all[ids[1]].GetProperty("description").GetString());
        Assert.True(all[ids[2]].GetProperty("unreadable").GetBoolean());
        Assert.Equal("", all[ids[2]].GetProperty("description").GetString()); // whichever field changed, nothing of the row is shown
        Assert.True(!all[ids[2]].TryGetProperty("phone", out var phoneShown) || phoneShown.ValueKind == JsonValueKind.Null);
        Assert.False(all[ids[0]].GetProperty("unreadable").GetBoolean());
        // It is not given months more of matching checks that nobody can read.
        var expiry = all[ids[1]].GetProperty("expiresAt").GetDateTimeOffset();
        Assert.Equal(HttpStatusCode.Conflict, (await defender.PostAsJsonAsync($"/api/v1/warnings/{ids[1]}/renew", new { })).StatusCode);
        Assert.Equal(expiry, (await defender.GetFromJsonAsync<JsonElement>("/api/v1/warnings/all")).EnumerateArray()
            .Single(w => w.GetProperty("id").GetGuid() == ids[1]).GetProperty("expiresAt").GetDateTimeOffset());
        var console = await (await kalkan.SignedInBrowserAsync("Cholpon")).GetStringAsync("/console/warnings");
        Assert.Contains("This warning could not be opened: it was changed on disk.", console);

        // Until withdrawn it still matches a check, through its blind index; then it does not.
        async Task<int> MatchesAsync() => (await (await member.PostAsJsonAsync("/api/v1/warnings/check", new { phone = "+996 555 000 002" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matches").GetArrayLength();
        Assert.Equal(1, await MatchesAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await defender.PostAsJsonAsync($"/api/v1/warnings/{ids[1]}/withdraw", new { })).StatusCode);
        Assert.Equal(new HashSet<Guid> { ids[0], ids[2] }, await defender.ListedIdsAsync("/api/v1/warnings/all"));
        Assert.Equal(0, await MatchesAsync());
    }

    [Theory, Stores]
    public async Task A_members_report_changed_on_disk_leaves_the_others_in_the_defenders_review_queue_and_can_be_discarded(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender", handle: "Cholpon");
        var (member, _) = await kalkan.MemberAsync();
        foreach (var description in new[] { "He followed her home", "He took her phone" })
            Assert.Equal(HttpStatusCode.Accepted, (await member.PostAsJsonAsync("/api/v1/warnings/reports", WarningSamples.Warning(description: description))).StatusCode);
        var byDescription = (await defender.GetFromJsonAsync<JsonElement>("/api/v1/warnings/reports")).EnumerateArray()
            .ToDictionary(r => r.GetProperty("description").GetString()!, r => r.GetProperty("id").GetGuid());
        Guid[] reports = [byDescription["He followed her home"], byDescription["He took her phone"]];
        await kalkan.ChangeOnDiskAsync<WarningReport>(reports[0], "DescriptionSealed");

        var queue = (await defender.GetFromJsonAsync<JsonElement>("/api/v1/warnings/reports")).EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid());
        Assert.Equal(reports.ToHashSet(), queue.Keys.ToHashSet());
        Assert.True(queue[reports[0]].GetProperty("unreadable").GetBoolean());
        Assert.Equal("", queue[reports[0]].GetProperty("description").GetString());
        Assert.Equal("He took her phone", queue[reports[1]].GetProperty("description").GetString());
        var console = await kalkan.SignedInBrowserAsync("Cholpon");
        Assert.Contains("This report could not be opened: it was changed on disk. Discard it.", await console.GetStringAsync("/console/warnings"));

        var discarded = await console.SubmitAsync("/console/warnings?handler=Discard", new() { ["id"] = reports[0].ToString() });
        Assert.Equal(HttpStatusCode.OK, discarded.StatusCode);
        Assert.Equal(new HashSet<Guid> { reports[1] }, await defender.ListedIdsAsync("/api/v1/warnings/reports"));
    }

    [Theory, Stores]
    public async Task An_invitation_code_changed_on_disk_leaves_her_other_codes_listed(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var kept = await InvitationTests.InviteAsync(defender, "member");
        var before = await InvitationIdsAsync(kalkan);
        await InvitationTests.InviteAsync(defender, "member");
        await kalkan.ChangeOnDiskAsync<Invitation>((await InvitationIdsAsync(kalkan)).Except(before).Single(), "CodeSealed");

        var open = await defender.GetFromJsonAsync<JsonElement>("/api/v1/invites");
        Assert.Equal(kept, Assert.Single(open.EnumerateArray()).GetProperty("code").GetString());
    }

    [Theory, Stores]
    public async Task A_case_changed_on_disk_leaves_the_others_on_the_defenders_and_the_complainants_lists(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (complainant, _) = await kalkan.MemberAsync(handle: "aizada-phone");
        var cases = new List<Guid>();
        foreach (var title in new[] { "First complaint", "Second complaint" })
            cases.Add((await CaseSamples.FileAsync(defender, build: i => CaseSamples.Case(i, member: "aizada-phone", title: title))).Case);
        await kalkan.ChangeOnDiskAsync<Case>(cases[0], "TitleSealed");

        Assert.Equal(new HashSet<Guid> { cases[1] }, await defender.ListedIdsAsync("/api/v1/cases"));
        Assert.Equal(new HashSet<Guid> { cases[1] }, await complainant.ListedIdsAsync("/api/v1/cases/mine"));
    }

    [Theory, Stores]
    public async Task An_assignee_changed_on_disk_does_not_keep_the_cases_other_defender_from_being_warned(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (filer, filerId) = await kalkan.MemberAsync("defender");
        var (second, _) = await kalkan.MemberAsync("defender", handle: "second-defender");
        var (documenter, _) = await kalkan.MemberAsync("documenter");
        var (id, _) = await CaseSamples.FileAsync(filer, CaseSamples.LoneIncident(victim: "Aizada", badge: "KG 1"), i => CaseSamples.Case(i, assignees: ["second-defender"]));
        Guid filersRow;
        using (var scope = kalkan.Services.CreateScope())
        {
            var index = scope.ServiceProvider.GetRequiredService<CaseKeys>().AssigneeIndexOf(filerId);
            filersRow = (await scope.ServiceProvider.GetRequiredService<KalkanDb>().Set<CaseAssignee>().ToListAsync())
                .Single(a => a.CaseId == id && a.MemberIndex.SequenceEqual(index)).Id;
        }
        await kalkan.ChangeOnDiskAsync<CaseAssignee>(filersRow, "MemberSealed");
        await using var stream = await EventStreamClient.OpenAsync(second);

        await documenter.RecordIdAsync(CaseSamples.LoneIncident(victim: "aizada"));

        Assert.Equal(id, (await stream.NextAsync("retaliation", TimeSpan.FromSeconds(5))).Data.GetProperty("case").GetGuid());
    }

    [Theory, Stores]
    public async Task A_push_subscription_changed_on_disk_does_not_keep_the_other_phones_from_their_push(Store kind)
    {
        var inbox = System.Threading.Channels.Channel.CreateUnbounded<WebPushTests.Received>();
        await using var service = await WebPushTests.FakePushServiceAsync(inbox, () => HttpStatusCode.Created);
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Push:AllowLoopback"] = "true" });
        var (changed, changedId) = await kalkan.MemberAsync();
        var (kept, _) = await kalkan.MemberAsync();
        var (reporter, _) = await kalkan.MemberAsync();
        using var changedBrowser = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var keptBrowser = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var keptAuth = RandomNumberGenerator.GetBytes(16);
        await WebPushTests.SubscribeAsync(changed, service, "changed", changedBrowser);
        await WebPushTests.SubscribeAsync(kept, service, "kept", keptBrowser, keptAuth);
        Guid changedRow;
        using (var scope = kalkan.Services.CreateScope())
            changedRow = (await scope.ServiceProvider.GetRequiredService<KalkanDb>().Set<PushSubscription>().SingleAsync(s => s.MemberId == changedId)).Id;
        await kalkan.ChangeOnDiskAsync<PushSubscription>(changedRow, "LanguageSealed");

        await reporter.ReportAsync(new { kind = "raid", lat = 42.87, lon = 74.59 });

        var push = await WebPushTests.ReadAsync(inbox);
        Assert.Equal("Notes", JsonDocument.Parse(PushDecryption.Decrypt(push.Body, keptBrowser, keptAuth)).RootElement.GetProperty("title").GetString());
    }

    [PostgresFact] // several instances share their events through a table; on SQLite there is one instance and no table
    public async Task A_shared_event_changed_on_disk_does_not_keep_a_phone_from_resuming_past_it_after_a_restart()
    {
        await using var store = await TestStore.CreateAsync(Store.Postgres);
        string token, heard, changed;
        string? after;
        await using (var before = await KalkanFactory.StartAsync(store))
        {
            var (reporter, _) = await before.MemberAsync();
            var (phone, _) = await before.MemberAsync();
            token = phone.DefaultRequestHeaders.Authorization!.Parameter!;
            await using var stream = await EventStreamClient.OpenAsync(phone);
            await reporter.ReportAsync(new { kind = "raid", lat = 42.87, lon = 74.59 });
            heard = (await stream.NextAsync("alert", TimeSpan.FromSeconds(5))).Id!;
            await reporter.ReportAsync(new { kind = "patrol", lat = 42.80, lon = 74.50 });
            changed = (await stream.NextAsync("alert", TimeSpan.FromSeconds(5))).Id!;
            after = (await reporter.ReportAsync(new { kind = "checkpoint", lat = 42.70, lon = 74.40 })).GetProperty("id").GetString();
            await stream.NextAsync("alert", TimeSpan.FromSeconds(5));
        }
        await using (var connection = new Npgsql.NpgsqlConnection(store.Db))
        {
            await connection.OpenAsync();
            await using var flip = new Npgsql.NpgsqlCommand(
                "UPDATE kalkan_stream_events SET sealed = set_byte(sealed, length(sealed) - 1, get_byte(sealed, length(sealed) - 1) # 255) WHERE id = $1", connection);
            flip.Parameters.Add(new Npgsql.NpgsqlParameter { Value = long.Parse(changed) });
            Assert.Equal(1, await flip.ExecuteNonQueryAsync());
        }

        // The new process reads the table to learn what phones may resume from, and then what this one missed.
        await using var restarted = new KalkanFactory(store);
        await restarted.Api().PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = Scenario.UnsealPassphrase });
        await using var back = await EventStreamClient.OpenAsync(restarted.Api().WithToken(token), heard);

        Assert.Equal(after, (await back.NextAsync("alert", TimeSpan.FromSeconds(5))).Data.GetProperty("id").GetString());
    }

    [Theory, Stores]
    public async Task A_perpetrator_profile_changed_on_disk_leaves_the_others_listed(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        foreach (var (badge, plate) in new[] { ("KG 1001", "01 KG 001 AAA"), ("KG 2002", "01 KG 002 BBB") })
            await defender.RecordIdAsync(IncidentSamples.Incident(badge: badge, plate: plate));
        var profiles = await defender.ListedIdsAsync("/api/v1/perpetrators");
        Assert.Equal(2, profiles.Count);
        await kalkan.ChangeOnDiskAsync<Kalkan.Incidents.PerpetratorProfile>(profiles.First(), "BadgeSealed");

        Assert.Equal(profiles.Skip(1).ToHashSet(), await defender.ListedIdsAsync("/api/v1/perpetrators"));
    }

    [Theory, Stores]
    public async Task A_safe_place_changed_on_disk_leaves_the_others_in_the_directory(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (member, _) = await kalkan.MemberAsync();
        var places = new List<Guid>();
        foreach (var name in new[] { "Tais Plus clinic", "Legal aid desk" })
        {
            var added = await defender.PostAsJsonAsync("/api/v1/places", PlaceDirectoryTests.Clinic(name));
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            places.Add((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        await kalkan.ChangeOnDiskAsync<SafePlace>(places[0], "DetailsSealed");

        Assert.Equal(new HashSet<Guid> { places[1] }, await member.ListedIdsAsync("/api/v1/places"));
    }

    static async Task<List<Guid>> InvitationIdsAsync(KalkanFactory kalkan)
    {
        using var scope = kalkan.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<KalkanDb>().Set<Invitation>().Select(i => i.Id).ToListAsync();
    }
}
