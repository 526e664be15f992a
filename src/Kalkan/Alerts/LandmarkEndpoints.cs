using Kalkan.Members;
using Kalkan.Seal;
using Kalkan.Storage;
using Kalkan.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kalkan.Alerts;

/// <summary>Places the network named: every member reads them (to report at one); defenders add and remove them.</summary>
public static class LandmarkEndpoints
{
    public static IEndpointRouteBuilder MapLandmarks(this IEndpointRouteBuilder app)
    {
        var landmarks = app.MapGroup("/api/v1/landmarks").WithTags("Alerts").RequireAuthorization(Roles.Member).RequireRateLimiting(AlertEndpoints.GroupLimit);
        landmarks.MapGet("/", List);
        landmarks.MapPost("/", Add).RequireAuthorization(Roles.Defender);
        landmarks.MapDelete("/{id:guid}", Remove).RequireAuthorization(Roles.Defender);
        return app;
    }

    public static async Task<Ok<List<LandmarkView>>> List(KalkanDb db, FieldCipher cipher, SealedPlace places, CancellationToken ct)
    {
        var rows = await db.Set<Landmark>().AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(rows.Select(l => View(l, cipher, places)).OrderBy(l => l.Name, StringComparer.CurrentCulture).ToList());
    }

    public static async Task<Results<Created<LandmarkView>, ValidationProblem>> Add(LandmarkRequest request, KalkanDb db, FieldCipher cipher, SealedPlace places, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Validation().Required("name", request.Name, 100);
        errors.Place(request.Lat, request.Lon);
        if (errors.Any) return errors.Problem();
        var landmark = new Landmark { NameSealed = [], PositionSealed = [], CreatedAt = clock.GetUtcNow() };
        landmark.NameSealed = cipher.Encrypt(request.Name!.Trim(), new FieldRef(Landmark.Table, Landmark.NameColumn, landmark.Id));
        landmark.PositionSealed = places.Seal(Landmark.Table, landmark.Id, request.Lat!.Value, request.Lon!.Value);
        db.Add(landmark);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/landmarks/{landmark.Id}", View(landmark, cipher, places));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(Guid id, KalkanDb db, CancellationToken ct)
    {
        // Alerts reported at it keep their coordinates; only the name goes (the foreign key sets null).
        var landmark = await db.Set<Landmark>().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (landmark is null) return TypedResults.Problem(title: "No such landmark.", statusCode: StatusCodes.Status404NotFound);
        db.Remove(landmark);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    static LandmarkView View(Landmark l, FieldCipher cipher, SealedPlace places)
    {
        var (lat, lon) = places.Of(l);
        return new(l.Id, cipher.DecryptString(l.NameSealed, new FieldRef(Landmark.Table, Landmark.NameColumn, l.Id)), lat, lon);
    }
}
