namespace Kalkan.Tests.Research;

public class ResearchApiTests
{
    [Theory, Stores]
    public async Task A_researcher_gets_the_same_analysis_as_the_R_oracle(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (researcher, _) = await kalkan.MemberAsync("researcher");
        var csv = await File.ReadAllTextAsync(Shared.Path("oracle", "survey-01.csv"));
        var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Shared.Path("oracle", "survey-01.expected.json"))).RootElement;

        var response = await researcher.PostAsync("/api/v1/research/analyze?exposure=defender&strata=country", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var mh = body.GetProperty("outcomes")[0].GetProperty("mantelHaenszel").GetProperty("oddsRatio").GetDouble();
        var want = expected.GetProperty("outcomes")[0].GetProperty("mantelHaenszel").GetProperty("oddsRatio").GetDouble();
        Assert.Equal(want, mh, want * 1e-6);
    }

    [Theory, Stores]
    public async Task A_bad_survey_is_a_400_naming_row_and_column_and_a_member_may_not_analyze(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (researcher, _) = await kalkan.MemberAsync("researcher");
        var (member, _) = await kalkan.MemberAsync("member");
        const string csv = "respondent_id,country,defender,arrest\nR1,KG,1,1\nR2,KG,0,maybe\n";

        var bad = await researcher.PostAsync("/api/v1/research/analyze", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var forbidden = await member.PostAsync("/api/v1/research/analyze", new StringContent(csv, Encoding.UTF8, "text/csv"));

        var problem = await bad.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("arrest", problem.GetRawText());
        Assert.Contains("3", problem.GetProperty("row").ToString());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
