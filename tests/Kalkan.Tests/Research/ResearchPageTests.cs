namespace Kalkan.Tests.Research;

public class ResearchPageTests
{
    [Theory, Stores]
    public async Task A_researcher_uploads_a_survey_and_reads_the_report_with_its_forest_plot(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var browser = await kalkan.MemberBrowserAsync("researcher", handle: "Nazira");

        var page = await browser.GetStringAsync("/research");
        var form = new MultipartFormDataContent
        {
            { new StringContent(Forms.AntiForgeryToken(page)), "__af" },
            { new StringContent("defender"), "exposure" },
            { new StringContent("country"), "strata" },
            { new StringContent("true"), "publish" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(Shared.Path("oracle", "survey-01.csv"))), "survey", "survey-01.csv" },
        };
        var report = await browser.PostAsync("/research", form);
        var html = await report.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("<svg", html);
        Assert.Contains("arrest", html);
        Assert.DoesNotContain("R00001", html); // no row-level data leaves
    }

    [Theory, Stores]
    public async Task A_member_cannot_open_the_research_page(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var browser = await kalkan.MemberBrowserAsync(handle: "Aizada");

        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync("/research")).StatusCode);
    }

}
