using Kalkan.Audit;
using Kalkan.Incidents;
using Kalkan.Identity.Members;

namespace Kalkan.Cases;

/// <summary>
/// Reading cases, for the API and the pages alike. Every read of one case is in the audit chain.
/// What only a case's own defenders and admins may see is read by queries that carry that rule in
/// their Where, so no branch of code can hand it to anyone else. In the lists, a case changed on disk
/// (its title no longer opens) is left out and counted in the log (<see cref="SealedRows"/>); one case
/// asked for by its id still fails loudly.
/// </summary>
public sealed class CaseQueries(KalkanDb db, CaseKeys keys, PseudonymRegistry pseudonyms, PerpetratorProfiles profiles, MemberAccounts accounts, AuditChain audit, TimeProvider clock,
    ILogger<CaseQueries> log)
{
    public async Task<CaseView?> GetAsync(CaseReader reader, Guid id, CancellationToken ct)
    {
        var @case = await db.Set<Case>().AsNoTracking().VisibleTo(reader).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (@case is null) return null;
        var handled = db.Set<Case>().HandledBy(db, reader).Where(c => c.Id == id);
        var full = await handled.AnyAsync(ct);
        var steps = await db.Set<CaseStep>().AsNoTracking().Where(s => s.CaseId == id).OrderBy(s => s.RecordedAt).ToListAsync(ct);
        var named = await db.Set<CasePerpetrator>().AsNoTracking().Where(p => p.CaseId == id).Select(p => p.ProfileId).ToListAsync(ct);
        var kinds = await profiles.KindsAsync(named, ct);
        List<CasePerpetratorView> perpetrators = [.. named.Where(kinds.ContainsKey).Select(p => new CasePerpetratorView(p, kinds[p]))];
        var view = new CaseView(@case.Id, Title(@case), @case.Body, @case.Status, @case.FiledOn, @case.CreatedAt, full,
            [.. steps.Select(s => new StepView(s.Status, s.On, s.UnderPressure, s.RecordedAt, full ? keys.Open(CaseStep.Table, CaseStep.NoteColumn, s.Id, s.NoteSealed) : null))],
            perpetrators);
        if (full)
        {
            var people = await db.Set<CasePerson>().AsNoTracking().Where(p => p.CaseId == id && handled.Any()).OrderBy(p => p.Slot).ToListAsync(ct);
            var registryIds = people.ToDictionary(p => p.Id, p => keys.OpenId(CasePerson.Table, CasePerson.PseudonymColumn, p.Id, p.PseudonymSealed));
            var names = await pseudonyms.NamesAsync(registryIds.Values, ct);
            var handles = new Dictionary<Guid, string>();
            foreach (var p in people.Where(p => p.MemberSealed is not null))
                handles[p.Id] = await HandleOfAsync(keys.OpenId(CasePerson.Table, CasePerson.MemberColumn, p.Id, p.MemberSealed!), ct);
            List<CasePersonView> Of(string role) => [.. people.Where(p => p.Role == role).Select(p => new CasePersonView(names[registryIds[p.Id]], handles.GetValueOrDefault(p.Id)))];
            var assignees = new List<string>();
            foreach (var a in await db.Set<CaseAssignee>().AsNoTracking().Where(a => a.CaseId == id && handled.Any()).ToListAsync(ct))
                assignees.Add(await HandleOfAsync(keys.OpenId(CaseAssignee.Table, CaseAssignee.MemberColumn, a.Id, a.MemberSealed), ct));
            var warnings = await db.Set<CaseWarning>().AsNoTracking().Where(w => w.CaseId == id && handled.Any()).OrderByDescending(w => w.RaisedAt)
                .Select(w => new WarningView(w.Id, w.Reason, w.RaisedAt, w.AcknowledgedAt)).ToListAsync(ct);
            view = view with
            {
                Complainants = Of(CaseCodes.Complainant), Helpers = Of(CaseCodes.Helper),
                Incidents = await db.Set<CaseIncident>().AsNoTracking().Where(i => i.CaseId == id && handled.Any()).Select(i => i.IncidentId).ToListAsync(ct),
                Assignees = [.. assignees.Order(StringComparer.Ordinal)],
                Notes = keys.Open(Case.Table, Case.NotesColumn, @case.Id, @case.NotesSealed),
                Watch = new WatchView(@case.WatchUntil is null || @case.WatchUntil > clock.GetUtcNow(), @case.WatchUntil),
                Warnings = warnings,
            };
        }
        await audit.RecordAsync(CaseActions.Read, id, ct);
        return view;
    }

    /// <summary>Every case a defender may know of, newest first; none for anyone else.</summary>
    public async Task<List<CaseSummary>> ListAsync(CaseReader reader, CancellationToken ct)
    {
        var index = reader.AssigneeIndex;
        var rows = await db.Set<Case>().AsNoTracking().VisibleTo(reader).OrderByDescending(c => c.CreatedAt)
            .Select(c => new
            {
                Case = c,
                Assigned = db.Set<CaseAssignee>().Any(a => a.CaseId == c.Id && a.MemberIndex == index),
            }).ToListAsync(ct);
        var handled = await db.Set<Case>().HandledBy(db, reader).Select(c => c.Id).ToListAsync(ct);
        var open = await db.Set<CaseWarning>().AsNoTracking().Where(w => w.AcknowledgedAt == null && handled.Contains(w.CaseId))
            .GroupBy(w => w.CaseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        if (reader.Defender) await audit.RecordAsync(CaseActions.Listed, null, ct);
        return SealedRows.OpenEach(rows, r => new CaseSummary(r.Case.Id, Title(r.Case), r.Case.Body, r.Case.Status, r.Case.FiledOn, r.Assigned, open.GetValueOrDefault(r.Case.Id)),
            log, "cases");
    }

    /// <summary>The cases in which this member is a complainant or helper: where each stands, in plain steps.</summary>
    public async Task<List<OwnCaseView>> MineAsync(Guid member, CancellationToken ct)
    {
        var index = keys.WatchedMemberIndexOf(member);
        var cases = await db.Set<Case>().AsNoTracking().Where(c => db.Set<CasePerson>().Any(p => p.CaseId == c.Id && p.MemberIndex == index))
            .OrderByDescending(c => c.CreatedAt).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var steps = await db.Set<CaseStep>().AsNoTracking().Where(s => ids.Contains(s.CaseId)).OrderBy(s => s.RecordedAt).ToListAsync(ct);
        return SealedRows.OpenEach(cases, c => new OwnCaseView(c.Id, Title(c), c.Body, c.Status, c.FiledOn,
            [.. steps.Where(s => s.CaseId == c.Id).Select(s => new OwnStepView(s.Status, s.On))]), log, "cases of hers");
    }

    /// <summary>A warning seen by one of the case's defenders: it is no longer replayed when a stream opens.</summary>
    public async Task<bool> AcknowledgeAsync(CaseReader reader, Guid caseId, Guid warningId, CancellationToken ct)
    {
        var handled = db.Set<Case>().HandledBy(db, reader).Where(c => c.Id == caseId);
        var now = clock.GetUtcNow();
        return await db.Set<CaseWarning>().Where(w => w.Id == warningId && w.CaseId == caseId && handled.Any())
            .ExecuteUpdateAsync(u => u.SetProperty(w => w.AcknowledgedAt, w => w.AcknowledgedAt ?? now), ct) > 0;
    }

    public async Task<bool> HandlesAsync(CaseReader reader, Guid id, CancellationToken ct) =>
        await db.Set<Case>().HandledBy(db, reader).AnyAsync(c => c.Id == id, ct);

    string Title(Case c) => keys.Open(Case.Table, Case.TitleColumn, c.Id, c.TitleSealed)!;

    async Task<string> HandleOfAsync(Guid member, CancellationToken ct) =>
        await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == member, ct) is { } row ? accounts.HandleOf(row) : "";
}
