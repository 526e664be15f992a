using Kalkan.Identity.Members;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Kalkan.Incidents.Evidence;

/// <summary>
/// Evidence from the incident page's form. ASP.NET would buffer a multipart form (to an
/// unencrypted temporary file past 64 KiB) before a page handler or the anti-forgery check ran,
/// so this reads the body itself: the anti-forgery field first, checked through the header the
/// anti-forgery service reads before any form, then the file streamed into the sealed store.
/// The answer is a redirect back to the incident saying what happened.
/// </summary>
public static class EvidenceForm
{
    const string FileField = "file";

    public static IEndpointRouteBuilder MapEvidenceForm(this IEndpointRouteBuilder app)
    {
        var max = app.ServiceProvider.GetRequiredService<IOptions<EvidenceOptions>>().Value.MaxBytes;
        // The store counts the file itself against MaxBytes; the request may carry the form's few fields around it.
        app.MapPost("/incidents/{id:guid}/evidence", UploadAsync).RequireAuthorization(Roles.Documenter)
            .WithMetadata(new RequestSizeLimitAttribute(max + 64 * 1024)).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> UploadAsync(Guid id, HttpContext context, ClaimsPrincipal user, IAntiforgery antiforgery,
        IOptions<AntiforgeryOptions> forgery, IncidentViewers viewers, EvidenceStore store, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 100 } boundary)
            return Back(id, "invalid");
        var reader = new MultipartReader(boundary, context.Request.Body) { HeadersLengthLimit = 8 * 1024 };
        var token = await reader.ReadNextSectionAsync(ct);
        if (token is null || token.AsFormDataSection() is not { Name: var name } field || name != forgery.Value.FormFieldName) return Back(id, "invalid");
        context.Request.Headers[forgery.Value.HeaderName!] = await field.GetValueAsync(ct);
        if (!await antiforgery.IsRequestValidAsync(context)) return Results.Problem(title: "The form has expired; reload the page and try again.", statusCode: 400);

        var file = await reader.ReadNextSectionAsync(ct);
        if (file?.AsFileSection() is not { Name: FileField } upload || upload.FileStream is null) return Back(id, "invalid");
        var (outcome, _) = await store.AddAsync(await viewers.OfAsync(user), id, file.ContentType, upload.FileName, null, upload.FileStream, ct);
        return outcome switch
        {
            EvidenceOutcome.Done => Back(id, "added"),
            EvidenceOutcome.TooLarge => Back(id, "too-large"),
            EvidenceOutcome.RefusedType => Back(id, "refused"),
            _ => Results.Problem(title: IncidentEndpoints.NotFoundTitle, statusCode: 404),
        };
    }

    /// <summary>A redirect: the browser comes back to the incident with a GET, so a reload does not upload again.</summary>
    static IResult Back(Guid id, string what) => Results.Redirect($"/incidents/{id}?evidence={what}#evidence");
}
