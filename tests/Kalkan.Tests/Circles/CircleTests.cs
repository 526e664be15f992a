namespace Kalkan.Tests.Circles;

public class CircleTests
{
    [Theory, Stores]
    public async Task She_invites_a_member_who_accepts_and_either_side_can_leave(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (aizada, _) = await kalkan.MemberAsync(handle: "Aizada");
        var (cholpon, _) = await kalkan.MemberAsync(handle: "Cholpon");
        var (stranger, _) = await kalkan.MemberAsync(handle: "Stranger");

        var id = await InviteAsync(aizada, "cholpon");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/circle/invitations/{id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cholpon.PostAsync($"/api/v1/circle/invitations/{id}/accept", null)).StatusCode);

        var hers = await aizada.GetFromJsonAsync<JsonElement>("/api/v1/circle");
        var member = Assert.Single(hers.GetProperty("members").EnumerateArray());
        Assert.Equal("Cholpon", member.GetProperty("handle").GetString());
        Assert.True(member.GetProperty("accepted").GetBoolean());
        Assert.Equal("Aizada", (await cholpon.GetFromJsonAsync<JsonElement>("/api/v1/circle")).GetProperty("memberOf")[0].GetProperty("handle").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/circle/members/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await cholpon.DeleteAsync($"/api/v1/circle/members/{id}")).StatusCode);
        Assert.Empty((await aizada.GetFromJsonAsync<JsonElement>("/api/v1/circle")).GetProperty("members").EnumerateArray());
    }

    [Theory, Stores]
    public async Task A_circle_holds_at_most_eight_and_never_herself_or_an_unknown_handle(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (aizada, _) = await kalkan.MemberAsync(handle: "Aizada");
        for (var i = 0; i < 8; i++)
        {
            await kalkan.MemberAsync(handle: $"friend{i}");
            await InviteAsync(aizada, $"friend{i}");
        }
        await kalkan.MemberAsync(handle: "friend8");

        Assert.Equal(HttpStatusCode.Conflict, (await aizada.PostAsJsonAsync("/api/v1/circle/members", new { handle = "friend8" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await aizada.PostAsJsonAsync("/api/v1/circle/members", new { handle = "friend0" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await aizada.PostAsJsonAsync("/api/v1/circle/members", new { handle = "Aizada" })).StatusCode);
        // A full circle is refused before the handle is looked at: an unknown one answers as a known one does.
        Assert.Equal(HttpStatusCode.Conflict, (await aizada.PostAsJsonAsync("/api/v1/circle/members", new { handle = "nobody" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await aizada.PostAsJsonAsync("/api/v1/circle/members", new { })).StatusCode);
    }

    public static async Task<Guid> InviteAsync(HttpClient owner, string handle)
    {
        var response = await owner.PostAsJsonAsync("/api/v1/circle/members", new { handle });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Aizada with Cholpon in her circle (accepted); returns both clients.</summary>
    public static async Task<(HttpClient Aizada, HttpClient Cholpon)> CircleAsync(KalkanFactory kalkan)
    {
        var (aizada, _) = await kalkan.MemberAsync(handle: "Aizada");
        var (cholpon, _) = await kalkan.MemberAsync(handle: "Cholpon");
        var id = await InviteAsync(aizada, "Cholpon");
        Assert.Equal(HttpStatusCode.OK, (await cholpon.PostAsync($"/api/v1/circle/invitations/{id}/accept", null)).StatusCode);
        return (aizada, cholpon);
    }
}
