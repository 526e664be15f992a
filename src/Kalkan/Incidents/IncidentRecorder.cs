using Kalkan.Audit;

namespace Kalkan.Incidents;

public enum RecordOutcome { Done, Invalid, NotFound, Conflict }

public sealed record RecordResult(RecordOutcome Outcome, CreatedIncident? Created = null, Validation? Errors = null, string? Title = null);

/// <summary>
/// Creating, editing a draft, sealing and correcting incidents, shared by the API and the pages.
/// Each change and its audit entries are saved by one SaveChanges (the chain's), so a 201 means
/// both the record and its audit trail are stored; nothing is stored when a rule fails.
/// </summary>
public sealed class IncidentRecorder(KalkanDb db, FieldCipher cipher, PseudonymRegistry pseudonyms, PerpetratorProfiles profiles, AuditChain audit, TimeProvider clock,
    IEnumerable<IIncidentObserver> observers)
{
    public const string SealedTitle = "This version is sealed and never changes; make a correction (a new version) instead.";
    public const string DraftOpenTitle = "A draft version is open; change or seal it before making another.";
    public const string AlreadySealedTitle = "This version is already sealed.";

    public async Task<RecordResult> CreateAsync(Viewer viewer, IncidentInput? input, CancellationToken ct)
    {
        if (viewer.Scope == IncidentScope.None) return new(RecordOutcome.NotFound);
        var (valid, errors) = await CheckAsync(viewer, input, ct);
        if (valid is null) return new(RecordOutcome.Invalid, Errors: errors);
        var incident = new Incident { OwnerIndex = viewer.OwnerIndex, CreatedAt = clock.GetUtcNow(), LatestVersion = 1 };
        db.Add(incident);
        var (version, suggestions, linked) = await AddVersionAsync(incident.Id, 1, valid, ct);
        await audit.RecordAsync(IncidentActions.Created, incident.Id, ct);
        if (linked) await audit.RecordAsync(IncidentActions.Linked, incident.Id, ct);
        if (input!.Seal == true) await SealVersionAsync(version, ct);
        Tell(incident.Id, version);
        return Done(incident.Id, version, suggestions);
    }

    /// <summary>Replaces the open draft; a sealed version answers Conflict.</summary>
    public async Task<RecordResult> UpdateDraftAsync(Viewer viewer, Guid id, IncidentInput? input, CancellationToken ct)
    {
        if (await FindAsync(viewer, id, ct) is not { } incident) return new(RecordOutcome.NotFound);
        var draft = await LatestAsync(incident, ct);
        if (draft.SealedAt is not null) return new(RecordOutcome.Conflict, Title: SealedTitle);
        var (valid, errors) = await CheckAsync(viewer, input, ct);
        if (valid is null) return new(RecordOutcome.Invalid, Errors: errors);
        // One save deletes the draft and inserts its replacement (EF orders the delete first).
        db.Remove(draft);
        var (version, suggestions, linked) = await AddVersionAsync(incident.Id, draft.Number, valid, ct);
        await audit.RecordAsync(IncidentActions.Drafted, incident.Id, ct);
        if (linked) await audit.RecordAsync(IncidentActions.Linked, incident.Id, ct);
        if (input!.Seal == true) await SealVersionAsync(version, ct);
        Tell(incident.Id, version);
        return Done(incident.Id, version, suggestions);
    }

    public async Task<RecordResult> SealAsync(Viewer viewer, Guid id, CancellationToken ct)
    {
        if (await FindAsync(viewer, id, ct) is not { } incident) return new(RecordOutcome.NotFound);
        var version = await LatestAsync(incident, ct);
        if (version.SealedAt is not null) return new(RecordOutcome.Conflict, Title: AlreadySealedTitle);
        await SealVersionAsync(version, ct);
        return Done(incident.Id, version, []);
    }

    /// <summary>A correction of a sealed incident: a new version, the old ones kept as they were.</summary>
    public async Task<RecordResult> CorrectAsync(Viewer viewer, Guid id, IncidentInput? input, CancellationToken ct)
    {
        if (await FindAsync(viewer, id, ct) is not { } incident) return new(RecordOutcome.NotFound);
        if ((await LatestAsync(incident, ct)).SealedAt is null) return new(RecordOutcome.Conflict, Title: DraftOpenTitle);
        var (valid, errors) = await CheckAsync(viewer, input, ct);
        if (valid is null) return new(RecordOutcome.Invalid, Errors: errors);
        var tracked = await db.Set<Incident>().SingleAsync(i => i.Id == incident.Id, ct);
        tracked.LatestVersion = incident.LatestVersion + 1;
        var (version, suggestions, linked) = await AddVersionAsync(incident.Id, tracked.LatestVersion, valid, ct);
        try
        {
            await audit.RecordAsync(IncidentActions.Versioned, incident.Id, ct);
        }
        catch (DbUpdateException)
        {
            // Someone else's correction took this number first (the unique index on incident and number).
            return new(RecordOutcome.Conflict, Title: DraftOpenTitle);
        }
        if (linked) await audit.RecordAsync(IncidentActions.Linked, incident.Id, ct);
        if (input!.Seal == true) await SealVersionAsync(version, ct);
        Tell(incident.Id, version);
        return Done(incident.Id, version, suggestions);
    }

    async Task<(CheckedIncident?, Validation)> CheckAsync(Viewer viewer, IncidentInput? input, CancellationToken ct)
    {
        var (valid, errors) = IncidentValidation.Check(input, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1)), viewer.MemberId);
        for (var i = 0; i < (input?.Perpetrators?.Count ?? 0); i++)
            if (input!.Perpetrators![i]?.Profile is { } profile && !await profiles.ExistsAsync(profile, ct))
                errors.Add($"perpetrators[{i}].profile", "No such profile.");
        return errors.Any ? (null, errors) : (valid, errors);
    }

    async Task<(IncidentVersion, List<LinkSuggestion>, bool Linked)> AddVersionAsync(Guid incidentId, int number, CheckedIncident valid, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var version = new IncidentVersion
        {
            IncidentId = incidentId, Number = number, CreatedAt = now,
            OccurredOn = valid.Date.Text, Precision = valid.Date.Precision, OccurredFrom = valid.Date.From, OccurredTo = valid.Date.To,
            District = valid.District, Trigger = valid.Trigger,
            ConsentAggregate = valid.Consent.Aggregate!.Value, ConsentAdvocacy = valid.Consent.Advocacy!.Value, ConsentLegal = valid.Consent.Legal!.Value,
            ConsentRecordedAt = now, BodySealed = [],
        };
        version.BodySealed = cipher.Encrypt(JsonSerializer.SerializeToUtf8Bytes(valid.Body, JsonSerializerOptions.Web),
            new FieldRef(IncidentVersion.Table, IncidentVersion.BodyColumn, version.Id));
        version.Acts = [.. valid.Acts.Select((a, slot) => new IncidentAct { Slot = slot, Code = a.Code })];
        for (var slot = 0; slot < valid.Victims.Count; slot++)
            version.People.Add(new IncidentPerson { Role = IncidentCodes.Victim, Slot = slot, PseudonymId = await pseudonyms.ResolveAsync(valid.Victims[slot].Pseudonym!, ct), Defender = valid.Victims[slot].Defender });
        for (var slot = 0; slot < valid.Witnesses.Count; slot++)
            version.People.Add(new IncidentPerson { Role = IncidentCodes.Witness, Slot = slot, PseudonymId = await pseudonyms.ResolveAsync(valid.Witnesses[slot].Pseudonym!, ct) });

        var suggestions = new List<LinkSuggestion>();
        var linked = false;
        for (var slot = 0; slot < valid.Perpetrators.Count; slot++)
        {
            var (stated, profile) = valid.Perpetrators[slot];
            if (profile is null)
            {
                suggestions.AddRange((await profiles.MatchAsync(stated.Badge, stated.VehiclePlate, ct)).Select(m => new LinkSuggestion(slot, m.Profile, m.Kind, m.MatchedOn)));
                profile = profiles.Create(stated).Id;
            }
            else linked = true;
            version.Perpetrators.Add(new IncidentPerpetrator { Slot = slot, ProfileId = profile.Value });
        }
        db.Add(version);
        return (version, suggestions, linked);
    }

    async Task SealVersionAsync(IncidentVersion version, CancellationToken ct)
    {
        version.SealedAt = clock.GetUtcNow();
        if (db.Entry(version).State == EntityState.Detached) db.Attach(version).Property(v => v.SealedAt).IsModified = true;
        await audit.RecordFingerprintAsync(IncidentActions.Sealed, IncidentFingerprint.Of(version), ct);
    }

    async Task<Incident?> FindAsync(Viewer viewer, Guid id, CancellationToken ct) =>
        await db.Set<Incident>().AsNoTracking().VisibleTo(viewer).FirstOrDefaultAsync(i => i.Id == id, ct);

    async Task<IncidentVersion> LatestAsync(Incident incident, CancellationToken ct) =>
        await db.Set<IncidentVersion>().Include(v => v.Acts).Include(v => v.People).Include(v => v.Perpetrators).AsSplitQuery()
            .SingleAsync(v => v.IncidentId == incident.Id && v.Number == incident.LatestVersion, ct);

    /// <summary>Once stored: who the version names, for features that watch over people (cases).</summary>
    void Tell(Guid incident, IncidentVersion version)
    {
        var notice = IncidentNotices.Of(incident, version);
        foreach (var observer in observers) observer.Recorded(notice);
    }

    static RecordResult Done(Guid id, IncidentVersion version, List<LinkSuggestion> suggestions) =>
        new(RecordOutcome.Done, new CreatedIncident(id, version.Number, version.SealedAt is null ? IncidentCodes.Draft : IncidentCodes.Sealed, suggestions));
}
