using Kalkan.Audit;
using Kalkan.Delivery;

namespace Kalkan.Cases;

public sealed record DeadlineInput(string? Due, string? Label);

public sealed record DeadlineView(Guid Id, DateTimeOffset Due, string Label, bool Reminded);

/// <summary>Deadlines of a case, set and read by its own defenders and admins.</summary>
public sealed class CaseDeadlines(KalkanDb db, CaseKeys keys, AuditChain audit)
{
    public const int LabelMax = 200;

    public async Task<(CaseOutcome, DeadlineView?, Validation?)> AddAsync(CaseReader reader, Guid caseId, DeadlineInput? input, CancellationToken ct)
    {
        if (!await db.Set<Case>().HandledBy(db, reader).AnyAsync(c => c.Id == caseId, ct)) return (CaseOutcome.NotFound, null, null);
        var errors = new Validation().Required("label", input?.Label, LabelMax);
        DateTimeOffset due = default;
        if (string.IsNullOrWhiteSpace(input?.Due)) errors.Add("due", "Required: a date as 2026-10-03, or a time as 2026-10-03T10:00:00Z.");
        else if (DateOnly.TryParseExact(input.Due.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            due = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        else if (!DateTimeOffset.TryParse(input.Due.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out due))
            errors.Add("due", "A date as 2026-10-03, or a time as 2026-10-03T10:00:00Z.");
        if (errors.Any) return (CaseOutcome.Invalid, null, errors);
        var deadline = new CaseDeadline { CaseId = caseId, Due = due.ToUniversalTime(), LabelSealed = [] };
        deadline.LabelSealed = keys.Seal(CaseDeadline.Table, CaseDeadline.LabelColumn, deadline.Id, input!.Label!.Trim());
        db.Add(deadline);
        await audit.RecordAsync(CaseActions.Deadline, caseId, ct);
        return (CaseOutcome.Done, View(deadline), null);
    }

    public async Task<List<DeadlineView>> ListAsync(CaseReader reader, Guid caseId, CancellationToken ct)
    {
        var handled = db.Set<Case>().HandledBy(db, reader).Select(c => c.Id);
        return [.. (await db.Set<CaseDeadline>().AsNoTracking().Where(d => d.CaseId == caseId && handled.Contains(d.CaseId)).OrderBy(d => d.Due).ToListAsync(ct)).Select(View)];
    }

    DeadlineView View(CaseDeadline d) => new(d.Id, d.Due, keys.Open(CaseDeadline.Table, CaseDeadline.LabelColumn, d.Id, d.LabelSealed)!, d.RemindedAt is not null);
}

/// <summary>
/// Reminds a case's own defenders of each deadline once, Cases:RemindBefore ahead of it, as
/// `event: case-deadline` {case, deadline, due} and a neutral push. Each deadline is claimed with a
/// conditional update before it is announced, so a restart or a second instance never reminds twice,
/// and a reminder that fell due while the server was down goes out at the first tick after.
/// </summary>
sealed class CaseReminders(IServiceScopeFactory scopes, SealState seal, StreamHub hub, IOptions<CasesOptions> options, TimeProvider clock,
    ILogger<CaseReminders> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (seal.Status == SealStatus.Ready)
            {
                try { await TickAsync(stop); }
                catch (Exception e) when (e is not OperationCanceledException) { log.LogError("Case reminders failed this tick: {Type}", e.GetType().Name); }
            }
            await Task.Delay(options.Value.ReminderInterval, clock, stop);
        }
    }

    async Task TickAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
        var keys = scope.ServiceProvider.GetRequiredService<CaseKeys>();
        var now = clock.GetUtcNow();
        var horizon = now + options.Value.RemindBefore;
        foreach (var deadline in await db.Set<CaseDeadline>().AsNoTracking().Where(d => d.RemindedAt == null && d.Due <= horizon).ToListAsync(ct))
        {
            if (await db.Set<CaseDeadline>().Where(d => d.Id == deadline.Id && d.RemindedAt == null).ExecuteUpdateAsync(u => u.SetProperty(d => d.RemindedAt, now), ct) == 0) continue;
            var assignees = await db.Set<CaseAssignee>().AsNoTracking().Where(a => a.CaseId == deadline.CaseId).ToListAsync(ct);
            hub.Publish("case-deadline", new { @case = deadline.CaseId, deadline = deadline.Id, due = deadline.Due },
                Audience.Members(keys.AssigneesOf(assignees, log)), push: true);
        }
    }
}
