namespace Kalkan.Tests.Members;

public class InvitationTests
{
    [Theory, Stores]
    public async Task An_invitation_lets_one_person_join_once(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");

        var code = await InviteAsync(defender, "member");
        var joined = await kalkan.Api().PostAsJsonAsync("/api/v1/join", new { code, handle = "Aizada", passphrase = "a long enough passphrase" });
        var again = await kalkan.Api().PostAsJsonAsync("/api/v1/join", new { code, handle = "Other", passphrase = "a long enough passphrase" });

        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        Assert.Equal("member", (await joined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        await again.ProblemAsync(HttpStatusCode.Gone);
        Assert.Equal("member", (await (await kalkan.Api().PostAsJsonAsync("/api/v1/session", new { handle = "aizada", passphrase = "a long enough passphrase" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
    }

    [Theory, Stores]
    public async Task An_expired_invitation_is_gone(Store kind)
    {
        var clock = new ShiftedClock();
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Members:InvitationLifetime"] = "01:00:00" }, clock: clock);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var code = await InviteAsync(defender, "member");

        clock.Advance(TimeSpan.FromMinutes(61));
        var late = await kalkan.Api().PostAsJsonAsync("/api/v1/join", new { code, handle = "Aizada", passphrase = "a long enough passphrase" });

        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
    }

    [Theory, Stores]
    public async Task A_taken_handle_is_refused_with_409_and_the_code_still_works(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender", handle: "Cholpon");
        var code = await InviteAsync(defender, "member");

        var taken = await kalkan.Api().PostAsJsonAsync("/api/v1/join", new { code, handle = "CHOLPON", passphrase = "a long enough passphrase" });
        var other = await kalkan.Api().PostAsJsonAsync("/api/v1/join", new { code, handle = "Cholpon2", passphrase = "a long enough passphrase" });

        await taken.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Theory, Stores]
    public async Task A_weak_passphrase_is_refused_naming_the_rule_and_uses_no_code(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var code = await InviteAsync(defender, "member");

        foreach (var (weak, rule) in new[] { ("short", "At least 10 characters."), ("qwertyuiop", "most common") })
        {
            var refused = await kalkan.Api().PostAsJsonAsync("/api/v1/join", new { code, handle = "Aizada", passphrase = weak });
            var problem = await refused.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains(rule, problem.GetProperty("errors").GetProperty("passphrase")[0].GetString());
        }
        Assert.Equal(HttpStatusCode.Created, (await kalkan.Api().PostAsJsonAsync("/api/v1/join", new { code, handle = "Aizada", passphrase = "a long enough passphrase" })).StatusCode);
    }

    [Theory, Stores]
    public async Task A_member_cannot_invite_and_a_defender_cannot_invite_an_admin(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (member, _) = await kalkan.MemberAsync("member");
        var (defender, _) = await kalkan.MemberAsync("defender");
        var admin = await kalkan.AdminAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/v1/invites", new { role = "member" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await defender.PostAsJsonAsync("/api/v1/invites", new { role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await defender.PostAsJsonAsync("/api/v1/invites", new { role = "defender" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/invites", new { role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/invites", new { role = "king" })).StatusCode);
    }

    [Theory, Stores]
    public async Task Revoking_a_member_kills_her_token_at_once_and_a_branch_takes_those_she_invited(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (seized, seizedId) = await JoinAsync(kalkan, defender, "defender", "Seized");
        var (invitedBySeized, _) = await JoinAsync(kalkan, seized, "member", "Invitee");
        var (bystander, _) = await JoinAsync(kalkan, defender, "member", "Bystander");

        var revoke = await defender.PostAsJsonAsync($"/api/v1/members/{seizedId}/revoke", new { branch = true });

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(2, (await revoke.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await seized.GetAsync("/api/v1/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await invitedBySeized.GetAsync("/api/v1/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bystander.GetAsync("/api/v1/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await kalkan.Api().PostAsJsonAsync("/api/v1/session", new { handle = "Seized", passphrase = JoinPassphrase })).StatusCode);
    }

    [Theory, Stores]
    public async Task A_defender_cannot_revoke_an_admin_and_nobody_can_reach_a_member_that_does_not_exist(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (_, adminId) = await kalkan.MemberAsync("admin");

        Assert.Equal(HttpStatusCode.Forbidden, (await defender.PostAsJsonAsync($"/api/v1/members/{adminId}/revoke", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await defender.PostAsJsonAsync($"/api/v1/members/{Guid.NewGuid()}/revoke", new { })).StatusCode);
    }

    [Theory, Stores]
    public async Task Defenders_see_the_network_by_handle_with_who_invited_whom(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, defenderId) = await kalkan.MemberAsync("defender", handle: "Gulnara");
        var (_, aizadaId) = await JoinAsync(kalkan, defender, "member", "Aizada");

        var list = await defender.GetFromJsonAsync<JsonElement>("/api/v1/members");
        var aizada = list.EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == aizadaId);

        Assert.Equal("Aizada", aizada.GetProperty("handle").GetString());
        Assert.Equal(defenderId, aizada.GetProperty("invitedBy").GetGuid());
        var (member, _) = await kalkan.MemberAsync("member");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/members")).StatusCode);
    }

    public const string JoinPassphrase = "a long enough passphrase";

    public static async Task<string> InviteAsync(HttpClient inviter, string role)
    {
        var response = await inviter.PostAsJsonAsync("/api/v1/invites", new { role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        return body.GetProperty("code").GetString()!;
    }

    /// <summary>Invited by <paramref name="inviter"/>, joined and signed in.</summary>
    public static async Task<(HttpClient Client, Guid Id)> JoinAsync(KalkanFactory kalkan, HttpClient inviter, string role, string handle)
    {
        var code = await InviteAsync(inviter, role);
        var joined = await kalkan.Api().PostAsJsonAsync("/api/v1/join", new { code, handle, passphrase = JoinPassphrase });
        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        var id = (await joined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var client = kalkan.Api();
        return (client.WithToken(await client.SignInAsync(handle, JoinPassphrase)), id);
    }
}
