using Kalkan.Audit;
using Kalkan.Incidents;
using Kalkan.Identity.Members;

namespace Kalkan.Cases;

public enum CaseOutcome { Done, Invalid, NotFound }

public sealed record CaseResult(CaseOutcome Outcome, Guid? Id = null, Validation? Errors = null);

/// <summary>
/// Creating a case, moving its status and assigning its defenders, shared by the API and the pages.
/// Each change and its audit entry are saved by one SaveChanges (the chain's), so a 201 means both
/// are stored; nothing is stored when a rule fails.
/// </summary>
public sealed class CaseDesk(KalkanDb db, CaseKeys keys, PseudonymRegistry pseudonyms, IncidentFacts incidentFacts, MemberAccounts accounts, AuditChain audit,
    IOptions<CasesOptions> options, TimeProvider clock)
{
    public async Task<CaseResult> CreateAsync(CaseReader reader, Viewer incidentViewer, CaseInput? input, CancellationToken ct)
    {
        if (!reader.Defender) return new(CaseOutcome.NotFound);
        var errors = CaseValidation.Check(input);
        if (errors.Any) return new(CaseOutcome.Invalid, Errors: errors);
        var incidents = (input!.Incidents ?? []).Select(i => i!.Value).ToList();
        for (var i = 0; i < incidents.Count; i++)
            if (!await incidentFacts.VisibleAsync(incidentViewer, incidents[i], ct)) errors.Add($"incidents[{i}]", "No such incident.");
        var assignees = new List<Guid> { reader.MemberId };
        for (var i = 0; i < (input.Assignees?.Count ?? 0); i++)
        {
            if (await MemberAsync(input.Assignees![i]!, ct) is { Role: Roles.Defender or Roles.Admin } member) assignees.Add(member.Id);
            else errors.Add($"assignees[{i}]", "No defender with this handle.");
        }
        var members = new Dictionary<CasePersonInput, Guid>();
        foreach (var (field, people) in new[] { ("complainants", input.Complainants), ("helpers", input.Helpers) })
            for (var i = 0; i < (people?.Count ?? 0); i++)
                if (people![i]!.Member is { } handle)
                {
                    if (await MemberAsync(handle, ct) is { } member) members[people[i]!] = member.Id;
                    else errors.Add($"{field}[{i}].member", "No member with this handle.");
                }
        if (errors.Any) return new(CaseOutcome.Invalid, Errors: errors);

        var now = clock.GetUtcNow();
        var @case = new Case { TitleSealed = [], Body = input.Body!.Trim(), Status = CaseCodes.Preparing, CreatedAt = now };
        @case.TitleSealed = keys.Seal(Case.Table, Case.TitleColumn, @case.Id, input.Title!.Trim());
        if (!string.IsNullOrWhiteSpace(input.Notes)) @case.NotesSealed = keys.Seal(Case.Table, Case.NotesColumn, @case.Id, input.Notes.Trim());
        db.Add(@case);
        db.Add(new CaseStep { CaseId = @case.Id, Status = CaseCodes.Preparing, On = Day(now), RecordedAt = now });
        foreach (var incident in incidents.Distinct()) db.Add(new CaseIncident { CaseId = @case.Id, IncidentId = incident });
        foreach (var profile in await incidentFacts.ProfilesNamedAsync(incidents, ct)) db.Add(new CasePerpetrator { CaseId = @case.Id, ProfileId = profile });
        foreach (var (role, people) in new[] { (CaseCodes.Complainant, input.Complainants), (CaseCodes.Helper, input.Helpers) })
            for (var slot = 0; slot < (people?.Count ?? 0); slot++)
                await AddPersonAsync(@case.Id, role, slot, people![slot]!.Pseudonym!, members.TryGetValue(people[slot]!, out var m) ? m : null, ct);
        foreach (var member in assignees.Distinct()) AddAssignee(@case.Id, member);
        await audit.RecordAsync(CaseActions.Created, @case.Id, ct);
        return new(CaseOutcome.Done, @case.Id);
    }

    public async Task<CaseResult> ChangeStatusAsync(CaseReader reader, Guid id, StatusInput? input, CancellationToken ct)
    {
        var @case = await db.Set<Case>().HandledBy(db, reader).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (@case is null) return new(CaseOutcome.NotFound);
        var now = clock.GetUtcNow();
        var (status, on, errors) = CaseValidation.Check(input, DateOnly.FromDateTime(now.UtcDateTime));
        if (errors.Any) return new(CaseOutcome.Invalid, Errors: errors);
        var step = new CaseStep { CaseId = id, Status = status!, On = on!, UnderPressure = input!.UnderPressure == true, RecordedAt = now };
        if (!string.IsNullOrWhiteSpace(input.Note)) step.NoteSealed = keys.Seal(CaseStep.Table, CaseStep.NoteColumn, step.Id, input.Note.Trim());
        db.Add(step);
        @case.Status = step.Status;
        if (step.Status == CaseCodes.Filed) @case.FiledOn = step.On;
        // Open, or withdrawn under pressure: watched without end. Otherwise the watch runs on for WatchMonths after the day it ended.
        @case.WatchUntil = !CaseCodes.Ends(step.Status) || step.UnderPressure ? null
            : new DateTimeOffset(DateOnly.ParseExact(step.On, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMonths(options.Value.WatchMonths);
        await audit.RecordAsync(CaseActions.Status, id, ct);
        return new(CaseOutcome.Done, id);
    }

    public async Task<CaseResult> AssignAsync(CaseReader reader, Guid id, AssignInput? input, CancellationToken ct)
    {
        if (!await db.Set<Case>().HandledBy(db, reader).AnyAsync(c => c.Id == id, ct)) return new(CaseOutcome.NotFound);
        var problem = Handles.Problem(input?.Handle);
        var member = problem is null ? await MemberAsync(input!.Handle!, ct) : null;
        if (member is not { Role: Roles.Defender or Roles.Admin }) return new(CaseOutcome.Invalid, Errors: new Validation().Add("handle", problem ?? "No defender with this handle."));
        var index = keys.AssigneeIndexOf(member.Id);
        if (!await db.Set<CaseAssignee>().AnyAsync(a => a.CaseId == id && a.MemberIndex == index, ct)) AddAssignee(id, member.Id);
        await audit.RecordAsync(CaseActions.Assigned, id, ct);
        return new(CaseOutcome.Done, id);
    }

    async Task<Member?> MemberAsync(string handle, CancellationToken ct)
    {
        var index = accounts.IndexOf(handle.Trim());
        return await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.HandleIndex == index && m.RevokedAt == null, ct);
    }

    async Task AddPersonAsync(Guid caseId, string role, int slot, string pseudonym, Guid? member, CancellationToken ct)
    {
        var registryId = await pseudonyms.ResolveAsync(pseudonym, ct);
        var person = new CasePerson { CaseId = caseId, Role = role, Slot = slot, PseudonymSealed = [], WatchIndex = keys.WatchIndexOf(registryId) };
        person.PseudonymSealed = keys.SealId(CasePerson.Table, CasePerson.PseudonymColumn, person.Id, registryId);
        if (member is { } m)
        {
            person.MemberSealed = keys.SealId(CasePerson.Table, CasePerson.MemberColumn, person.Id, m);
            person.MemberIndex = keys.WatchedMemberIndexOf(m);
        }
        db.Add(person);
    }

    void AddAssignee(Guid caseId, Guid member)
    {
        var assignee = new CaseAssignee { CaseId = caseId, MemberIndex = keys.AssigneeIndexOf(member), MemberSealed = [] };
        assignee.MemberSealed = keys.SealId(CaseAssignee.Table, CaseAssignee.MemberColumn, assignee.Id, member);
        db.Add(assignee);
    }

    static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
