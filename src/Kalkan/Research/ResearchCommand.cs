using System.CommandLine;
using Kalkan.Stats.Reporting;
using Kalkan.Stats.Survey;

namespace Kalkan.Research;

/// <summary>`kalkan analyze`: the research analysis of a survey export, offline.</summary>
public static class ResearchCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "The survey CSV as KoboToolbox or ODK export it (- for standard input).", Required = true };
        var exposure = new Option<string>("--exposure") { Description = "The yes/no column that is the exposure.", DefaultValueFactory = _ => "defender" };
        var strata = new Option<string>("--strata") { Description = "The column whose values are the strata.", DefaultValueFactory = _ => "country" };
        var outcomes = new Option<string?>("--outcomes") { Description = "Outcome columns, comma-separated; default: every other column except ids and export metadata." };
        var format = new Option<string>("--format") { Description = "json, csv (a tidy table) or html (a report).", DefaultValueFactory = _ => ReportFormat.Json };
        format.AcceptOnlyFromAmong([.. ReportFormat.All]);
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output." };
        var publish = new Option<bool>("--publish") { Description = "Suppress counts under 5 and the estimates resting on them, for publication." };
        var labels = new Option<string?>("--labels") { Description = "A mapping file of answer labels, one \"label,1|0|blank\" a line (e.g. Да,1)." };
        var language = new Option<string>("--lang") { Description = "The language of the html report: en, ru, ky or es.", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong([.. ReportText.Languages]);

        var analyze = new Command("analyze", "Odds ratios, Fisher, Mantel-Haenszel and Breslow-Day for each outcome of a survey CSV.")
        {
            input, exposure, strata, outcomes, format, output, publish, labels, language,
        };
        analyze.SetAction((r, ct) => RunAsync(r.GetValue(input)!, r.GetValue(labels), r.GetValue(output),
            AnalyzeRequest.From(r.GetValue(exposure), r.GetValue(strata), r.GetValue(outcomes), r.GetValue(format), r.GetValue(publish), r.GetValue(language)), ct));
        return analyze;
    }

    /// <summary>0 on success; 2 when the input is wrong (the message names row and column); 1 when the output cannot be written.</summary>
    public static async Task<int> RunAsync(string input, string? labels, string? output, AnalyzeRequest request, CancellationToken ct)
    {
        string report;
        AnswerCodes? codes = null;
        try
        {
            if (labels is not null) codes = AnswerCodes.Parse(new StringReader(await File.ReadAllTextAsync(labels, ct)));
        }
        catch (Exception e) when (e is SurveyFormatException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"In the labels file {labels}: {e.Message}");
            return 2;
        }
        try
        {
            // Unbuffered: the reader takes a megabyte at a time, which a stream buffer would only copy.
            await using var csv = input == "-" ? Console.OpenStandardInput() : new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            report = await request.RunAsync(csv, codes, ct);
        }
        catch (SurveyFormatException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"Cannot read the input: {e.Message}");
            return 2;
        }

        try
        {
            // Written only once the analysis succeeded, so a failed run leaves no half file.
            if (output is null) await Console.Out.WriteAsync(report.EndsWith('\n') ? report : report + "\n");
            else await File.WriteAllTextAsync(output, report, ct);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"Cannot write {output}: {e.Message}");
            return 1;
        }
    }
}
