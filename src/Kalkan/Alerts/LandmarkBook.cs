namespace Kalkan.Alerts;

/// <summary>
/// Places the network named, sealed: every member reads them (to report at one); defenders add and remove them. Shared by
/// the API and the pages. One changed on disk is left out of members' list (<see cref="SealedRows"/>), so that the others are
/// still listed and can be reported at; the console shows it without its name or place, so that a defender can remove it.
/// </summary>
public sealed class LandmarkBook(KalkanDb db, FieldCipher cipher, SealedPlace places, TimeProvider clock, ILogger<LandmarkBook> log)
{
    public const string NoSuchLandmark = "No such landmark.";

    /// <summary>The landmarks a member can report at, by name.</summary>
    public async Task<List<LandmarkView>> ListAsync(CancellationToken ct) => [.. (await ManagedAsync(ct)).Select(l => l.View).OfType<LandmarkView>()];

    /// <summary>Every landmark for the console, by name; one that does not open first, without its name or place.</summary>
    public async Task<List<ManagedLandmark>> ManagedAsync(CancellationToken ct)
    {
        var rows = await db.Set<Landmark>().AsNoTracking().ToListAsync(ct);
        return [.. SealedRows.OpenEachOrBlank(rows, l => new ManagedLandmark(l.Id, View(l)), l => new ManagedLandmark(l.Id, null), log, "landmarks")
            .OrderBy(l => l.View is not null).ThenBy(l => l.View?.Name, StringComparer.CurrentCulture)];
    }

    public async Task<Outcome<LandmarkView>> AddAsync(LandmarkRequest request, CancellationToken ct)
    {
        var errors = new Validation().Required("name", request.Name, 100);
        errors.Place(request.Lat, request.Lon);
        if (errors.Any) return Outcome<LandmarkView>.Invalid(errors);
        var landmark = new Landmark { NameSealed = [], PositionSealed = [], CreatedAt = clock.GetUtcNow() };
        landmark.NameSealed = cipher.Encrypt(request.Name!.Trim(), new FieldRef(Landmark.Table, Landmark.NameColumn, landmark.Id));
        landmark.PositionSealed = places.Seal(Landmark.Table, landmark.Id, request.Lat!.Value, request.Lon!.Value);
        db.Add(landmark);
        await db.SaveChangesAsync(ct);
        return Outcome<LandmarkView>.Created(View(landmark));
    }

    public async Task<Outcome<Guid>> RemoveAsync(Guid id, CancellationToken ct)
    {
        // Alerts reported at it keep their coordinates; only the name goes (the foreign key sets null).
        var landmark = await db.Set<Landmark>().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (landmark is null) return Outcome<Guid>.Refused(StatusCodes.Status404NotFound, NoSuchLandmark);
        db.Remove(landmark);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.NoContent(id);
    }

    LandmarkView View(Landmark l)
    {
        var (lat, lon) = places.Of(l);
        return new(l.Id, cipher.DecryptString(l.NameSealed, new FieldRef(Landmark.Table, Landmark.NameColumn, l.Id)), lat, lon);
    }
}
