using Kalkan.Identity.Members;
using Kalkan.Stats;
using Kalkan.Stats.Reporting;
using Kalkan.Stats.Survey;

namespace Kalkan.Research.Pages;

/// <summary>
/// /research: a researcher uploads a survey export, chooses the columns, reads the report and
/// downloads it as CSV or HTML. The upload is counted in memory and not kept; the downloads are
/// data: links in the page itself, so nothing about the survey stays on the server.
/// </summary>
[Authorize(Policy = Roles.Researcher)]
// Above 64 KiB a form is buffered to a temporary file; a survey must never touch the disk, and the
// host refuses bodies over 1 MiB anyway, so the whole form may stay in memory.
[RequestFormLimits(MemoryBufferThreshold = 2 * 1024 * 1024)]
public sealed class ResearchModel(Incidents.Statistics.IncidentStatistics incidents) : PageModel
{
    public string Exposure { get; private set; } = "defender";
    public string Strata { get; private set; } = "country";
    public string? Outcomes { get; private set; }
    public bool Publish { get; private set; } = true;
    public string Language { get; private set; } = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
    public string? Error { get; private set; }
    public string? Report { get; private set; }
    public string? CsvLink { get; private set; }
    public string? HtmlLink { get; private set; }

    public static IReadOnlyList<string> ReportLanguages => ReportText.Languages;

    /// <summary>The analysis of the network's own incidents, shown once asked for (it is audited, so not on every visit).</summary>
    public string? IncidentReport { get; private set; }
    public Incidents.Statistics.TriggerTable? Triggers { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnGetIncidentsAsync(CancellationToken ct)
    {
        var language = ReportText.Languages.Contains(Language) ? Language : "en";
        IncidentReport = HtmlReport.Fragment(await incidents.DefendersAsync(ct), ReportText.For(language));
        Triggers = await incidents.TriggersAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? survey, IFormFile? labels, string? exposure, string? strata,
        string? outcomes, bool publish, string? language, CancellationToken ct)
    {
        var request = AnalyzeRequest.From(exposure, strata, outcomes, ReportFormat.Html, publish, language);
        (Exposure, Strata, Outcomes, Publish, Language) = (request.Exposure, request.Strata, outcomes, publish, request.Language);
        if (survey is null || survey.Length == 0) return Failed("Choose a CSV file.");
        if (request.Problems().Count > 0) return Failed("Choose a report language.");
        try
        {
            AnswerCodes? codes = null;
            if (labels is { Length: > 0 })
            {
                using var reader = new StreamReader(labels.OpenReadStream());
                codes = AnswerCodes.Parse(reader);
            }
            await using var csv = survey.OpenReadStream();
            var result = await Analysis.RunAsync(csv, request.Options(codes), ct);
            if (publish) result = Publication.Apply(result);
            var text = ReportText.For(request.Language);
            Report = HtmlReport.Fragment(result, text);
            CsvLink = DataLink("text/csv", CsvReport.ToCsv(result));
            HtmlLink = DataLink("text/html", HtmlReport.Document(result, text));
            return Page();
        }
        catch (SurveyFormatException e)
        {
            return Failed(e.Message);
        }
    }

    IActionResult Failed(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    static string DataLink(string type, string content) =>
        $"data:{type};charset=utf-8;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(content))}";
}
