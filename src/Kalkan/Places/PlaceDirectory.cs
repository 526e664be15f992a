namespace Kalkan.Places;

/// <summary>A place as members read it: its details, when it was last checked and whether that is too long ago.</summary>
public sealed record PlaceView(Guid Id, string Name, string Kind, string District, string? Hours, IReadOnlyList<string> Languages,
    string? Contact, string? Note, DateOnly CheckedOn, bool Stale);

/// <summary>What the directory decided: the status both the API and the page answer with, and what goes with it.</summary>
public sealed record PlaceOutcome(int Status, PlaceView? Place = null, Validation? Errors = null)
{
    public bool Ok => Status < 400;
    public static PlaceOutcome NotFound { get; } = new(StatusCodes.Status404NotFound);
}

/// <summary>
/// The safe-places directory: every member reads it; defenders add, correct, mark as checked and
/// remove places. The one place that seals and opens a place's details. A place changed on disk (it no
/// longer opens) is left out of the list and counted in the log (<see cref="SealedRows"/>).
/// </summary>
public sealed class PlaceDirectory(KalkanDb db, FieldCipher cipher, IOptions<PlacesOptions> options, TimeProvider clock, ILogger<PlaceDirectory> log)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every place, by kind then name in her language's order.</summary>
    public async Task<List<PlaceView>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Set<SafePlace>().AsNoTracking().ToListAsync(ct);
        return SealedRows.OpenEach(rows, View, log, "safe places")
            .OrderBy(p => Array.IndexOf(PlaceInput.Kinds, p.Kind))
            .ThenBy(p => p.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    public async Task<PlaceOutcome> AddAsync(PlaceRequest request, CancellationToken ct)
    {
        var errors = PlaceInput.Validate(request);
        if (errors.Any) return new(StatusCodes.Status400BadRequest, Errors: errors);
        var place = new SafePlace { DetailsSealed = [], CheckedOn = Today(), CreatedAt = clock.GetUtcNow() };
        Seal(place, PlaceInput.Details(request));
        db.Add(place);
        await db.SaveChangesAsync(ct);
        return new(StatusCodes.Status201Created, View(place));
    }

    /// <summary>A correction is also a check: the defender who wrote it has just looked.</summary>
    public async Task<PlaceOutcome> UpdateAsync(Guid id, PlaceRequest request, CancellationToken ct)
    {
        var place = await db.Set<SafePlace>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (place is null) return PlaceOutcome.NotFound;
        var errors = PlaceInput.Validate(request);
        if (errors.Any) return new(StatusCodes.Status400BadRequest, Errors: errors);
        Seal(place, PlaceInput.Details(request));
        place.CheckedOn = Today();
        await db.SaveChangesAsync(ct);
        return new(StatusCodes.Status200OK, View(place));
    }

    public async Task<PlaceOutcome> MarkCheckedAsync(Guid id, CancellationToken ct)
    {
        var place = await db.Set<SafePlace>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (place is null) return PlaceOutcome.NotFound;
        place.CheckedOn = Today();
        await db.SaveChangesAsync(ct);
        return new(StatusCodes.Status200OK, View(place));
    }

    public async Task<PlaceOutcome> RemoveAsync(Guid id, CancellationToken ct)
    {
        var removed = await db.Set<SafePlace>().Where(p => p.Id == id).ExecuteDeleteAsync(ct);
        return removed == 0 ? PlaceOutcome.NotFound : new(StatusCodes.Status204NoContent);
    }

    DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    void Seal(SafePlace place, PlaceDetails details) =>
        place.DetailsSealed = cipher.Encrypt(JsonSerializer.SerializeToUtf8Bytes(details, Json), Where(place.Id));

    PlaceView View(SafePlace place)
    {
        var d = JsonSerializer.Deserialize<PlaceDetails>(cipher.Decrypt(place.DetailsSealed, Where(place.Id)), Json)!;
        var stale = place.CheckedOn.AddDays(options.Value.StaleAfterDays) < Today();
        return new(place.Id, d.Name, d.Kind, d.District, d.Hours, d.Languages, d.Contact, d.Note, place.CheckedOn, stale);
    }

    static FieldRef Where(Guid id) => new(SafePlace.Table, SafePlace.DetailsColumn, id);
}
