using Kalkan.Audit;

namespace Kalkan.Incidents;

/// <summary>What a search narrows by; every part optional.</summary>
public sealed record IncidentFilter(DateOnly? From = null, DateOnly? To = null, string? Violation = null, string? District = null, Guid? Perpetrator = null)
{
    /// <summary>A search's parameters as typed in a form or a URL; each wrong one named.</summary>
    public static (IncidentFilter Filter, Validation Errors) Read(string? from, string? to, string? violation, string? district, string? perpetrator)
    {
        var errors = new Validation();
        DateOnly? Day(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)) return day;
            errors.Add(field, "A date as 2026-10-03.");
            return null;
        }
        var filter = new IncidentFilter(Day("from", from), Day("to", to),
            string.IsNullOrWhiteSpace(violation) ? null : violation.Trim(),
            string.IsNullOrWhiteSpace(district) ? null : district.Trim(), null);
        if (filter.Violation is { } code && !IncidentCodes.Violations.Contains(code)) errors.Add("violation", "One of " + string.Join(", ", IncidentCodes.Violations) + ".");
        if (!string.IsNullOrWhiteSpace(perpetrator))
        {
            if (Guid.TryParse(perpetrator.Trim(), out var profile)) filter = filter with { Perpetrator = profile };
            else errors.Add("perpetrator", "A perpetrator profile id.");
        }
        return (filter, errors);
    }
}

/// <summary>Reading incidents: one with its versions (every read audited), and the search. Authorization is inside each query.</summary>
public sealed class IncidentReader(KalkanDb db, FieldCipher cipher, PseudonymRegistry pseudonyms, AuditChain audit)
{
    /// <summary>The given version, or the latest; null when it does not exist or this viewer may not see it.</summary>
    public async Task<IncidentView?> GetAsync(Viewer viewer, Guid id, int? number, CancellationToken ct)
    {
        var incident = await db.Set<Incident>().AsNoTracking().VisibleTo(viewer).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null) return null;
        var versions = await VersionsOfAsync(id, ct);
        var version = versions.FirstOrDefault(v => v.Number == (number ?? incident.LatestVersion));
        if (version is null) return null;
        await audit.RecordAsync(IncidentActions.Read, id, ct);
        return await ViewAsync(version, versions, ct);
    }

    /// <summary>Whether this viewer may see the incident, without reading (or auditing) it.</summary>
    public Task<bool> VisibleAsync(Viewer viewer, Guid id, CancellationToken ct) => db.Set<Incident>().VisibleTo(viewer).AnyAsync(i => i.Id == id, ct);

    /// <summary>Every version, oldest first, for a dossier; null when it does not exist or this viewer may not see it. Not audited here: the export is.</summary>
    public async Task<List<IncidentView>?> AllVersionsAsync(Viewer viewer, Guid id, CancellationToken ct)
    {
        if (!await db.Set<Incident>().AsNoTracking().VisibleTo(viewer).AnyAsync(i => i.Id == id, ct)) return null;
        var versions = await VersionsOfAsync(id, ct);
        var views = new List<IncidentView>(versions.Count);
        foreach (var version in versions) views.Add(await ViewAsync(version, versions, ct));
        return views;
    }

    Task<List<IncidentVersion>> VersionsOfAsync(Guid id, CancellationToken ct) =>
        db.Set<IncidentVersion>().AsNoTracking().Where(v => v.IncidentId == id).OrderBy(v => v.Number)
            .Include(v => v.Acts).Include(v => v.People).Include(v => v.Perpetrators).AsSplitQuery().ToListAsync(ct);

    public async Task<IncidentView> ViewAsync(IncidentVersion version, List<IncidentVersion> all, CancellationToken ct)
    {
        var body = BodyOf(version);
        var names = await pseudonyms.NamesAsync(version.People.Select(p => p.PseudonymId), ct);
        var people = version.People.OrderBy(p => p.Slot).ToList();
        List<PersonView> Of(string role) => [.. people.Where(p => p.Role == role).Select(p => new PersonView(names[p.PseudonymId], p.PseudonymId, p.Defender))];
        var kinds = await db.Set<PerpetratorProfile>().AsNoTracking().Where(p => version.Perpetrators.Select(x => x.ProfileId).Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Kind, ct);
        var perpetrators = version.Perpetrators.OrderBy(p => p.Slot).Select(p => body.Perpetrators.ElementAtOrDefault(p.Slot) is { } s
            ? new PerpetratorView(p.ProfileId, s.Kind, s.Unit, s.Badge, s.VehiclePlate, s.Description)
            : new PerpetratorView(p.ProfileId, kinds.GetValueOrDefault(p.ProfileId, "unknown"), null, null, null, null)).ToList();
        var acts = version.Acts.OrderBy(a => a.Slot).ToList();
        return new IncidentView(version.IncidentId, version.Number, StateOf(version), version.OccurredOn, version.Precision,
            body.Place, body.Lat, body.Lon, version.District,
            [.. acts.Select(a => a.Code)], [.. acts.Select(a => new ActView(a.Code, body.ActDetails.ElementAtOrDefault(a.Slot)))], body.Narrative,
            Of(IncidentCodes.Victim), Of(IncidentCodes.Witness), perpetrators, version.Trigger,
            new ConsentView(version.ConsentAggregate, version.ConsentAdvocacy, version.ConsentLegal, body.ConsentRecordedBy, version.ConsentRecordedAt),
            body.Correction, version.CreatedAt, version.SealedAt, version.SealedAt is null ? null : IncidentFingerprint.Of(version),
            [.. all.Select(v => new VersionSummary(v.Number, StateOf(v), v.CreatedAt, v.SealedAt))]);
    }

    /// <summary>The current version of each incident this viewer sees that matches; dates match when the spans overlap.</summary>
    public async Task<List<IncidentSummary>> SearchAsync(Viewer viewer, IncidentFilter filter, CancellationToken ct)
    {
        var visible = db.Set<Incident>().AsNoTracking().VisibleTo(viewer);
        var query = db.Set<IncidentVersion>().AsNoTracking().Where(v => visible.Any(i => i.Id == v.IncidentId && i.LatestVersion == v.Number));
        if (filter.From is { } from) query = query.Where(v => v.OccurredTo >= from);
        if (filter.To is { } to) query = query.Where(v => v.OccurredFrom <= to);
        if (filter.Violation is { } code) query = query.Where(v => v.Acts.Any(a => a.Code == code));
        if (filter.District is { } district) query = query.Where(v => v.District == district);
        if (filter.Perpetrator is { } profile) query = query.Where(v => v.Perpetrators.Any(p => p.ProfileId == profile));
        var rows = await query.OrderByDescending(v => v.OccurredFrom).Take(500)
            .Select(v => new { v.IncidentId, v.Number, v.SealedAt, v.OccurredOn, v.District,
                Codes = v.Acts.OrderBy(a => a.Slot).Select(a => a.Code).ToList(), Profiles = v.Perpetrators.OrderBy(p => p.Slot).Select(p => p.ProfileId).ToList() })
            .ToListAsync(ct);
        await audit.RecordAsync(IncidentActions.Listed, null, ct);
        return [.. rows.Select(r => new IncidentSummary(r.IncidentId, r.Number, r.SealedAt is null ? IncidentCodes.Draft : IncidentCodes.Sealed, r.OccurredOn, r.District, r.Codes, r.Profiles))];
    }

    /// <summary>The districts named so far, for the search form.</summary>
    public async Task<List<string>> DistrictsAsync(Viewer viewer, CancellationToken ct)
    {
        var visible = db.Set<Incident>().AsNoTracking().VisibleTo(viewer).Select(i => i.Id);
        return await db.Set<IncidentVersion>().AsNoTracking().Where(v => v.District != null && visible.Contains(v.IncidentId))
            .Select(v => v.District!).Distinct().OrderBy(d => d).ToListAsync(ct);
    }

    public IncidentBody BodyOf(IncidentVersion version) => JsonSerializer.Deserialize<IncidentBody>(
        cipher.Decrypt(version.BodySealed, new FieldRef(IncidentVersion.Table, IncidentVersion.BodyColumn, version.Id)), JsonSerializerOptions.Web)!;

    static string StateOf(IncidentVersion v) => v.SealedAt is null ? IncidentCodes.Draft : IncidentCodes.Sealed;
}
