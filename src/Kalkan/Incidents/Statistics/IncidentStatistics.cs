using Kalkan.Audit;
using Kalkan.Stats;
using Kalkan.Stats.Reporting;
using Kalkan.Stats.Survey;

namespace Kalkan.Incidents.Statistics;

/// <summary>Violations counted by the defending work that seems to have triggered them; a null count is under the threshold and withheld.</summary>
public sealed record TriggerTable(IReadOnlyList<string> Violations, IReadOnlyList<TriggerRow> Rows, int Threshold);

/// <summary>One trigger (null: none, or not known): how many incidents, and how many of them had each violation.</summary>
public sealed record TriggerRow(string? Trigger, long? Incidents, IReadOnlyList<long?> Counts);

/// <summary>
/// The network's research over its own records, from the current version of every incident whose
/// victim agreed to aggregate statistics, through the same Kalkan.Stats code and the same
/// small-cell suppression as a survey. Only counts leave: no id, date, place or name.
/// </summary>
/// <remarks>
/// For defenders against others, the unit is a victim in a district: a person (one pseudonym)
/// counts once per district however many incidents name her there, as a respondent counts once in
/// a survey; she is a defender if any of them says so, and has suffered a violation if any of them
/// records it. A victim whose defender status no incident gives, or an incident without a
/// district, is left out and counted as such.
/// </remarks>
public sealed class IncidentStatistics(KalkanDb db, AuditChain audit)
{
    public const string Exposure = "defender", StrataColumn = "district";

    /// <summary>The analysis, always published (suppressed): the records are not the researcher's own.</summary>
    public async Task<AnalysisResult> DefendersAsync(CancellationToken ct)
    {
        var rows = await ConsentedAsync(ct);
        var units = new Dictionary<(string District, Guid Person), (bool? Defender, HashSet<string> Codes)>();
        long leftOut = 0;
        foreach (var row in rows)
            foreach (var victim in row.Victims)
            {
                if (row.District is null) { leftOut++; continue; }
                var key = (row.District, victim.Person);
                var unit = units.GetValueOrDefault(key, (null, new HashSet<string>(StringComparer.Ordinal)));
                unit.Codes.UnionWith(row.Codes);
                units[key] = (unit.Defender == true || victim.Defender == true ? true : unit.Defender ?? victim.Defender, unit.Codes);
            }
        leftOut += units.Count(u => u.Value.Defender is null);
        var counted = units.Where(u => u.Value.Defender is not null).ToList();
        var strata = counted.Select(u => u.Key.District).Distinct().Order(StringComparer.Ordinal).ToList();
        var outcomes = IncidentCodes.Violations;
        var cells = new long[strata.Count * outcomes.Count * 4];
        foreach (var ((district, _), (defender, codes)) in counted)
        {
            var s = strata.IndexOf(district);
            for (var o = 0; o < outcomes.Count; o++)
                cells[(s * outcomes.Count + o) * 4 + (defender == true ? 0 : 2) + (codes.Contains(outcomes[o]) ? 0 : 1)]++;
        }
        var counts = new SurveyCounts(Exposure, StrataColumn, outcomes, strata, cells, counted.Count, leftOut);
        await audit.RecordAsync(IncidentActions.Analysed, null, ct);
        return Publication.Apply(Analysis.Compute(counts));
    }

    /// <summary>Incidents and their violations by trigger, every count under <see cref="Publication.Threshold"/> withheld.</summary>
    public async Task<TriggerTable> TriggersAsync(CancellationToken ct)
    {
        var rows = await ConsentedAsync(ct);
        var table = new List<TriggerRow>();
        foreach (var trigger in IncidentCodes.Triggers.Append(null))
        {
            var these = rows.Where(r => r.Trigger == trigger).ToList();
            table.Add(new TriggerRow(trigger, Shown(these.Count), [.. IncidentCodes.Violations.Select(v => Shown(these.Count(r => r.Codes.Contains(v))))]));
        }
        await audit.RecordAsync(IncidentActions.Analysed, null, ct);
        return new TriggerTable(IncidentCodes.Violations, table, Publication.Threshold);
    }

    static long? Shown(long count) => count < Publication.Threshold ? null : count;

    sealed record Victim(Guid Person, bool? Defender);

    sealed record Consented(string? District, string? Trigger, List<string> Codes, List<Victim> Victims);

    async Task<List<Consented>> ConsentedAsync(CancellationToken ct) =>
        [.. (await db.Set<IncidentVersion>().AsNoTracking()
            .Where(v => v.ConsentAggregate && db.Set<Incident>().Any(i => i.Id == v.IncidentId && i.LatestVersion == v.Number))
            .Select(v => new
            {
                v.District, v.Trigger,
                Codes = v.Acts.Select(a => a.Code).ToList(),
                Victims = v.People.Where(p => p.Role == IncidentCodes.Victim).Select(p => new { p.PseudonymId, p.Defender }).ToList(),
            }).ToListAsync(ct))
            .Select(r => new Consented(r.District, r.Trigger, r.Codes, [.. r.Victims.Select(p => new Victim(p.PseudonymId, p.Defender))]))];
}
