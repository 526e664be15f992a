using System.Text.Json.Nodes;
using Kalkan.Stats.Reporting;

namespace Kalkan.Stats.Tests;

/// <summary>What R reports with its defaults, beside the reference analysis: values printed by
/// R 4.2.2 (shared/oracle/survey-01.r-defaults.json, outcome arrest).</summary>
public class RDefaultsTests
{
    static readonly TwoByTwo Kyrgyzstan = new(195, 508, 316, 940), Tanzania = new(46, 87, 54, 206);

    [Fact]
    public void The_conditional_odds_ratio_and_its_exact_interval_are_fisher_tests()
    {
        var kg = ConditionalOddsRatio.Compute(Kyrgyzstan);
        FisherExactTests.AssertRelative(1.1417734828445762, kg.Estimate, 1e-6);
        FisherExactTests.AssertRelative(0.921071868021755, kg.Low, 1e-6);
        FisherExactTests.AssertRelative(1.4135598259088211, kg.High, 1e-6);
        var tz = ConditionalOddsRatio.Compute(Tanzania);
        FisherExactTests.AssertRelative(2.013228900345348, tz.Estimate, 1e-6);
        FisherExactTests.AssertRelative(1.2286402770132898, tz.Low, 1e-6);
        FisherExactTests.AssertRelative(3.2968317817982014, tz.High, 1e-6);
    }

    [Fact]
    public void A_zero_cell_gives_R_s_zero_estimate_and_open_upper_bound()
    {
        // R: fisher.test(matrix(c(0, 1, 7, 6), 2)) gives 0 and [0, 39.00055].
        var or = ConditionalOddsRatio.Compute(new TwoByTwo(0, 7, 1, 6));
        Assert.Equal(0, or.Estimate);
        Assert.Equal(0, or.Low);
        FisherExactTests.AssertRelative(39.00054996869288, or.High, 1e-6);
        Assert.True(double.IsPositiveInfinity(ConditionalOddsRatio.Compute(new TwoByTwo(2, 3, 0, 10)).High));
    }

    [Fact]
    public void The_corrected_Mantel_Haenszel_test_is_mantelhaen_tests_default()
    {
        var mh = MantelHaenszel.Compute([Kyrgyzstan, Tanzania]);
        FisherExactTests.AssertRelative(5.4550367471984, mh.ChiSquared!.Value, 1e-6);
        FisherExactTests.AssertRelative(5.228071843508981, mh.Corrected!.ChiSquared, 1e-6);
        FisherExactTests.AssertRelative(0.02222515710359563, mh.Corrected.P.Value, 1e-6);
    }

    [Fact]
    public async Task A_p_value_below_the_double_range_keeps_its_log10_beside_it()
    {
        // 1,000 defenders all arrested, 1,000 others none: Fisher's p is 2 / C(2000, 1000).
        var json = JsonNode.Parse(await Surveys.JsonAsync(Surveys.Build("country,defender,arrest", ("KG,1,1", 1000), ("KG,0,0", 1000))))!;
        var crude = json["outcomes"]![0]!["crude"]!;
        Assert.Equal(Math.Log10(2) - 600.3113621048072, crude["fisherPLog10"]!.GetValue<double>(), 5);
        Assert.StartsWith("9.7", crude["fisherP"]!.ToJsonString());
        Assert.EndsWith("e-601", crude["fisherP"]!.ToJsonString());
        var mh = json["outcomes"]![0]!["mantelHaenszel"]!;
        Assert.True(mh["pLog10"]!.GetValue<double>() < -400);
        Assert.True(mh["pCorrectedLog10"]!.GetValue<double>() < -400);
        // A p that a double holds has no such field.
        Assert.Null(JsonNode.Parse(await Surveys.JsonAsync(Surveys.Build("country,defender,arrest", ("KG,1,1", 3), ("KG,1,0", 2), ("KG,0,0", 3))))!["outcomes"]![0]!["crude"]!["fisherPLog10"]);
    }

    [Fact]
    public async Task The_methods_say_which_figure_is_which_R_call()
    {
        string html = System.Net.WebUtility.HtmlDecode(HtmlReport.Fragment(
            await Surveys.AnalyzeAsync(Surveys.Build("country,defender,arrest", ("KG,1,1", 3), ("KG,1,0", 2), ("KG,0,0", 3), ("KG,0,1", 1))), ReportText.For("en")));
        Assert.Contains("mantelhaen.test(x, correct = FALSE)", html);
        Assert.Contains("fisher.test(x)$estimate", html);
        Assert.Contains("mleOddsRatio", html);
    }
}
