using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kalkan.Stats.Tests;

public class NotEstimableTests
{
    const string Header = "country,defender,arrest";

    [Fact]
    public async Task A_stratum_of_one_respondent_is_reported_as_not_estimable()
    {
        string csv = Surveys.Build(Header, [.. Surveys.Table("KG", 20, 30, 15, 40), ("TZ,1,1", 1)]);
        var json = JsonNode.Parse(await Surveys.JsonAsync(csv))!;
        var tz = json["outcomes"]![0]!["strata"]![1]!;
        Assert.Equal("TZ", (string?)tz["stratum"]);
        Assert.Null(tz["oddsRatio"]);
        Assert.Equal("no unexposed respondent", (string?)tz["notEstimable"]);
        Assert.NotNull(json["outcomes"]![0]!["mantelHaenszel"]!["oddsRatio"]);
    }

    [Fact]
    public async Task A_stratum_with_no_defender_is_reported_as_not_estimable()
    {
        string csv = Surveys.Build(Header, [.. Surveys.Table("KG", 20, 30, 15, 40), .. Surveys.Table("TZ", 0, 0, 6, 9)]);
        var result = await Surveys.AnalyzeAsync(csv);
        var tz = result.Outcomes[0].Strata[1];
        Assert.Null(tz.OddsRatio);
        Assert.Equal("no exposed respondent", tz.NotEstimableReason);
        // The stratum adds nothing to the pooled estimate, which stays that of KG alone.
        FisherExactTests.AssertRelative(20.0 * 40 / (30 * 15), result.Outcomes[0].MantelHaenszel.OddsRatio!.Value, 1e-12);
        Assert.Null(result.Outcomes[0].BreslowDay.ChiSquared);
    }

    [Fact]
    public async Task Degenerate_surveys_never_give_NaN_or_Infinity()
    {
        var random = new Random(6);
        for (int survey = 0; survey < 300; survey++)
        {
            var rows = new List<(string, int)>();
            foreach (string stratum in new[] { "KG", "TZ", "MM" }.Take(random.Next(1, 4)))
                rows.AddRange(Surveys.Table(stratum, Small(random), Small(random), Small(random), Small(random)));
            if (rows.All(r => r.Item2 == 0)) continue;
            string json = await Surveys.JsonAsync(Surveys.Build(Header, [.. rows]));
            Assert.DoesNotContain("NaN", json);
            Assert.DoesNotContain("Infinity", json);
            JsonDocument.Parse(json).Dispose();
        }
    }

    // Mostly zeros and ones, sometimes more: the tables that break naive formulas.
    static int Small(Random random) => random.Next(4) switch { 0 => 0, 1 => 1, 2 => random.Next(2, 6), _ => random.Next(0, 40) };
}
