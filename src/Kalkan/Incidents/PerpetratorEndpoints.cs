using Kalkan.Audit;
using Kalkan.Identity.Members;

namespace Kalkan.Incidents;

/// <summary>Badge and plate matching while documenting (documenters up); profiles with their pattern (defenders and admins).</summary>
public static class PerpetratorEndpoints
{
    public sealed record MatchRequest(string? Badge, string? VehiclePlate);

    public static IEndpointRouteBuilder MapPerpetratorApi(this IEndpointRouteBuilder app)
    {
        var perpetrators = app.MapGroup("/api/v1/perpetrators").WithTags("Incidents").RequireAuthorization(Roles.Documenter);
        perpetrators.MapPost("/match", Match);
        perpetrators.MapGet("/", List).RequireAuthorization(Roles.Defender);
        perpetrators.MapGet("/{id:guid}", Get).RequireAuthorization(Roles.Defender);
        return app;
    }

    /// <summary>POST, not GET: a badge or plate in a URL would sit in every proxy's log.</summary>
    public static async Task<Results<Ok<List<ProfileMatch>>, ValidationProblem>> Match(MatchRequest? request, PerpetratorProfiles profiles, CancellationToken ct)
    {
        // Nothing to match is a mistake of the caller's, not an empty answer: it would hide a form that lost its fields.
        if (string.IsNullOrWhiteSpace(request?.Badge) && string.IsNullOrWhiteSpace(request?.VehiclePlate))
            return new Validation().Add("badge", "A badge or a vehicle plate.").Problem();
        return TypedResults.Ok(await profiles.MatchAsync(request.Badge, request.VehiclePlate, ct));
    }

    public static async Task<Ok<List<ProfileView>>> List(PerpetratorProfiles profiles, CancellationToken ct) =>
        TypedResults.Ok(await profiles.ListAsync(ct));

    public static async Task<Results<Ok<ProfileView>, ProblemHttpResult>> Get(Guid id, PerpetratorProfiles profiles, AuditChain audit, CancellationToken ct)
    {
        if (await profiles.ViewAsync(id, ct) is not { } view)
            return TypedResults.Problem(title: "No such perpetrator profile.", statusCode: StatusCodes.Status404NotFound);
        await audit.RecordAsync(IncidentActions.ProfileRead, id, ct);
        return TypedResults.Ok(view);
    }
}
