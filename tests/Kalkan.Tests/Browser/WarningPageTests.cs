namespace Kalkan.Tests.Browser;

/// <summary>The warnings page on a phone: from the menu, the checker answers, and the list stays readable offline.</summary>
public class WarningPageTests
{
    [Fact]
    public async Task The_warnings_list_is_reached_from_the_menu_checks_a_plate_and_is_readable_offline()
    {
        await using var stage = await PhoneStage.OpenAsync();
        var published = await stage.Admin.PostAsJsonAsync("/api/v1/warnings", new
        {
            kind = "violence", severity = "high", description = "Black sedan, offers a lift then hits", district = "Sverdlov", month = "2026-11", plate = "01 KG 555 BBB",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, published.StatusCode);
        var page = await stage.MemberOnPhoneAsync("zarina");
        var context = page.Context;
        await page.ClickAsync("nav.menu a[href='/warnings']");
        await page.WaitForURLAsync("**/warnings");
        Assert.Contains("Black sedan, offers a lift then hits", await page.InnerTextAsync("main"));

        await page.FillAsync("input[name=plate]", "01kg555bbb");
        await page.ClickAsync("#check button[type=submit]");
        await page.WaitForSelectorAsync("#check-answer");
        Assert.Contains("Warnings that match: 1", await page.InnerTextAsync("#check-answer"));

        // Once the service worker controls the page, a visit keeps the list for when the connection is gone.
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, new() { Timeout = 20000 });
        await page.GotoAsync(stage.Url("/warnings"));
        await context.SetOfflineAsync(true);
        await page.GotoAsync(stage.Url("/warnings"));
        Assert.Contains("Black sedan, offers a lift then hits", await page.InnerTextAsync("main"));
        await context.SetOfflineAsync(false);
    }
}
