using System.Text;
using Kalkan.Stats.Survey;

namespace Kalkan.Stats.Tests;

public class SurveyImportTests
{
    const string Header = "respondent_id,country,defender,arrest,surveillance";

    static async Task<SurveyFormatException> RejectedAsync(string csv, AnalysisOptions? options = null) =>
        await Assert.ThrowsAsync<SurveyFormatException>(() => Surveys.AnalyzeAsync(csv, options));

    [Fact]
    public async Task A_row_with_too_few_values_names_its_row_and_first_missing_column()
    {
        var e = await RejectedAsync($"{Header}\nR1,KG,1,0,1\nR2,KG,0,1\n");
        Assert.Equal(3, e.Row);
        Assert.Equal("surveillance", e.Column);
        Assert.StartsWith("Row 3, column \"surveillance\"", e.Message);
    }

    [Fact]
    public async Task A_row_with_too_many_values_is_rejected()
    {
        var e = await RejectedAsync($"{Header}\nR1,KG,1,0,1\nR2,KG,1,0,1,1\n");
        Assert.Equal(3, e.Row);
        Assert.Contains("more values than the header", e.Detail);
    }

    [Fact]
    public async Task An_unknown_answer_names_its_row_and_column_and_quotes_it()
    {
        var e = await RejectedAsync($"{Header}\nR1,KG,1,0,1\nR2,KG,0,1,1\nR3,TZ,1,maybe,0\n");
        Assert.Equal((4L, "arrest"), (e.Row, e.Column));
        Assert.Contains("\"maybe\"", e.Detail);
    }

    [Fact]
    public async Task An_unknown_exposure_value_is_rejected_too()
    {
        var e = await RejectedAsync($"{Header}\nR1,KG,2,0,1\n");
        Assert.Equal((2L, "defender"), (e.Row, e.Column));
    }

    [Fact]
    public async Task A_missing_exposure_column_is_named()
    {
        var e = await RejectedAsync("respondent_id,country,arrest\nR1,KG,1\n");
        Assert.Equal((1L, "defender"), (e.Row, e.Column));
        Assert.Contains("no column named \"defender\"", e.Detail);
    }

    [Theory]
    [InlineData("region", null)]
    [InlineData("country", "arrest,beating")]
    public async Task A_missing_strata_or_outcome_column_is_named(string strata, string? outcomes)
    {
        var options = new AnalysisOptions { Strata = strata, Outcomes = outcomes?.Split(',') };
        var e = await RejectedAsync($"{Header}\nR1,KG,1,0,1\n", options);
        Assert.Equal(1, e.Row);
        Assert.Equal(outcomes is null ? "region" : "beating", e.Column);
    }

    [Theory]
    [InlineData("")]
    [InlineData("respondent_id,country,defender\nR1,KG,1\n")]
    [InlineData("respondent_id,country,defender,arrest,arrest\n")]
    public async Task Files_without_anything_to_analyse_are_rejected(string csv) => await RejectedAsync(csv);

    [Fact]
    public async Task A_blank_answer_leaves_the_respondent_out_of_that_outcome_only()
    {
        var result = await Surveys.AnalyzeAsync($"{Header}\nR1,KG,1,,1\nR2,KG,0,1,0\nR3,KG,1,1,NA\n");
        var arrest = result.Outcomes[0].Crude.Table;
        var surveillance = result.Outcomes[1].Crude.Table;
        Assert.Equal(new TwoByTwo(1, 0, 1, 0), arrest);
        Assert.Equal(new TwoByTwo(1, 0, 0, 1), surveillance);
    }

    [Fact]
    public async Task A_respondent_without_exposure_or_stratum_is_left_out_and_counted()
    {
        var result = await Surveys.AnalyzeAsync($"{Header}\nR1,KG,1,1,1\nR2,,1,1,1\nR3,KG,,1,1\nR4,TZ,0,0,0\n");
        Assert.Equal(2, result.Respondents);
        Assert.Equal(2, result.LeftOut);
    }

    [Fact]
    public async Task Kobo_and_ODK_spellings_of_yes_and_no_are_read()
    {
        var result = await Surveys.AnalyzeAsync($"{Header}\nR1,KG,Yes,TRUE,1\nR2,KG,no,false,0\nR3,KG,true,No,YES\n");
        Assert.Equal(new TwoByTwo(1, 1, 0, 1), result.Outcomes[0].Crude.Table);
    }

    [Fact]
    public async Task Labels_are_read_through_a_mapping_file()
    {
        var codes = AnswerCodes.Parse(new StringReader("# labels of the Russian form\nДа,1\nНет,0\nНе знаю,\n"));
        var result = await Surveys.AnalyzeAsync($"{Header}\nR1,KG,да,Да,Не знаю\nR2,KG,Нет,нет,Да\n", new AnalysisOptions { Codes = codes });
        Assert.Equal(new TwoByTwo(1, 0, 0, 1), result.Outcomes[0].Crude.Table);
        Assert.Equal(new TwoByTwo(0, 0, 1, 0), result.Outcomes[1].Crude.Table);
    }

    [Fact]
    public async Task Kobo_semicolon_exports_with_quotes_a_BOM_and_CRLF_are_read()
    {
        string csv = "\uFEFF\"_id\";\"country\";\"defender\";\"arrest\";\"note\"\r\n" +
                     "1;\"KG\";\"1\";\"1\";\"said; \"\"no\"\"\nthen left\"\r\n" +
                     "2;\"KG\";\"0\";\"0\";\"\"\r\n";
        var result = await Surveys.AnalyzeAsync(csv, new AnalysisOptions { Outcomes = ["arrest"] });
        Assert.Equal(new TwoByTwo(1, 0, 0, 1), result.Outcomes[0].Crude.Table);
    }

    [Fact]
    public async Task Row_numbers_count_records_not_lines_inside_quotes()
    {
        string csv = "id,country,defender,arrest,note\n1,KG,1,1,\"two\nlines\"\n2,KG,1,x,\n";
        var e = await RejectedAsync(csv, new AnalysisOptions { Outcomes = ["arrest"] });
        Assert.Equal(3, e.Row);
    }

    [Fact]
    public async Task Ids_and_export_metadata_are_not_taken_for_outcomes()
    {
        string header = "start,end,_id,_uuid,_submission_time,_index,meta/instanceID,respondent_id,country,defender,arrest";
        var result = await Surveys.AnalyzeAsync($"{header}\n2024-01-01,2024-01-01,7,ab-cd,2024,1,uuid:1,R1,KG,1,1\n");
        Assert.Equal(["arrest"], result.Outcomes.Select(o => o.Outcome));
    }

    [Fact]
    public async Task Plain_rows_and_rows_needing_the_full_reader_count_the_same()
    {
        // The same answers, once as plain digits (read in one pass) and once quoted, spaced or
        // spelt out (read by the full reader), in any mix.
        string plain = Surveys.Build(Header, ("R,KG,1,1,0", 30), ("R,TZ,0,,1", 20), ("R,,1,1,1", 5), ("R,KG,,0,0", 4));
        string full = Surveys.Build(Header, ("\"R\",KG,yes,1,0", 10), ("R,KG,1, 1,0", 10), ("R,\"KG\",1,1,false", 10),
            ("R,TZ,0,,TRUE", 20), ("R,\"\",1,1,1", 5), ("R,KG,NA,0,0", 4));
        string mixed = Surveys.Build(Header, ("R,KG,1,1,0", 15), ("R,KG,1, 1,0", 15), ("R,TZ,0,,1", 10), ("R,TZ,No,,1", 10),
            ("R,,1,1,1", 5), ("R,KG,,0,0", 2), ("R,KG,n/a,0,0", 2));
        var expected = (await Surveys.AnalyzeAsync(plain)).Outcomes.Select(o => o.Strata.Select(t => t.Table).Append(o.Crude.Table).ToList()).ToList();
        foreach (string csv in new[] { full, mixed })
        {
            var result = await Surveys.AnalyzeAsync(csv);
            Assert.Equal(expected, result.Outcomes.Select(o => o.Strata.Select(t => t.Table).Append(o.Crude.Table).ToList()).ToList());
            Assert.Equal(["KG", "TZ"], result.Strata);
        }
    }

    [Fact]
    public async Task A_file_read_in_small_pieces_counts_the_same()
    {
        string csv = Surveys.Build(Header, ("R,KG,1,1,0", 300), ("\"R\",TZ,0,\"1\",1", 200), ("R,TZ,1,,0", 100));
        var whole = await Surveys.AnalyzeAsync(csv);
        var trickled = await Analysis.RunAsync(new TrickleStream(Encoding.UTF8.GetBytes(csv)), new AnalysisOptions());
        Assert.Equal(whole.Outcomes.Select(o => o.Crude.Table), trickled.Outcomes.Select(o => o.Crude.Table));
    }

    /// <summary>Hands out at most 7 bytes a read, as a slow network would.</summary>
    sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 7)], ct);
    }
}
