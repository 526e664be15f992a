using Microsoft.Playwright;

namespace Kalkan.Tests.Browser;

/// <summary>The safe-places directory on a member's phone: in her language, kept by defenders on the same page, readable offline.</summary>
public class PlacesPageTests
{
    [Fact]
    public async Task A_member_reads_the_places_in_russian_and_still_can_when_the_connection_is_gone()
    {
        await using var stage = await PhoneStage.OpenAsync();
        (await stage.Admin.PostAsJsonAsync("/api/v1/places", new { name = "Tais Plus", kind = "legal_aid", district = "Oktyabrsky", hours = "9-18", languages = new[] { "русский" } }))
            .EnsureSuccessStatusCode();
        var page = await stage.MemberOnPhoneAsync("gulnara", locale: "ru-RU");
        var context = page.Context;

        await page.ClickAsync("nav a[href='/places']");
        await page.WaitForURLAsync("**/places");
        Assert.Equal("ru", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Юридическая помощь", await page.InnerTextAsync("main"));
        Assert.Contains("Tais Plus", await page.InnerTextAsync("[data-place]"));
        Assert.Equal(0, await page.Locator("main form").CountAsync()); // a member reads; only defenders keep it

        // Once the worker controls the page and has kept a copy, the directory opens with no connection.
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("async () => (await caches.match('/places')) !== undefined");
        await context.SetOfflineAsync(true);
        await page.ReloadAsync();
        Assert.Contains("Tais Plus", await page.InnerTextAsync("[data-place]"));
    }

    [Fact]
    public async Task A_defender_adds_a_place_on_the_page_and_a_refusal_keeps_what_she_typed()
    {
        await using var stage = await PhoneStage.OpenAsync();
        var page = await (await stage.Browser.NewPhoneAsync()).NewPageAsync();
        await page.SignInAsync(stage.Server, Scenario.AdminHandle, Scenario.AdminPassphrase);
        await page.GotoAsync(stage.Url("/places"));

        // No district: refused with the field named, her text kept, nothing added.
        await page.FillAsync("input[name=name]", "Night clinic");
        await page.EvaluateAsync("() => document.querySelector('input[name=district]').removeAttribute('required')");
        var refused = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#place-form + form button[type=submit]"), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        await page.WaitForLoadStateAsync();
        Assert.Equal("Night clinic", await page.InputValueAsync("input[name=name]"));
        Assert.Contains("Required.", await page.InnerTextAsync("main"));
        Assert.Equal(0, await page.Locator("[data-place]").CountAsync());

        await page.SelectOptionAsync("select[name=kind]", "clinic");
        await page.FillAsync("input[name=district]", "Pervomaisky");
        await page.ClickAsync("#place-form + form button[type=submit]");
        await page.WaitForURLAsync("**/places?done=added");
        Assert.Contains("The place is added.", await page.InnerTextAsync("p.notice"));
        Assert.Contains("Night clinic", await page.InnerTextAsync("[data-place]"));
    }
}
