using System.Text.RegularExpressions;

namespace Kalkan.Tests.Members;

public partial class MemberPageTests
{
    [Theory, Stores]
    public async Task A_defender_invites_on_the_members_page_and_the_link_lets_a_new_member_join_and_sign_in(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var defender = await kalkan.SignedInBrowserAsync(Scenario.AdminHandle, Scenario.AdminPassphrase);

        var invited = await defender.SubmitAsync("/members?handler=Invite", new() { ["role"] = "member" });
        var page = await invited.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        Assert.Contains("src=\"data:image/png;base64,", page);
        var link = WebUtility.HtmlDecode(JoinLink().Match(page).Groups[1].Value);

        var newcomer = kalkan.Browser();
        var form = await newcomer.GetStringAsync(link);
        var code = Uri.UnescapeDataString(link[(link.IndexOf('=') + 1)..]);
        Assert.Contains($"value=\"{code}\"", form);
        var joined = await newcomer.SubmitAsync(link, new() { ["code"] = code, ["handle"] = "Aizada", ["passphrase"] = "a long enough passphrase" });

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync("/account")).StatusCode);
        Assert.Contains("Aizada", await newcomer.GetStringAsync("/account"));
        Assert.Contains("Aizada", await defender.GetStringAsync("/members"));
    }

    [Theory, Stores]
    public async Task Joining_with_a_used_code_says_so_on_the_page(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var code = await InvitationTests.InviteAsync(defender, "member");
        await InvitationTests.JoinAsync(kalkan, defender, "member", "First");
        var first = kalkan.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync("/join", new() { ["code"] = code, ["handle"] = "Aizada", ["passphrase"] = "a long enough passphrase" })).StatusCode);

        var second = await kalkan.Browser().SubmitAsync("/join?lang=ru", new() { ["code"] = code, ["handle"] = "Other", ["passphrase"] = "a long enough passphrase" });

        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Contains("Это приглашение уже использовано или истекло", await second.Content.ReadAsStringAsync());
    }

    [Theory, Stores]
    public async Task A_member_cannot_open_the_members_page(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var browser = await kalkan.MemberBrowserAsync(handle: "Aizada");

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync("/members")).StatusCode);
        Assert.DoesNotContain("href=\"/members\"", await browser.GetStringAsync("/account"));
    }

    [Theory, Stores]
    public async Task The_account_page_changes_the_passphrase_and_names_a_wrong_current_one(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var browser = await kalkan.MemberBrowserAsync(handle: "Aizada");

        var wrong = await browser.SubmitAsync("/account?handler=Passphrase", new() { ["current"] = "not it at all", ["new"] = "another long passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("This is not your current passphrase.", await wrong.Content.ReadAsStringAsync());

        var right = await browser.SubmitAsync("/account?handler=Passphrase", new() { ["current"] = "member passphrase for tests", ["new"] = "another long passphrase" });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        await kalkan.Api().SignInAsync("Aizada", "another long passphrase");
    }

    [GeneratedRegex("<a href=\"(/join\\?code=[^\"]+)\"")]
    private static partial Regex JoinLink();
}
