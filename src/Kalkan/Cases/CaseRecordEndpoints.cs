using Kalkan.Incidents.Evidence;
using Kalkan.Identity.Members;
using Microsoft.Net.Http.Headers;

namespace Kalkan.Cases;

/// <summary>
/// A case's documents (the raw body, its type in Content-Type, its name in Content-Disposition,
/// ?direction=sent|received) and deadlines. Whoever does not handle the case gets the missing id's 404.
/// </summary>
public static class CaseRecordEndpoints
{
    public static IEndpointRouteBuilder MapCaseRecords(this IEndpointRouteBuilder app)
    {
        var max = app.ServiceProvider.GetRequiredService<IOptions<EvidenceOptions>>().Value.MaxBytes;
        var cases = app.MapGroup("/api/v1/cases/{id:guid}").WithTags("Cases").RequireAuthorization(Roles.Member);
        cases.MapPost("/documents", AddDocument).WithMetadata(new RequestSizeLimitAttribute(max));
        cases.MapGet("/documents", ListDocuments);
        cases.MapGet("/documents/{document:guid}", ReadDocument);
        cases.MapPost("/deadlines", AddDeadline);
        cases.MapGet("/deadlines", ListDeadlines);
        return app;
    }

    public static async Task<Results<Created<DocumentView>, ProblemHttpResult>> AddDocument(Guid id, string? direction, HttpRequest request, ClaimsPrincipal user,
        CaseReaders readers, CaseDocuments documents, IOptions<EvidenceOptions> options, CancellationToken ct)
    {
        var name = ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            ? (disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value)?.Trim('"') : null;
        var (outcome, view) = await documents.AddAsync(await readers.OfAsync(user), id, direction, request.ContentType, name, request.ContentLength, request.Body, ct);
        return outcome switch
        {
            DocumentOutcome.Done => TypedResults.Created($"/api/v1/cases/{id}/documents/{view!.Id}", view),
            DocumentOutcome.BadDirection => Problem(400, "direction is sent or received.", "direction"),
            DocumentOutcome.TooLarge => Problem(413, $"A file may have at most {options.Value.MaxBytes / (1024 * 1024)} MiB.", "body"),
            DocumentOutcome.RefusedType => Problem(415, "PDF, photos (JPEG, PNG), audio or plain text only, sent with their own Content-Type.", "Content-Type"),
            _ => NotFound(),
        };
    }

    public static async Task<Results<Ok<List<DocumentView>>, ProblemHttpResult>> ListDocuments(Guid id, ClaimsPrincipal user, CaseReaders readers,
        CaseDocuments documents, CaseQueries queries, CancellationToken ct)
    {
        var reader = await readers.OfAsync(user);
        return await queries.HandlesAsync(reader, id, ct) ? TypedResults.Ok(await documents.ListAsync(reader, id, ct)) : NotFound();
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ReadDocument(Guid id, Guid document, ClaimsPrincipal user, HttpResponse response,
        CaseReaders readers, CaseDocuments documents, CancellationToken ct)
    {
        if (await documents.OpenAsync(await readers.OfAsync(user), id, document, ct) is not { } opened) return NotFound();
        response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(opened.View.Sha256))}:";
        response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(opened.Content, opened.View.MediaType);
    }

    public static async Task<Results<Created<DeadlineView>, ValidationProblem, ProblemHttpResult>> AddDeadline(Guid id, DeadlineInput? input, ClaimsPrincipal user,
        CaseReaders readers, CaseDeadlines deadlines, CancellationToken ct)
    {
        var (outcome, view, errors) = await deadlines.AddAsync(await readers.OfAsync(user), id, input, ct);
        return outcome switch
        {
            CaseOutcome.Done => TypedResults.Created($"/api/v1/cases/{id}/deadlines", view!),
            CaseOutcome.Invalid => errors!.Problem(),
            _ => NotFound(),
        };
    }

    public static async Task<Results<Ok<List<DeadlineView>>, ProblemHttpResult>> ListDeadlines(Guid id, ClaimsPrincipal user, CaseReaders readers,
        CaseDeadlines deadlines, CaseQueries queries, CancellationToken ct)
    {
        var reader = await readers.OfAsync(user);
        return await queries.HandlesAsync(reader, id, ct) ? TypedResults.Ok(await deadlines.ListAsync(reader, id, ct)) : NotFound();
    }

    static ProblemHttpResult NotFound() => TypedResults.Problem(title: CaseEndpoints.NotFoundTitle, statusCode: 404);

    static ProblemHttpResult Problem(int status, string title, string field) => TypedResults.Problem(title: title, statusCode: status,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [title] } });
}
