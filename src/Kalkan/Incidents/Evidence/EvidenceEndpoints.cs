using Kalkan.Identity.Members;
using Microsoft.Net.Http.Headers;

namespace Kalkan.Incidents.Evidence;

/// <summary>
/// Evidence goes up as the raw body (its type in Content-Type, its name, optionally, in
/// Content-Disposition), never as a form the server would buffer. Reading follows the incident's
/// visibility: whoever may not see the incident gets the missing id's 404.
/// </summary>
public static class EvidenceEndpoints
{
    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        var max = app.ServiceProvider.GetRequiredService<IOptions<EvidenceOptions>>().Value.MaxBytes;
        var evidence = app.MapGroup("/api/v1/incidents/{id:guid}/evidence").WithTags("Incidents").RequireAuthorization(Roles.Member);
        // No Accepts metadata: routing would answer a refused type with the fallback's 404; Add names the field instead.
        evidence.MapPost("/", Add).RequireAuthorization(Roles.Documenter).WithMetadata(new RequestSizeLimitAttribute(max));
        evidence.MapGet("/{evidenceId:guid}", Shared);
        evidence.MapGet("/{evidenceId:guid}/original", Original);
        return app;
    }

    public static async Task<Results<Created<EvidenceView>, ProblemHttpResult>> Add(Guid id, HttpRequest request, ClaimsPrincipal user,
        IncidentViewers viewers, EvidenceStore store, IOptions<EvidenceOptions> options, CancellationToken ct)
    {
        var name = ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            ? (disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value)?.Trim('"') : null;
        var (outcome, view) = await store.AddAsync(await viewers.OfAsync(user), id, request.ContentType, name, request.ContentLength, request.Body, ct);
        return outcome switch
        {
            EvidenceOutcome.Done => TypedResults.Created($"/api/v1/incidents/{id}/evidence/{view!.Id}", view),
            EvidenceOutcome.TooLarge => Problem(413, $"A file may have at most {options.Value.MaxBytes / (1024 * 1024)} MiB.", "body"),
            EvidenceOutcome.RefusedType => Problem(415, "Photos (JPEG, PNG), audio (MP3, OGG, M4A, WAV) and PDF documents only, sent with their own Content-Type.", "Content-Type"),
            _ => TypedResults.Problem(title: IncidentEndpoints.NotFoundTitle, statusCode: 404),
        };
    }

    /// <summary>The copy to view or share: for a JPEG, without Exif, GPS or any other metadata.</summary>
    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> Shared(Guid id, Guid evidenceId, ClaimsPrincipal user, HttpResponse response,
        IncidentViewers viewers, EvidenceStore store, CancellationToken ct) => SendAsync(id, evidenceId, EvidenceStore.Shared, user, response, viewers, store, ct);

    /// <summary>The original as received, for legal use; every read is audited.</summary>
    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> Original(Guid id, Guid evidenceId, ClaimsPrincipal user, HttpResponse response,
        IncidentViewers viewers, EvidenceStore store, CancellationToken ct) => SendAsync(id, evidenceId, EvidenceStore.Original, user, response, viewers, store, ct);

    static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> SendAsync(Guid id, Guid evidenceId, string copy, ClaimsPrincipal user, HttpResponse response,
        IncidentViewers viewers, EvidenceStore store, CancellationToken ct)
    {
        if (await store.OpenAsync(await viewers.OfAsync(user), id, evidenceId, copy, ct) is not { } opened)
            return TypedResults.Problem(title: "No such evidence, or no copy without metadata for its type.", statusCode: 404);
        var hash = copy == EvidenceStore.Original ? opened.View.Sha256 : opened.View.SharedSha256!;
        response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(hash))}:";
        response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(opened.Content, opened.View.MediaType);
    }

    static ProblemHttpResult Problem(int status, string title, string field) => TypedResults.Problem(title: title, statusCode: status,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [title] } });
}
