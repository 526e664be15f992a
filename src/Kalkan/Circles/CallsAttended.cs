namespace Kalkan.Circles;

public sealed record ResponseView(string Kind, string Handle, DateTimeOffset At);
public sealed record SosView(Guid Id, string Handle, double? Lat, double? Lon, string? Note, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, List<ResponseView> Responses);
public sealed record MissedView(Guid Id, string Handle, DateTimeOffset DueAt, string? Note, double? Lat, double? Lon);

/// <summary>
/// The open calls a caller attends, with who she may see decided inside the query: a member's list
/// is filtered in the store on the owners of the circles she accepted a place in (their blind
/// indexes), a defender's is every open call. Three queries for each list whatever the network's
/// size: her accepted links, the calls with their answers, the handles. Fewer would need what a
/// seized store must not show: one blind-index key shared between the links and the calls (so the
/// store would say whose circle raised which call), or copies of handles that outlive an erasure
/// (decision 1402). A row changed on disk (it no longer opens) is left out and counted in the log,
/// never named: one such row cannot take every other call off a defender's list.
/// </summary>
public sealed class CallsAttended(KalkanDb db, CircleSeal seal, CircleDirectory directory, TimeProvider clock, ILogger<CallsAttended> log)
{
    const string Rows = "rows of an open-calls list";

    /// <summary>A list leaves out a row that does not open; one call asked for by its id fails loudly instead (<paramref name="list"/> false).</summary>
    List<TView> Open<TRow, TView>(IEnumerable<TRow> rows, Func<TRow, TView> open, bool list = true) =>
        list ? SealedRows.OpenEach(rows, open, log, Rows) : [.. rows.Select(open)];

    /// <summary>Open SOS calls: her circles', or (for a defender) all of them, and her own when <paramref name="own"/>; <paramref name="since"/> narrows to recent ones.</summary>
    public async Task<List<SosView>> SosAsync(Caller caller, DateTimeOffset? since, bool own, CancellationToken ct)
    {
        var mine = seal.SosOwnerIndex(caller.Id);
        var calls = db.Set<SosCall>().AsNoTracking().Where(s => s.ResolvedAt == null);
        if (since is { } from) calls = calls.Where(s => s.CreatedAt >= from);
        if (!own) calls = calls.Where(s => s.OwnerIndex != mine);
        if (!caller.AttendsEveryone)
        {
            var owners = (await directory.OwnersAttendedByAsync(caller.Id, ct)).Select(seal.SosOwnerIndex).ToList();
            if (own) owners.Add(mine);
            if (owners.Count == 0) return [];
            calls = calls.Where(s => owners.Contains(s.OwnerIndex));
        }
        return await ViewsAsync(calls, list: true, ct);
    }

    /// <summary>Missed check-ins not yet resolved, of others: her circles', or (for a defender) everyone's.</summary>
    public async Task<List<MissedView>> MissedAsync(Caller caller, DateTimeOffset? since, CancellationToken ct)
    {
        var mine = seal.CheckinOwnerIndex(caller.Id);
        var missed = db.Set<Checkin>().AsNoTracking().Where(c => c.State == CheckinState.Missed && c.ResolvedAt == null && c.OwnerIndex != mine);
        if (since is { } from) missed = missed.Where(c => c.DueAt >= from);
        if (!caller.AttendsEveryone)
        {
            var owners = (await directory.OwnersAttendedByAsync(caller.Id, ct)).Select(seal.CheckinOwnerIndex).ToList();
            if (owners.Count == 0) return [];
            missed = missed.Where(c => owners.Contains(c.OwnerIndex));
        }
        var rows = Open(await missed.OrderBy(c => c.DueAt).ToListAsync(ct), c => (Row: c, Owner: seal.OwnerOf(c)));
        var handles = await directory.HandlesOfAsync([.. rows.Select(c => c.Owner)], ct);
        return Open(rows, c => CallEvents.MissedView(c.Row, handles.GetValueOrDefault(c.Owner, ""), seal));
    }

    /// <summary>Someone who attends her reached her: the missed check-in is closed and will not escalate.</summary>
    public async Task<Outcome<Guid>> ReachedAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var checkin = await db.Set<Checkin>().SingleOrDefaultAsync(c => c.Id == id && c.State == CheckinState.Missed && c.ResolvedAt == null, ct);
        var owner = checkin is null ? Guid.Empty : seal.OwnerOf(checkin);
        if (checkin is null || owner == caller.Id || !await directory.MayAttendAsync(owner, caller, ct)) return Outcome<Guid>.NotFound();
        checkin.ResolvedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new Outcome<Guid>(StatusCodes.Status204NoContent, id);
    }

    /// <summary>One call as this caller may see it, or null when it is not hers, her circle's or a defender's to see.</summary>
    public async Task<SosView?> SosAsync(SosCall call, Caller caller, CancellationToken ct) =>
        await directory.MayAttendAsync(seal.OwnerOf(call), caller, ct)
            ? (await ViewsAsync(db.Set<SosCall>().AsNoTracking().Where(s => s.Id == call.Id), list: false, ct)).SingleOrDefault()
            : null;

    /// <summary>
    /// The calls, newest first, each with its answers in the order they came: one query (a left join), then one for the
    /// handles. In a list an answer that does not open is left out on its own; its call stays listed.
    /// </summary>
    async Task<List<SosView>> ViewsAsync(IQueryable<SosCall> calls, bool list, CancellationToken ct)
    {
        var rows = await (from call in calls
                          join answer in db.Set<SosResponse>().AsNoTracking() on call.Id equals answer.SosId into answers
                          from answer in answers.DefaultIfEmpty()
                          orderby call.CreatedAt descending, call.Id, answer!.At
                          select new { Call = call, Answer = answer }).ToListAsync(ct);
        var byCall = Open(rows.GroupBy(r => r.Call.Id), g => (Call: g.First().Call, Owner: seal.OwnerOf(g.First().Call),
            Answers: Open(g.Where(r => r.Answer is not null), r => (Row: r.Answer!, Responder: seal.ResponderOf(r.Answer!.Id, r.Answer.ResponderSealed)), list)), list);
        var handles = await directory.HandlesOfAsync([.. byCall.Select(c => c.Owner), .. byCall.SelectMany(c => c.Answers).Select(a => a.Responder)], ct);
        return Open(byCall, c =>
        {
            var position = seal.PositionOf(c.Call);
            var answers = c.Answers.Select(a => new ResponseView(a.Row.Kind, handles.GetValueOrDefault(a.Responder, ""), a.Row.At)).ToList();
            return new SosView(c.Call.Id, handles.GetValueOrDefault(c.Owner, ""), position?.Lat, position?.Lon, seal.NoteOf(c.Call), c.Call.CreatedAt, c.Call.ResolvedAt, answers);
        }, list);
    }
}
