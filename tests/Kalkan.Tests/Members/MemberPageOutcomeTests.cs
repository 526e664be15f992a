namespace Kalkan.Tests.Members;

/// <summary>The members and account pages answer with the status their service decided (as the API does), not a 400 for every refusal.</summary>
public class MemberPageOutcomeTests
{
    [Theory, Stores]
    public async Task The_members_page_answers_403_409_and_404_as_the_api_does_and_says_why(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (_, me) = await kalkan.MemberAsync("defender", handle: "Cholpon");
        var page = await kalkan.SignedInBrowserAsync("Cholpon");

        var admin = await page.SubmitAsync("/members?handler=Invite", new() { ["role"] = "admin" });
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Contains("Only an admin can invite an admin.", await admin.Content.ReadAsStringAsync());

        var herself = await page.SubmitAsync("/members?handler=Revoke", new() { ["id"] = me.ToString() });
        Assert.Equal(HttpStatusCode.Conflict, herself.StatusCode);
        Assert.Contains("You cannot revoke yourself.", await herself.Content.ReadAsStringAsync());

        var nobody = await page.SubmitAsync("/members?handler=Revoke", new() { ["id"] = Guid.NewGuid().ToString() });
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        Assert.Contains("No such member.", await nobody.Content.ReadAsStringAsync());
        Assert.Contains("Cholpon", await page.GetStringAsync("/members"));
    }

    [Theory, Stores]
    public async Task Ending_a_session_that_is_not_hers_on_the_account_page_answers_404_and_ends_nothing(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (api, _) = await kalkan.MemberAsync(handle: "Aizada");
        var page = await kalkan.SignedInBrowserAsync("Aizada");

        var refused = await page.SubmitAsync("/account?handler=EndSession", new() { ["id"] = Guid.NewGuid().ToString() });

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("Nothing is here.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/account")).StatusCode);
    }
}
