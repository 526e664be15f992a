using Kalkan.Delivery;

namespace Kalkan.Alerts;

/// <summary>
/// Reporting, confirming, verifying and dismissing, shared by the API and the pages. Every change
/// is saved before it is published to the stream, so what a phone sees is in the store.
/// Members appear here only as keyed references (<see cref="RefOf"/>), never as ids. Each answer is
/// an <see cref="Outcome{T}"/> with the status decided here, which the API and the pages both map.
/// An alert or landmark changed on disk (it no longer opens) is left out of the map, of the merge and
/// of the names (<see cref="SealedRows"/>): one such row must not keep every member from seeing or
/// reporting the police. One alert asked for by its id (confirm, verify, dismiss) still fails loudly.
/// </summary>
public sealed class AlertDesk(KalkanDb db, FieldCipher cipher, SealState seal, IOptions<AlertOptions> options, StreamHub hub, ReportLimiter limiter, TimeProvider clock,
    ILogger<AlertDesk> log)
{
    public const string TooManyTitle = "You have sent many reports in the last hour; wait a little before the next.";
    public const string NoSuchAlert = "No such alert; it may have expired.";
    public const string OwnAlertTitle = "You reported this alert; others confirm it.";
    public const string AlreadyConfirmedTitle = "You have already confirmed this alert.";

    AlertOptions Options => options.Value;
    readonly SealedPlace places = new(cipher);

    public byte[] RefOf(Guid memberId) => HMACSHA256.HashData(seal.KeyFor("alerts/reporter"), memberId.ToByteArray());

    public byte[] TrackKeyOf(byte[] reporterRef) => HMACSHA256.HashData(seal.KeyFor("alerts/track"), reporterRef);

    public async Task<List<AlertView>> ActiveAsync(Guid viewer, bool defender, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var alerts = await db.Set<Alert>().AsNoTracking().Where(a => a.ExpiresAt > now).OrderByDescending(a => a.ReportedAt).ToListAsync(ct);
        var mine = RefOf(viewer);
        var ids = alerts.Select(a => a.Id).ToList();
        var confirmed = (await db.Set<AlertConfirmation>().Where(c => ids.Contains(c.AlertId) && c.MemberRef == mine).Select(c => c.AlertId).ToListAsync(ct)).ToHashSet();
        var names = await LandmarkNamesAsync(alerts.Where(a => a.LandmarkId is not null).Select(a => a.LandmarkId!.Value).Distinct().ToList(), ct);
        Dictionary<string, TrackView> tracks = [];
        if (defender)
        {
            var keys = alerts.Select(a => TrackKeyOf(a.ReporterRef)).ToList();
            tracks = (await db.Set<ReporterTrack>().AsNoTracking().Where(t => keys.Contains(t.Key)).ToListAsync(ct))
                .ToDictionary(t => Convert.ToHexString(t.Key), t => new TrackView(t.Reports, t.Verified, t.Dismissed));
        }
        return SealedRows.OpenEach(alerts, a => View(a, a.LandmarkId is { } l ? names.GetValueOrDefault(l) : null) with
        {
            Mine = CryptographicOperations.FixedTimeEquals(a.ReporterRef, mine),
            Confirmed = confirmed.Contains(a.Id),
            Reporter = defender ? tracks.GetValueOrDefault(Convert.ToHexString(TrackKeyOf(a.ReporterRef))) : null,
        }, log, "active alerts");
    }

    public async Task<Outcome<AlertView>> ReportAsync(Guid memberId, ReportRequest request, CancellationToken ct)
    {
        var errors = new Validation();
        if (!AlertKinds.All.Contains(request.Kind ?? "")) errors.Add("kind", "One of checkpoint, patrol, raid, other.");
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note?.Length > AlertOptions.NoteMaxLength) errors.Add("note", $"At most {AlertOptions.NoteMaxLength} characters.");
        Landmark? landmark = null;
        if (request.Landmark is { } landmarkId)
        {
            if (request.Lat is not null || request.Lon is not null) errors.Add("landmark", "Give a landmark or lat and lon, not both.");
            else if ((landmark = await db.Set<Landmark>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == landmarkId, ct)) is null)
                errors.Add("landmark", "No such landmark.");
        }
        else
        {
            errors.Place(request.Lat, request.Lon);
        }
        if (errors.Any) return Outcome<AlertView>.Invalid(errors);
        // Counted here, for the API and the page alike; a refused report takes no permit.
        if (!await limiter.TryTakeAsync(memberId, ct)) return Outcome<AlertView>.Refused(StatusCodes.Status429TooManyRequests, TooManyTitle);

        var (placeLat, placeLon) = landmark is null ? (request.Lat!.Value, request.Lon!.Value) : places.Of(landmark);
        var now = clock.GetUtcNow();
        var myRef = RefOf(memberId);
        // Places are sealed, so the store cannot search by distance: the active alerts of this kind
        // (a handful at any time) are opened in memory, and the sphere decides.
        var candidates = await db.Set<Alert>().Where(a => a.Kind == request.Kind && a.ExpiresAt > now && a.Status != AlertStatus.Dismissed).ToListAsync(ct);
        // Each opened whole (place and note), so that a report is never merged into one that cannot be shown.
        var nearest = SealedRows.OpenEach(candidates, a => (Alert: a, Place: View(a, null)), log, "alerts to merge with")
            .Select(x => (x.Alert, Meters: Geo.DistanceMeters(x.Place.Lat, x.Place.Lon, placeLat, placeLon)))
            .Where(x => x.Meters <= Options.MergeMeters).OrderBy(x => x.Meters).Select(x => x.Alert).FirstOrDefault();
        if (nearest is not null)
        {
            var merged = await ConfirmAsync(nearest, myRef, note, ct);
            // A report merged into another is a confirmation of it: created, as far as she is concerned.
            var own = CryptographicOperations.FixedTimeEquals(nearest.ReporterRef, myRef);
            return merged with { Status = merged.Ok ? StatusCodes.Status201Created : merged.Status, Value = merged.Value is { } view ? view with { Merged = true, Mine = own } : null };
        }

        var trackKey = TrackKeyOf(myRef);
        var track = await TrackAsync(trackKey, ct);
        var alert = new Alert
        {
            Kind = request.Kind!,
            PositionSealed = [],
            LandmarkId = landmark?.Id,
            ReporterRef = myRef,
            RequiredConfirmations = Options.Corroboration + Penalty(track),
            ReportedAt = now,
            ExpiresAt = now + Options.LifetimeOf(request.Kind!),
        };
        alert.PositionSealed = places.Seal(Alert.Table, alert.Id, placeLat, placeLon);
        if (note is not null) alert.NoteSealed = cipher.Encrypt(note, new FieldRef(Alert.Table, Alert.NoteColumn, alert.Id));
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.Add(alert);
            await db.SaveChangesAsync(ct);
            // Counted in the store: two reports of hers at once both count.
            await db.Set<ReporterTrack>().Where(t => t.Key == trackKey).ExecuteUpdateAsync(u => u.SetProperty(t => t.Reports, t => t.Reports + 1), ct);
            await transaction.CommitAsync(ct);
        }
        var published = View(alert, landmark is null ? null : NameOf(landmark));
        hub.Publish("alert", published, Audience.Everyone, push: true);
        return Outcome<AlertView>.Created(published with { Mine = true, Confirmed = false, Merged = false });
    }

    /// <summary>Her track record, made at her first report; two first reports at once make one row.</summary>
    async Task<ReporterTrack> TrackAsync(byte[] key, CancellationToken ct)
    {
        if (await db.Set<ReporterTrack>().AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct) is { } track) return track;
        db.Add(new ReporterTrack { Key = key });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
        return await db.Set<ReporterTrack>().AsNoTracking().FirstAsync(t => t.Key == key, ct);
    }

    /// <summary>
    /// Reporters whose alerts were dismissed at least half the time (two or more) need one more
    /// confirmation per two dismissals, up to three more: a flood of false alerts stays unconfirmed.
    /// </summary>
    static int Penalty(ReporterTrack track) =>
        track.Dismissed >= 2 && track.Dismissed * 2 >= track.Reports ? Math.Min(3, track.Dismissed / 2) : 0;

    public async Task<Outcome<AlertView>> ConfirmAsync(Guid memberId, Guid alertId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var alert = await db.Set<Alert>().FirstOrDefaultAsync(a => a.Id == alertId && a.ExpiresAt > now, ct);
        return alert is null ? Outcome<AlertView>.Refused(StatusCodes.Status404NotFound, NoSuchAlert) : await ConfirmAsync(alert, RefOf(memberId), null, ct);
    }

    /// <summary>A confirmation refused: 409, naming the alert (so a merged report's phone can show it).</summary>
    static Outcome<AlertView> Conflict(string title, AlertView alert) =>
        Outcome<AlertView>.Conflict(title) with { Value = alert, Extensions = new Dictionary<string, object?> { ["alert"] = alert.Id } };

    /// <summary>A confirmation; a merged report's note is added to the alert's (up to <see cref="AlertOptions.MergedNoteMaxLength"/>) so it is not lost.</summary>
    async Task<Outcome<AlertView>> ConfirmAsync(Alert alert, byte[] myRef, string? note, CancellationToken ct)
    {
        var landmark = await LandmarkNameAsync(alert, ct);
        if (CryptographicOperations.FixedTimeEquals(alert.ReporterRef, myRef)) return Conflict(OwnAlertTitle, View(alert, landmark));
        if (await db.Set<AlertConfirmation>().AnyAsync(c => c.AlertId == alert.Id && c.MemberRef == myRef, ct))
            return Conflict(AlreadyConfirmedTitle, View(alert, landmark));

        var now = clock.GetUtcNow();
        var expires = now + Options.LifetimeOf(alert.Kind);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.Add(new AlertConfirmation { AlertId = alert.Id, MemberRef = myRef, At = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // the same member confirming twice at once: the unique index kept one
                return Conflict(AlreadyConfirmedTitle, View(alert, landmark));
            }
            // Counted in the store, not from what this request read, so simultaneous confirmations all count.
            var alerts = db.Set<Alert>().Where(a => a.Id == alert.Id);
            await alerts.ExecuteUpdateAsync(u => u.SetProperty(a => a.Confirmations, a => a.Confirmations + 1), ct);
            await alerts.Where(a => a.ExpiresAt < expires).ExecuteUpdateAsync(u => u.SetProperty(a => a.ExpiresAt, expires), ct);
            await alerts.Where(a => a.Status == AlertStatus.Unverified && a.Confirmations >= a.RequiredConfirmations)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AlertStatus.Corroborated), ct);
            if (note is not null && MergedNote(alert, note) is { } combined)
            {
                var sealedNote = cipher.Encrypt(combined, new FieldRef(Alert.Table, Alert.NoteColumn, alert.Id));
                await alerts.ExecuteUpdateAsync(u => u.SetProperty(a => a.NoteSealed, sealedNote), ct);
            }
            await transaction.CommitAsync(ct);
        }
        await db.Entry(alert).ReloadAsync(ct);
        var view = View(alert, landmark);
        hub.Publish("alert", view, Audience.Everyone);
        return Outcome<AlertView>.Done(view with { Mine = false, Confirmed = true });
    }

    string? MergedNote(Alert alert, string note)
    {
        if (alert.NoteSealed is null) return note;
        var combined = cipher.DecryptString(alert.NoteSealed, new FieldRef(Alert.Table, Alert.NoteColumn, alert.Id)) + "\n" + note;
        return combined.Length <= AlertOptions.MergedNoteMaxLength ? combined : null;
    }

    /// <summary>A defender's word: verified or dismissed. Saying it again changes nothing; changing her mind moves the reporter's record.</summary>
    public async Task<Outcome<AlertView>> DecideAsync(Guid alertId, string status, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var alert = await db.Set<Alert>().FirstOrDefaultAsync(a => a.Id == alertId && a.ExpiresAt > now, ct);
        if (alert is null) return Outcome<AlertView>.Refused(StatusCodes.Status404NotFound, NoSuchAlert);
        var landmark = await LandmarkNameAsync(alert, ct);
        if (alert.Status == status) return Outcome<AlertView>.Done(View(alert, landmark));

        var key = TrackKeyOf(alert.ReporterRef);
        var track = await db.Set<ReporterTrack>().FirstOrDefaultAsync(t => t.Key == key, ct);
        if (track is null) db.Add(track = new ReporterTrack { Key = key, Reports = 1 });
        if (alert.Status == AlertStatus.Verified) track.Verified--;
        if (alert.Status == AlertStatus.Dismissed) track.Dismissed--;
        if (status == AlertStatus.Verified) track.Verified++;
        if (status == AlertStatus.Dismissed) track.Dismissed++;
        alert.Status = status;
        await db.SaveChangesAsync(ct);
        var view = View(alert, landmark);
        hub.Publish("alert", view, Audience.Everyone);
        return Outcome<AlertView>.Done(view with { Reporter = new TrackView(track.Reports, track.Verified, track.Dismissed) });
    }

    /// <summary>The map of where police usually stand: counts per cell, kind and hour of the week; a kind narrows it.</summary>
    public async Task<Outcome<List<HistoryCell>>> HistoryAsync(string? kind, CancellationToken ct)
    {
        if (kind is not null && !AlertKinds.All.Contains(kind)) return Outcome<List<HistoryCell>>.Invalid(new Validation().Add("kind", "One of checkpoint, patrol, raid, other."));
        var rows = await db.Set<AlertHistory>().AsNoTracking().Where(h => kind == null || h.Kind == kind).ToListAsync(ct);
        return Outcome<List<HistoryCell>>.Done(rows.Select(h =>
        {
            var (lat, lon) = Geo.CenterOf(h.CellY, h.CellX);
            return new HistoryCell(Math.Round(lat, 5), Math.Round(lon, 5), h.Kind, h.HourOfWeek, h.Count);
        }).ToList());
    }

    AlertView View(Alert a, string? landmark)
    {
        var (lat, lon) = places.Of(a);
        return new(a.Id, a.Kind, lat, lon, a.Status, a.ReportedAt, a.ExpiresAt, a.Confirmations, a.RequiredConfirmations,
            a.NoteSealed is null ? null : cipher.DecryptString(a.NoteSealed, new FieldRef(Alert.Table, Alert.NoteColumn, a.Id)), landmark);
    }

    string NameOf(Landmark l) => cipher.DecryptString(l.NameSealed, new FieldRef(Landmark.Table, Landmark.NameColumn, l.Id));

    async Task<string?> LandmarkNameAsync(Alert alert, CancellationToken ct) =>
        alert.LandmarkId is { } id ? (await LandmarkNamesAsync([id], ct)).GetValueOrDefault(id) : null;

    async Task<Dictionary<Guid, string>> LandmarkNamesAsync(List<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : SealedRows.OpenById(await db.Set<Landmark>().AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync(ct),
            l => l.Id, NameOf, log, "landmark names");
}
