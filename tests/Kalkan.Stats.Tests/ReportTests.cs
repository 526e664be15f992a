using Kalkan.Stats.Reporting;

namespace Kalkan.Stats.Tests;

public class ReportTests
{
    static Task<AnalysisResult> SurveyAsync() => Surveys.AnalyzeAsync(Surveys.Build("country,defender,arrest,home_raid",
        ("KG,1,1,1", 60), ("KG,1,0,0", 20), ("KG,0,1,0", 30), ("KG,0,0,1", 90), ("TZ,1,1,0", 25), ("TZ,1,0,1", 10), ("TZ,0,1,1", 20), ("TZ,0,0,0", 40)));

    [Fact]
    public async Task The_report_says_in_a_sentence_what_defenders_faced()
    {
        string html = HtmlReport.Fragment(await SurveyAsync(), ReportText.For("en"));
        Assert.Matches(@"Defenders had [\d.]+ times the odds of arrest \(95% CI [\d.]+ to [\d.]+\)\.", html);
        Assert.Contains("odds of home raid", html);
    }

    [Fact]
    public async Task The_report_draws_a_forest_plot_and_carries_no_script()
    {
        string html = HtmlReport.Document(await SurveyAsync(), ReportText.For("en"));
        Assert.Equal(2, html.Split("<svg").Length - 1);
        Assert.Contains("<polygon", html); // the pooled diamond
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<[^>]*\son[a-z]+\s*=", html); // no event handler attributes
        Assert.Contains("Methods", html);
    }

    [Theory]
    [InlineData("ru", "Отношение шансов исхода «арест»", "95% ДИ")]
    [InlineData("ky", "«камакка алуу» боюнча", "95% ИА")]
    [InlineData("es", "Las personas defensoras tuvieron", "odds de detención")]
    public async Task The_report_is_written_in_Russian_Kyrgyz_and_Spanish(string language, string phrase, string other)
    {
        string html = System.Net.WebUtility.HtmlDecode(HtmlReport.Fragment(await SurveyAsync(), ReportText.For(language)));
        Assert.Contains(phrase, html);
        Assert.Contains(other, html);
        Assert.Contains($"lang=\"{language}\"", html);
    }

    [Fact]
    public async Task The_csv_is_tidy_one_row_per_outcome_and_level()
    {
        string[] lines = CsvReport.ToCsv(await SurveyAsync()).TrimEnd('\n').Split('\n');
        Assert.StartsWith("outcome,level,stratum,a,b,c,d,oddsRatio", lines[0]);
        Assert.Equal(1 + 2 * (2 + 1 + 1 + 1), lines.Length); // per outcome: 2 strata, crude, MH, Breslow-Day
        Assert.All(lines.Skip(1), line => Assert.Equal(21, line.Split(',').Length));
        Assert.Contains(lines, l => l.StartsWith("arrest,mantelHaenszel,"));
    }

    [Fact]
    public async Task Names_from_the_file_cannot_become_spreadsheet_formulas()
    {
        var result = await Surveys.AnalyzeAsync(Surveys.Build("country,defender,arrest", ("=HYPERLINK(1),1,1", 3), ("=HYPERLINK(1),0,0", 3)));
        Assert.Contains("'=HYPERLINK(1)", CsvReport.ToCsv(result));
    }
}
