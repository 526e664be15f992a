using Kalkan.Audit;
using Kalkan.Circles;
using Kalkan.Delivery;
using Kalkan.Incidents;

namespace Kalkan.Cases;

/// <summary>
/// Turns each signal into warnings for the watched cases it touches: a new incident naming a
/// complainant or helper (by pseudonym) or a perpetrator of the case (the same profile, or one with
/// the same badge or plate), or an SOS or missed check-in of a complainant or helper who is a member.
/// Each warning is stored first (unique per case and source, so nothing warns twice), entered in
/// the audit chain, then sent as `event: retaliation` {case, reason} to the case's own defenders'
/// streams and, with the neutral push text, to their phones. The queue lives in memory, so after each
/// unseal the incidents and alarms of <see cref="CasesOptions.CatchUpWindow"/> are looked at again:
/// a stop, or a seal, between an incident's 201 and its warning loses nothing.
/// </summary>
sealed class RetaliationWarnings(RetaliationWatch watch, IServiceScopeFactory scopes, StreamHub hub, SealState seal, IOptions<CasesOptions> options,
    TimeProvider clock, ILogger<RetaliationWarnings> log) : BackgroundService
{
    static readonly TimeSpan SealPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>Signals handled in one scope, sharing what the store said of each member.</summary>
    const int DrainAtMost = 5000;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        // After every unseal (ClosedAt changes with each seal) the past first: a signal that was being handled
        // when the seal closed failed on its keys, and the catch-up finds its incident or alarm again.
        DateTimeOffset? caughtUpAfter = null;
        var reader = watch.Signals;
        while (!stop.IsCancellationRequested)
        {
            if (seal.Status != SealStatus.Ready)
            {
                await Task.Delay(SealPoll, clock, stop);
                continue;
            }
            if (caughtUpAfter != seal.ClosedAt)
            {
                caughtUpAfter = seal.ClosedAt;
                await SafelyAsync(CatchUpAsync, stop);
            }
            if (reader.TryRead(out var signal))
            {
                // Whatever else waits goes along: a burst of missed check-ins asks the store once per member, not once per check-in.
                var signals = new List<WatchSignal> { signal };
                while (signals.Count < DrainAtMost && reader.TryRead(out var more)) signals.Add(more);
                await HandleAsync(signals, stop);
                continue;
            }
            // Wakes at a signal, or after a moment to notice a seal.
            using var moment = new CancellationTokenSource(SealPoll, clock);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stop, moment.Token);
            try { await reader.WaitToReadAsync(either.Token); }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested) { }
        }
    }

    async Task SafelyAsync(Func<CancellationToken, Task> work, CancellationToken stop)
    {
        try
        {
            await work(stop);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // By type only: a signal names people.
            log.LogError("The retaliation watch could not handle a signal: {Type}", e.GetType().Name);
        }
    }

    async Task CatchUpAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow() - options.Value.CatchUpWindow;
        List<WatchSignal> past;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
            var alarms = await scope.ServiceProvider.GetRequiredService<RecentAlarms>().SinceAsync(since, ct);
            past = [.. (await IncidentNotices.SinceAsync(db, since, ct)).Select(n => new WatchSignal.Incident(n.Notice, n.At)),
                    .. alarms.Select(a => new WatchSignal.Alarm(a.Member, a.Source, a.Sos ? CaseCodes.Sos : CaseCodes.CheckinMissed, a.At))];
        }
        await HandleAsync([.. past.OrderBy(s => s.At)], ct);
    }

    /// <summary>Each signal on its own (one failing does not stop the others), in one scope.</summary>
    async Task HandleAsync(IReadOnlyList<WatchSignal> signals, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
        var now = clock.GetUtcNow();
        var casesNaming = new Dictionary<Guid, List<(Guid Id, DateTimeOffset CreatedAt)>>();
        foreach (var signal in signals)
            await SafelyAsync(async c =>
            {
                try
                {
                    await HandleSignalAsync(scope.ServiceProvider, db, signal, now, casesNaming, c);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }, ct);
    }

    async Task HandleSignalAsync(IServiceProvider services, KalkanDb db, WatchSignal signal, DateTimeOffset now,
        Dictionary<Guid, List<(Guid Id, DateTimeOffset CreatedAt)>> casesNaming, CancellationToken ct)
    {
        var keys = services.GetRequiredService<CaseKeys>();
        var found = new List<(Guid Case, string Reason, Guid Source)>();
        switch (signal)
        {
            case WatchSignal.Incident { Notice: var notice }:
                // A case opened after what happened was not there to be retaliated against (it matters when catching up),
                // and a correction of one of the case's own incidents is not news.
                var ownCases = db.Set<CaseIncident>().Where(i => i.IncidentId == notice.Incident).Select(i => i.CaseId);
                var open = CaseWatchList.Watched(db, now).Where(c => c.CreatedAt <= signal.At && !ownCases.Contains(c.Id));
                // One query per index: a person or two, a perpetrator or two (byte arrays do not go into IN lists on every provider).
                foreach (var index in notice.People.Distinct().Select(keys.WatchIndexOf))
                    foreach (var id in await open.Where(c => db.Set<CasePerson>().Any(p => p.CaseId == c.Id && p.WatchIndex == index)).Select(c => c.Id).ToListAsync(ct))
                        found.Add((id, CaseCodes.WatchedPerson, notice.Incident));
                foreach (var profile in notice.Profiles.Distinct())
                {
                    var same = await services.GetRequiredService<PerpetratorProfiles>().SamePerpetratorAsync(profile, ct);
                    foreach (var id in await open.Where(c => db.Set<CasePerpetrator>().Any(p => p.CaseId == c.Id && same.Contains(p.ProfileId))).Select(c => c.Id).ToListAsync(ct))
                        found.Add((id, CaseCodes.Perpetrator, notice.Incident));
                }
                break;
            case WatchSignal.Alarm alarm:
                // Asked once per member and batch: the store's answer holds for all of her alarms in it.
                if (!casesNaming.TryGetValue(alarm.Member, out var cases))
                {
                    var member = keys.WatchedMemberIndexOf(alarm.Member);
                    casesNaming[alarm.Member] = cases = (await CaseWatchList.Watched(db, now)
                        .Where(c => db.Set<CasePerson>().Any(p => p.CaseId == c.Id && p.MemberIndex == member))
                        .Select(c => new { c.Id, c.CreatedAt }).ToListAsync(ct)).Select(c => (c.Id, c.CreatedAt)).ToList();
                }
                foreach (var (id, createdAt) in cases)
                    if (createdAt <= alarm.At) found.Add((id, alarm.Reason, alarm.Source));
                break;
        }
        foreach (var (caseId, reason, source) in found.Distinct()) await WarnAsync(services, db, keys, caseId, reason, source, now, ct);
    }

    async Task WarnAsync(IServiceProvider services, KalkanDb db, CaseKeys keys, Guid caseId, string reason, Guid source, DateTimeOffset now, CancellationToken ct)
    {
        var key = keys.SourceKeyOf(reason, source);
        if (await db.Set<CaseWarning>().AnyAsync(w => w.CaseId == caseId && w.SourceKey == key, ct)) return;
        var warning = new CaseWarning { CaseId = caseId, Reason = reason, SourceKey = key, RaisedAt = now };
        db.Add(warning);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance stored this very warning first (the unique index): it announces it.
            db.Entry(warning).State = EntityState.Detached;
            return;
        }
        await services.GetRequiredService<AuditChain>().RecordAsync(CaseActions.Warned, caseId, ct);
        var assignees = await db.Set<CaseAssignee>().AsNoTracking().Where(a => a.CaseId == caseId).ToListAsync(ct);
        hub.Publish("retaliation", Payload(warning), Audience.Members(keys.AssigneesOf(assignees, log)), push: true);
    }

    public static object Payload(CaseWarning warning) => new { @case = warning.CaseId, reason = warning.Reason, id = warning.Id, at = warning.RaisedAt };
}
