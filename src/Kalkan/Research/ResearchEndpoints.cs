using Kalkan.Stats.Reporting;
using Kalkan.Stats.Survey;

namespace Kalkan.Research;

public static class ResearchEndpoints
{
    public static IEndpointRouteBuilder MapResearch(this IEndpointRouteBuilder app)
    {
        var research = app.MapGroup("/api/v1/research").RequireAuthorization(Identity.Members.Roles.Researcher).WithTags("Research");
        research.MapPost("/analyze", AnalyzeAsync)
            .Accepts<Stream>("text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "application/octet-stream")
            .Produces<string>(StatusCodes.Status200OK, "application/json", "text/csv", "text/html")
            .ProducesValidationProblem();
        return app;
    }

    /// <summary>
    /// POST /api/v1/research/analyze?exposure=defender&amp;strata=country[&amp;outcomes=a,b][&amp;format=json|csv|html][&amp;publish=true][&amp;lang=en]
    /// with the survey CSV as the body, read as a stream: the analysis counts as it reads and
    /// never holds the rows. A file it cannot read is a 400 naming the row and the column; a body
    /// of another media type (JSON, a form) is refused by routing with a 415.
    /// </summary>
    public static async Task<Results<ContentHttpResult, ValidationProblem>> AnalyzeAsync(
        HttpRequest request, string? exposure, string? strata, string? outcomes, string? format, string? publish, string? lang, CancellationToken ct)
    {
        bool? published = string.IsNullOrEmpty(publish) ? false : bool.TryParse(publish, out bool p) ? p : publish switch { "1" => true, "0" => false, _ => null };
        var analyze = AnalyzeRequest.From(exposure, strata, outcomes, format, published ?? false, lang);
        var problems = analyze.Problems();
        if (published is null) problems["publish"] = ["publish is true or false."];
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems, title: "Some parameters are not right.");
        try
        {
            string report = await analyze.RunAsync(request.Body, null, ct);
            return TypedResults.Content(report, ReportFormat.ContentType(analyze.Format));
        }
        catch (SurveyFormatException e)
        {
            return SurveyProblem(e);
        }
    }

    /// <summary>A 400 whose errors are keyed by the column, with the row alongside.</summary>
    public static ValidationProblem SurveyProblem(SurveyFormatException e) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [e.Column.Length > 0 ? e.Column : "body"] = [$"Row {e.Row}: {e.Detail}"] },
        detail: e.Message,
        title: "The survey file cannot be analysed.",
        extensions: new Dictionary<string, object?> { ["row"] = e.Row, ["column"] = e.Column });
}
