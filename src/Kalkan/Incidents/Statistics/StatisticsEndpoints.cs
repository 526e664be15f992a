using Kalkan.Identity.Members;
using Kalkan.Stats.Reporting;

namespace Kalkan.Incidents.Statistics;

/// <summary>
/// The research over the network's incidents, for researchers and admins: aggregates only, always
/// with small counts withheld, since a researcher sees no incident one by one.
/// </summary>
public static class StatisticsEndpoints
{
    public static IEndpointRouteBuilder MapIncidentStatistics(this IEndpointRouteBuilder app)
    {
        var research = app.MapGroup("/api/v1/research/incidents").WithTags("Research").RequireAuthorization(Roles.Researcher);
        research.MapGet("/", Defenders).Produces<string>(StatusCodes.Status200OK, "application/json", "text/csv", "text/html");
        research.MapGet("/triggers", Triggers);
        return app;
    }

    /// <summary>GET /api/v1/research/incidents[?format=json|csv|html][&amp;lang=en]: defender victims against others, per violation, by district; the JSON of `kalkan analyze --publish`.</summary>
    public static async Task<Results<ContentHttpResult, ValidationProblem>> Defenders(string? format, string? lang, IncidentStatistics statistics, CancellationToken ct)
    {
        format = string.IsNullOrWhiteSpace(format) ? ReportFormat.Json : format.Trim().ToLowerInvariant();
        lang = string.IsNullOrWhiteSpace(lang) ? "en" : lang.Trim();
        var problems = new Dictionary<string, string[]>();
        if (!ReportFormat.All.Contains(format)) problems["format"] = [$"The format is json, csv or html, not \"{format}\"."];
        if (!ReportText.Languages.Contains(lang)) problems["lang"] = [$"The report is written in {string.Join(", ", ReportText.Languages)}."];
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems, title: "Some parameters are not right.");
        var result = await statistics.DefendersAsync(ct);
        return TypedResults.Content(ReportFormat.Render(result, format, ReportText.For(lang)), ReportFormat.ContentType(format));
    }

    /// <summary>GET /api/v1/research/incidents/triggers: incidents and their violations by triggering activity (null: under 5, withheld).</summary>
    public static async Task<Ok<TriggerTable>> Triggers(IncidentStatistics statistics, CancellationToken ct) =>
        TypedResults.Ok(await statistics.TriggersAsync(ct));
}
