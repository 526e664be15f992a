using Kalkan.Identity.Members;

namespace Kalkan.Alerts;

/// <summary>The landmarks over HTTP: each handler maps what <see cref="LandmarkBook"/> decided.</summary>
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

    public static async Task<Ok<List<LandmarkView>>> List(LandmarkBook book, CancellationToken ct) => TypedResults.Ok(await book.ListAsync(ct));

    public static async Task<Results<Created<LandmarkView>, ValidationProblem, ProblemHttpResult>> Add(LandmarkRequest request, LandmarkBook book, CancellationToken ct) =>
        (await book.AddAsync(request, ct)).CreatedAt(landmark => $"/api/v1/landmarks/{landmark.Id}");

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Remove(Guid id, LandmarkBook book, CancellationToken ct) =>
        (await book.RemoveAsync(id, ct)).NoContentOr();
}
