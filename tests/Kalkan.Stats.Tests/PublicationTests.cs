using System.Text.Json.Nodes;
using Kalkan.Stats.Reporting;

namespace Kalkan.Stats.Tests;

public class PublicationTests
{
    const string Header = "respondent_id,country,defender,arrest";

    static string Survey() => Surveys.Build("country,defender,arrest",
        [.. Surveys.Table("KG", 40, 60, 30, 90), .. Surveys.Table("TZ", 3, 12, 10, 25), .. Surveys.Table("MM", 8, 9, 7, 20)]);

    static async Task<AnalysisResult> PublishedAsync() => Publication.Apply(await Surveys.AnalyzeAsync(Survey()));

    [Fact]
    public async Task Counts_under_5_show_as_less_than_5_and_their_estimates_are_withheld_and_flagged()
    {
        var json = JsonNode.Parse(JsonReport.ToJson(await PublishedAsync()))!;
        var tz = json["outcomes"]![0]!["strata"]![1]!;
        Assert.Equal("<5", (string?)tz["a"]);
        Assert.Equal(12, (int)tz["b"]!);
        Assert.Null(tz["oddsRatio"]);
        Assert.Null(tz["fisherP"]);
        Assert.True((bool)tz["flagged"]!);
        Assert.True((bool)json["outcomes"]![0]!["mantelHaenszel"]!["flagged"]!);
    }

    [Fact]
    public async Task A_lone_small_count_cannot_be_recovered_from_the_crude_total()
    {
        var published = await PublishedAsync();
        var strata = published.Outcomes[0].Strata;
        // a: TZ's 3 is under 5; the crude a (51) minus KG and MM would give it back, so MM's 8 goes too.
        Assert.True(strata[1].IsHidden(0));
        Assert.Equal(1, strata.Count(t => (t.WithheldCells & 1) != 0));
        Assert.True(strata.Single(t => t.Stratum == "MM").IsHidden(0));
        Assert.Equal(51, published.Outcomes[0].Crude.Table.A);
    }

    [Fact]
    public async Task No_hidden_count_or_respondent_leaves_in_any_format()
    {
        string csv = Surveys.Build(Header, ("R0001,KG,1,1", 40), ("R0002,KG,1,0", 60), ("R0003,KG,0,1", 30), ("R0004,KG,0,0", 90),
            ("R0005,TZ,1,1", 3), ("R0006,TZ,1,0", 12), ("R0007,TZ,0,1", 10), ("R0008,TZ,0,0", 25));
        var published = Publication.Apply(await Surveys.AnalyzeAsync(csv));
        foreach (string format in ReportFormat.All)
        {
            string report = ReportFormat.Render(published, format, ReportText.For("en"));
            Assert.DoesNotContain("R000", report);
            Assert.Contains("<5", System.Net.WebUtility.HtmlDecode(report));
        }
        Assert.Equal(0, published.Outcomes[0].Strata[1].Table.A); // zeroed, not merely hidden
    }

    [Fact]
    public async Task Without_publication_every_count_is_shown()
    {
        var json = JsonNode.Parse(JsonReport.ToJson(await Surveys.AnalyzeAsync(Survey())))!;
        Assert.Equal(3, (int)json["outcomes"]![0]!["strata"]![1]!["a"]!);
        Assert.DoesNotContain("flagged", json.ToJsonString());
    }
}
