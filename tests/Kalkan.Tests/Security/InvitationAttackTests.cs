using Kalkan.Tests.Members;

namespace Kalkan.Tests.Security;

/// <summary>
/// A defender's phone is seized and she is revoked: the codes she handed out must not let anyone
/// in on her word. A defender can see and cancel the codes she has out.
/// </summary>
public class InvitationAttackTests
{
    [Theory, Stores]
    public async Task A_code_from_a_revoked_defender_answers_410(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (admin, defender, defenderId, code) = await DefenderWithACodeOutAsync(kalkan, "Seized");

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/members/{defenderId}/revoke", new { })).StatusCode);

        var join = await kalkan.Api().PostAsJsonAsync("/api/v1/join", new { code, handle = "Police-plant", passphrase = InvitationTests.JoinPassphrase });
        await join.ProblemAsync(HttpStatusCode.Gone);
    }

    [Theory, Stores]
    public async Task A_code_whose_inviter_deleted_her_account_answers_410(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (_, defender, _, code) = await DefenderWithACodeOutAsync(kalkan, "Leaving");

        var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/account") { Content = JsonContent.Create(new { passphrase = InvitationTests.JoinPassphrase }) };
        Assert.Equal(HttpStatusCode.NoContent, (await defender.SendAsync(delete)).StatusCode);

        Assert.Equal(HttpStatusCode.Gone, (await kalkan.Api().PostAsJsonAsync("/api/v1/join", new { code, handle = "Newcomer", passphrase = InvitationTests.JoinPassphrase })).StatusCode);
    }

    [Theory, Stores]
    public async Task A_defender_lists_and_cancels_her_open_codes_and_no_one_elses(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (gulnara, _) = await kalkan.MemberAsync("defender");
        var (other, _) = await kalkan.MemberAsync("defender");
        var code = await InvitationTests.InviteAsync(gulnara, "member");
        var used = await InvitationTests.InviteAsync(gulnara, "member");
        await kalkan.Api().PostAsJsonAsync("/api/v1/join", new { code = used, handle = "Joined", passphrase = InvitationTests.JoinPassphrase });

        var open = await gulnara.GetFromJsonAsync<JsonElement>("/api/v1/invites");
        var listed = Assert.Single(open.EnumerateArray());
        Assert.Equal(code, listed.GetProperty("code").GetString());
        Assert.Equal("member", listed.GetProperty("role").GetString());
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/v1/invites")).EnumerateArray());

        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/invites/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gulnara.DeleteAsync($"/api/v1/invites/{used}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await gulnara.DeleteAsync($"/api/v1/invites/{code}")).StatusCode);

        Assert.Empty((await gulnara.GetFromJsonAsync<JsonElement>("/api/v1/invites")).EnumerateArray());
        Assert.Equal(HttpStatusCode.Gone, (await kalkan.Api().PostAsJsonAsync("/api/v1/join", new { code, handle = "Too-late", passphrase = InvitationTests.JoinPassphrase })).StatusCode);
    }

    /// <summary>A defender who joined on the admin's code, and a member's code she has handed out since.</summary>
    static async Task<(HttpClient Admin, HttpClient Defender, Guid DefenderId, string Code)> DefenderWithACodeOutAsync(KalkanFactory kalkan, string handle)
    {
        var admin = await kalkan.AdminAsync();
        var (defender, defenderId) = await InvitationTests.JoinAsync(kalkan, admin, "defender", handle);
        return (admin, defender, defenderId, await InvitationTests.InviteAsync(defender, "member"));
    }
}
