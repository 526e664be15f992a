namespace Kalkan.Incidents;

public sealed record ProfileDetails(Guid Id, string Kind, string? Unit, string? Badge, string? VehiclePlate, string? Description, DateTimeOffset CreatedAt);

/// <summary>A known profile that shares a badge or plate with what was just typed.</summary>
public sealed record ProfileMatch(Guid Profile, string Kind, List<string> MatchedOn);

/// <summary>A profile with its pattern: how many incidents and victims, first and last seen (dates as recorded, approximate ones included).</summary>
public sealed record ProfileView(Guid Id, string Kind, string? Unit, string? Badge, string? VehiclePlate, string? Description,
    int Incidents, int Victims, string? FirstSeen, string? LastSeen, List<Guid> IncidentIds);

/// <summary>
/// Perpetrator profiles for incidents, cases and warnings alike: creating one, finding the ones a
/// badge or plate points to (through blind indexes, never plaintext), and the pattern of one.
/// </summary>
public sealed class PerpetratorProfiles(KalkanDb db, FieldCipher cipher, BlindIndex blind, TimeProvider clock, ILogger<PerpetratorProfiles> log)
{
    public byte[]? BadgeIndexOf(string? badge) => IndexOf(PerpetratorProfile.BadgeColumn, badge);
    public byte[]? PlateIndexOf(string? plate) => IndexOf(PerpetratorProfile.PlateColumn, plate);

    byte[]? IndexOf(string column, string? value) =>
        value is null || Identifiers.Normalize(value) is not { Length: > 0 } normal ? null : blind.Compute(PerpetratorProfile.Table, column, normal);

    /// <summary>A new profile from what an incident said (unsaved: it goes with the caller's save).</summary>
    public PerpetratorProfile Create(StatedPerpetrator stated)
    {
        var profile = new PerpetratorProfile { Kind = stated.Kind, CreatedAt = clock.GetUtcNow() };
        profile.UnitSealed = Seal(stated.Unit, PerpetratorProfile.UnitColumn, profile.Id);
        profile.BadgeSealed = Seal(stated.Badge, PerpetratorProfile.BadgeColumn, profile.Id);
        profile.BadgeIndex = BadgeIndexOf(stated.Badge);
        profile.PlateSealed = Seal(stated.VehiclePlate, PerpetratorProfile.PlateColumn, profile.Id);
        profile.PlateIndex = PlateIndexOf(stated.VehiclePlate);
        profile.DescriptionSealed = Seal(stated.Description, PerpetratorProfile.DescriptionColumn, profile.Id);
        db.Add(profile);
        return profile;
    }

    /// <summary>
    /// Profiles that the current version of some incident names and whose badge or plate is this
    /// one; an absent value matches nothing. Profiles left behind by a draft edit or a link do not count.
    /// </summary>
    public async Task<List<ProfileMatch>> MatchAsync(string? badge, string? plate, CancellationToken ct)
    {
        var badgeIndex = BadgeIndexOf(badge);
        var plateIndex = PlateIndexOf(plate);
        if (badgeIndex is null && plateIndex is null) return [];
        var named = CurrentVersions().SelectMany(v => v.Perpetrators.Select(p => p.ProfileId));
        var rows = await db.Set<PerpetratorProfile>().AsNoTracking()
            .Where(p => (badgeIndex != null && p.BadgeIndex == badgeIndex) || (plateIndex != null && p.PlateIndex == plateIndex))
            .Where(p => named.Contains(p.Id))
            .OrderBy(p => p.CreatedAt).ToListAsync(ct);
        return rows.Select(p => new ProfileMatch(p.Id, p.Kind,
        [
            .. Same(p.BadgeIndex, badgeIndex) ? ["badge"] : Array.Empty<string>(),
            .. Same(p.PlateIndex, plateIndex) ? ["vehiclePlate"] : Array.Empty<string>(),
        ])).ToList();
    }

    public async Task<bool> ExistsAsync(Guid id, CancellationToken ct) => await db.Set<PerpetratorProfile>().AnyAsync(p => p.Id == id, ct);

    /// <summary>The kind of each of these profiles ("police", say): nothing sealed is opened.</summary>
    public async Task<Dictionary<Guid, string>> KindsAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Set<PerpetratorProfile>().AsNoTracking().Where(p => wanted.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Kind, ct);
    }

    /// <summary>This profile and every other one that shares its badge or its plate: the same person, as far as the store can tell.</summary>
    public async Task<List<Guid>> SamePerpetratorAsync(Guid id, CancellationToken ct)
    {
        var named = await db.Set<PerpetratorProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        var (badge, plate) = (named?.BadgeIndex, named?.PlateIndex);
        return await db.Set<PerpetratorProfile>().Where(p => p.Id == id
            || (badge != null && p.BadgeIndex == badge) || (plate != null && p.PlateIndex == plate)).Select(p => p.Id).ToListAsync(ct);
    }

    public async Task<Dictionary<Guid, ProfileDetails>> DetailsAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        var rows = await db.Set<PerpetratorProfile>().AsNoTracking().Where(p => wanted.Contains(p.Id)).ToListAsync(ct);
        return rows.ToDictionary(p => p.Id, DetailsOf);
    }

    ProfileDetails DetailsOf(PerpetratorProfile p) => new(p.Id, p.Kind, Open(p.UnitSealed, PerpetratorProfile.UnitColumn, p.Id),
        Open(p.BadgeSealed, PerpetratorProfile.BadgeColumn, p.Id), Open(p.PlateSealed, PerpetratorProfile.PlateColumn, p.Id),
        Open(p.DescriptionSealed, PerpetratorProfile.DescriptionColumn, p.Id), p.CreatedAt);

    /// <summary>The pattern of one profile over the current version of every incident that names it; null when there is no such profile.</summary>
    public async Task<ProfileView?> ViewAsync(Guid id, CancellationToken ct) =>
        (await DetailsAsync([id], ct)).GetValueOrDefault(id) is { } details ? await PatternAsync(details, ct) : null;

    async Task<ProfileView> PatternAsync(ProfileDetails details, CancellationToken ct)
    {
        var id = details.Id;
        var versions = await CurrentVersions().Where(v => v.Perpetrators.Any(p => p.ProfileId == id))
            .Select(v => new { v.IncidentId, v.OccurredOn, v.OccurredFrom, Victims = v.People.Where(p => p.Role == IncidentCodes.Victim).Select(p => p.PseudonymId).ToList() })
            .ToListAsync(ct);
        var ordered = versions.OrderBy(v => v.OccurredFrom).ToList();
        return new ProfileView(details.Id, details.Kind, details.Unit, details.Badge, details.VehiclePlate, details.Description,
            versions.Count, versions.SelectMany(v => v.Victims).Distinct().Count(),
            ordered.FirstOrDefault()?.OccurredOn, ordered.LastOrDefault()?.OccurredOn, [.. ordered.Select(v => v.IncidentId)]);
    }

    /// <summary>Every profile named by a current version, with its pattern, busiest first.</summary>
    public async Task<List<ProfileView>> ListAsync(CancellationToken ct)
    {
        var ids = await CurrentVersions().SelectMany(v => v.Perpetrators.Select(p => p.ProfileId)).Distinct().ToListAsync(ct);
        // One changed on disk (it no longer opens) is left out and counted in the log, not the whole list with it.
        var profiles = SealedRows.OpenEach(await db.Set<PerpetratorProfile>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct), DetailsOf, log,
            "perpetrator profiles");
        var views = new List<ProfileView>();
        foreach (var details in profiles) views.Add(await PatternAsync(details, ct));
        return [.. views.OrderByDescending(v => v.Incidents).ThenBy(v => v.FirstSeen)];
    }

    /// <summary>The newest version of each incident: what it says now.</summary>
    IQueryable<IncidentVersion> CurrentVersions() =>
        db.Set<IncidentVersion>().AsNoTracking().Where(v => db.Set<Incident>().Any(i => i.Id == v.IncidentId && i.LatestVersion == v.Number));

    static bool Same(byte[]? a, byte[]? b) => a is not null && b is not null && a.AsSpan().SequenceEqual(b);

    byte[]? Seal(string? value, string column, Guid id) => value is null ? null : cipher.Encrypt(value, new FieldRef(PerpetratorProfile.Table, column, id));

    string? Open(byte[]? value, string column, Guid id) => value is null ? null : cipher.DecryptString(value, new FieldRef(PerpetratorProfile.Table, column, id));
}
