using Kalkan.Audit;
using Kalkan.Incidents;
using Kalkan.Identity.Members;
using Kalkan.Stats.Reporting;

namespace Kalkan.Cases;

/// <summary>A count, or null where it is under the publication threshold (it could point at a person).</summary>
public sealed record BodyStatusCount(string Body, string Status, int? Cases);

/// <summary>Days from the filing to the first decision or closure, per body; null under the threshold.</summary>
public sealed record TimeToOutcome(string Body, int? Cases, double? MedianDays);

/// <summary>Filed cases, and how many of them saw at least one possible retaliation; both null under the threshold.</summary>
public sealed record RetaliationAfterComplaint(int? Filed, int? Retaliated);

public sealed record CaseStatisticsView(int Threshold, List<BodyStatusCount> ByBodyAndStatus, List<TimeToOutcome> TimeToOutcome, RetaliationAfterComplaint Retaliation);

/// <summary>
/// Statistics for advocacy, from consented records only: a case counts when it has incidents and
/// the victim of every one of them agreed to aggregate statistics. Every count from 1 to
/// <see cref="Publication.Threshold"/> - 1 is withheld, as the research analysis does when it publishes;
/// no totals are given from which a withheld count could be worked back.
/// </summary>
public static class CaseStatistics
{
    public static IEndpointRouteBuilder MapCaseStatistics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/cases/statistics", Get).WithTags("Cases").RequireAuthorization(p => p.RequireRole(Roles.Defender, Roles.Admin, Roles.Researcher));
        return app;
    }

    public static async Task<Ok<CaseStatisticsView>> Get(KalkanDb db, IncidentFacts incidents, AuditChain audit, CancellationToken ct)
    {
        var consenting = incidents.ConsentingToStatistics();
        var consented = await db.Set<Case>().AsNoTracking()
            .Where(c => db.Set<CaseIncident>().Any(i => i.CaseId == c.Id)
                && db.Set<CaseIncident>().Where(i => i.CaseId == c.Id).All(i => consenting.Contains(i.IncidentId)))
            .Select(c => new
            {
                c.Id, c.Body, c.Status, c.FiledOn,
                Outcome = db.Set<CaseStep>().Where(s => s.CaseId == c.Id && (s.Status == CaseCodes.Decided || s.Status == CaseCodes.Closed)).OrderBy(s => s.RecordedAt).Select(s => s.On).FirstOrDefault(),
                Retaliated = db.Set<CaseWarning>().Any(w => w.CaseId == c.Id),
            }).ToListAsync(ct);

        var counts = consented.GroupBy(c => (c.Body, c.Status)).OrderBy(g => g.Key.Body).ThenBy(g => g.Key.Status)
            .Select(g => new BodyStatusCount(g.Key.Body, g.Key.Status, Shown(g.Count()))).ToList();
        var times = consented.Where(c => c.FiledOn is not null && c.Outcome is not null).GroupBy(c => c.Body).OrderBy(g => g.Key)
            .Select(g =>
            {
                var days = g.Select(c => (double)(Day(c.Outcome!).DayNumber - Day(c.FiledOn!).DayNumber)).Order().ToList();
                var shown = Shown(days.Count);
                return new TimeToOutcome(g.Key, shown, shown is null ? null : Median(days));
            }).ToList();
        var filed = consented.Where(c => c.FiledOn is not null).ToList();
        var retaliated = filed.Count(c => c.Retaliated);
        var retaliation = Shown(filed.Count) is null || Shown(retaliated) is null && retaliated > 0
            ? new RetaliationAfterComplaint(null, null) : new RetaliationAfterComplaint(filed.Count, retaliated);
        await audit.RecordAsync(CaseActions.Statistics, null, ct);
        return TypedResults.Ok(new CaseStatisticsView(Publication.Threshold, counts, times, retaliation));
    }

    static int? Shown(int count) => count is > 0 and < Publication.Threshold ? null : count;

    static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    static double Median(List<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
