using Microsoft.Playwright;

namespace Kalkan.Tests.Browser;

/// <summary>Quick exit in a real browser: the page is gone, Back finds no Kalkan page, the session asks for her passphrase.</summary>
public class QuickExitTests
{
    [Theory]
    [InlineData("Escape")]
    [InlineData("control")]
    public async Task After_quick_exit_Back_shows_no_Kalkan_page_and_the_session_asks_for_the_passphrase(string how)
    {
        await using var stage = await PhoneStage.OpenAsync();
        await stage.Kalkan.CreateMemberAsync("zarina");
        var page = await (await stage.Browser.NewPhoneAsync(locale: "ru-RU")).NewPageAsync();

        // She was somewhere else before opening Kalkan.
        await page.GotoAsync("data:text/html,<title>elsewhere</title><p>elsewhere</p>");
        await page.SignInAsync(stage.Server, "zarina", Scenario.MemberPassphrase);
        await page.ClickAsync("nav.menu a[href='/circle']");
        await page.WaitForURLAsync("**/circle");
        await page.ClickAsync("nav.menu a[href='/checkin']");
        await page.WaitForURLAsync("**/checkin");

        if (how == "Escape")
        {
            await page.Keyboard.PressAsync("Escape");
            await page.Keyboard.PressAsync("Escape");
            await page.Keyboard.PressAsync("Escape");
        }
        else await page.ClickAsync("#quick-exit");
        await page.WaitForURLAsync("**/exit");
        Assert.Equal("ru", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Заметки", await page.TitleAsync());

        await page.GoBackAsync();
        Assert.StartsWith("data:", page.Url);
        Assert.Equal("elsewhere", await page.TitleAsync());

        await page.GotoAsync(stage.Url("/alerts"));
        Assert.EndsWith("/signin", page.Url);
        Assert.Null(await page.QuerySelectorAsync("input[name=handle]"));
        await page.FillAsync("input[name=passphrase]", Scenario.MemberPassphrase);
        await page.ClickAsync("form:not(.inline) button[type=submit]");
        await page.WaitForURLAsync("**/alerts");
    }
}
