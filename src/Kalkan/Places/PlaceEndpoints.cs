using Kalkan.Identity.Members;

namespace Kalkan.Places;

/// <summary>/api/v1/places: every member reads the directory; defenders keep it.</summary>
public static class PlaceEndpoints
{
    public const string GroupLimit = "places";

    public static IEndpointRouteBuilder MapPlaceApi(this IEndpointRouteBuilder app)
    {
        var places = app.MapGroup("/api/v1/places").WithTags("Places").RequireAuthorization(Roles.Member).RequireRateLimiting(GroupLimit);
        places.MapGet("/", async (PlaceDirectory directory, CancellationToken ct) => TypedResults.Ok(await directory.ListAsync(ct)));
        places.MapPost("/", async (PlaceRequest request, PlaceDirectory directory, CancellationToken ct) =>
            Answer(await directory.AddAsync(request, ct))).RequireAuthorization(Roles.Defender);
        places.MapPut("/{id:guid}", async (Guid id, PlaceRequest request, PlaceDirectory directory, CancellationToken ct) =>
            Answer(await directory.UpdateAsync(id, request, ct))).RequireAuthorization(Roles.Defender);
        places.MapPost("/{id:guid}/checked", async (Guid id, PlaceDirectory directory, CancellationToken ct) =>
            Answer(await directory.MarkCheckedAsync(id, ct))).RequireAuthorization(Roles.Defender);
        places.MapDelete("/{id:guid}", async (Guid id, PlaceDirectory directory, CancellationToken ct) =>
            Answer(await directory.RemoveAsync(id, ct))).RequireAuthorization(Roles.Defender);
        return app;
    }

    /// <summary>The directory's outcome as HTTP: the status it decided, never another.</summary>
    static IResult Answer(PlaceOutcome outcome) => outcome switch
    {
        { Errors: { } errors } => errors.Problem(),
        { Status: StatusCodes.Status201Created, Place: { } place } => TypedResults.Created($"/api/v1/places/{place.Id}", place),
        { Status: StatusCodes.Status404NotFound } => TypedResults.Problem(title: "Nothing is here.", statusCode: StatusCodes.Status404NotFound),
        { Place: { } place } => TypedResults.Ok(place),
        _ => TypedResults.StatusCode(outcome.Status),
    };
}
