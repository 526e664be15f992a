namespace Kalkan.Alerts;

/// <summary>
/// Places the network named, sealed: every member reads them (to report at one); defenders add and remove them. Shared by
/// the API and the pages. One changed on disk is left out of the list (<see cref="SealedRows"/>), so that the others are still
/// listed and can be reported at; the one left out cannot be removed from the console (its id is shown nowhere).
/// </summary>
public sealed class LandmarkBook(KalkanDb db, FieldCipher cipher, SealedPlace places, TimeProvider clock, ILogger<LandmarkBook> log)
{
    public const string NoSuchLandmark = "No such landmark.";

    public async Task<List<LandmarkView>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Set<Landmark>().AsNoTracking().ToListAsync(ct);
        return [.. SealedRows.OpenEach(rows, View, log, "landmarks").OrderBy(l => l.Name, StringComparer.CurrentCulture)];
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
