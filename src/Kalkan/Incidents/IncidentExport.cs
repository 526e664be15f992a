using Kalkan.Audit;
using Kalkan.Identity.Members;

namespace Kalkan.Incidents;

/// <summary>
/// The network's structured data for humanitarian tools: one row per incident whose victim agreed
/// to aggregate statistics, its current version's plain fields only (no narrative, place, names,
/// badges or plates), with the HXL hashtag row under the header as HXL-aware tools expect.
/// </summary>
public static class IncidentExport
{
    public static readonly string[] Header = ["incident", "occurred_on", "date_precision", "district", "violations", "trigger", "perpetrator_kinds", "victims", "defender_victims"];
    public static readonly string[] Hashtags = ["#event+id", "#date+occurred", "#date+precision", "#adm2+name", "#event+type+violation", "#event+trigger", "#actor+type", "#affected+num", "#affected+num+defender"];

    public static IEndpointRouteBuilder MapIncidentExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/incidents/export.csv", Csv).WithTags("Incidents").RequireAuthorization(Roles.Defender);
        return app;
    }

    public static async Task<ContentHttpResult> Csv(KalkanDb db, AuditChain audit, CancellationToken ct)
    {
        var rows = await db.Set<IncidentVersion>().AsNoTracking()
            .Where(v => v.ConsentAggregate && db.Set<Incident>().Any(i => i.Id == v.IncidentId && i.LatestVersion == v.Number))
            .OrderBy(v => v.OccurredFrom)
            .Select(v => new
            {
                v.IncidentId, v.OccurredOn, v.Precision, v.District, v.Trigger,
                Codes = v.Acts.OrderBy(a => a.Slot).Select(a => a.Code).ToList(),
                Profiles = v.Perpetrators.Select(p => p.ProfileId).ToList(),
                Victims = v.People.Count(p => p.Role == IncidentCodes.Victim),
                Defenders = v.People.Count(p => p.Role == IncidentCodes.Victim && p.Defender == true),
            }).ToListAsync(ct);
        var wanted = rows.SelectMany(r => r.Profiles).Distinct().ToList();
        var kinds = await db.Set<PerpetratorProfile>().AsNoTracking().Where(p => wanted.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Kind, ct);
        var csv = new StringBuilder();
        csv.AppendJoin(',', Header).Append("\r\n").AppendJoin(',', Hashtags).Append("\r\n");
        foreach (var r in rows)
        {
            string[] fields = [r.IncidentId.ToString(), r.OccurredOn, r.Precision, r.District ?? "", string.Join(' ', r.Codes), r.Trigger ?? "",
                string.Join(' ', r.Profiles.Select(p => kinds[p]).Distinct().Order()), r.Victims.ToString(CultureInfo.InvariantCulture), r.Defenders.ToString(CultureInfo.InvariantCulture)];
            csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");
        }
        await audit.RecordAsync(IncidentActions.Exported, null, ct);
        return TypedResults.Text(csv.ToString(), "text/csv; charset=utf-8");
    }

    /// <summary>RFC 4180 quoting, and a leading quote mark for what a spreadsheet would run as a formula.</summary>
    static string Field(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
