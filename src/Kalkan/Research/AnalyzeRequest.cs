using Kalkan.Stats;
using Kalkan.Stats.Reporting;

namespace Kalkan.Research;

/// <summary>
/// What the command line, the API and the page all ask for, read the same way: exposure and
/// strata columns, the outcomes ("a,b,c" or every other answer column), format and publication.
/// </summary>
public sealed record AnalyzeRequest(string Exposure, string Strata, IReadOnlyList<string>? Outcomes, string Format, bool Publish, string Language)
{
    /// <summary>Absent values take the defaults; strata given as empty means one stratum, no split.</summary>
    public static AnalyzeRequest From(string? exposure, string? strata, string? outcomes, string? format, bool publish, string? language) => new(
        string.IsNullOrWhiteSpace(exposure) ? "defender" : exposure.Trim(),
        strata is null ? "country" : strata.Trim(),
        string.IsNullOrWhiteSpace(outcomes) ? null : [.. outcomes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        string.IsNullOrWhiteSpace(format) ? ReportFormat.Json : format.Trim().ToLowerInvariant(),
        publish,
        string.IsNullOrWhiteSpace(language) ? "en" : language.Trim());

    /// <summary>What is wrong with the request itself, by field, before any row is read.</summary>
    public Dictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        if (!ReportFormat.All.Contains(Format)) problems["format"] = [$"The format is json, csv or html, not \"{Format}\"."];
        if (!ReportText.Languages.Contains(Language)) problems["lang"] = [$"The report is written in {string.Join(", ", ReportText.Languages)}."];
        return problems;
    }

    public AnalysisOptions Options(Stats.Survey.AnswerCodes? codes = null) => new()
    {
        Exposure = Exposure,
        Strata = Strata,
        Outcomes = Outcomes,
        Codes = codes ?? Stats.Survey.AnswerCodes.Standard,
    };

    /// <summary>Runs the analysis on a CSV stream and renders it, suppressed when publishing.</summary>
    public async Task<string> RunAsync(Stream csv, Stats.Survey.AnswerCodes? codes, CancellationToken ct)
    {
        var result = await Analysis.RunAsync(csv, Options(codes), ct);
        if (Publish) result = Publication.Apply(result);
        return ReportFormat.Render(result, Format, ReportText.For(Language));
    }
}
