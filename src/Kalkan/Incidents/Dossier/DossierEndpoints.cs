using Kalkan.Documents;
using Kalkan.Identity.Members;
using Microsoft.Extensions.Localization;

namespace Kalkan.Incidents.Dossier;

/// <summary>
/// An incident's dossier for a lawyer, in the reader's language (?lang=, her cookie, her browser):
/// as a printable page, and as a PDF printed by Chromium. Open to every signed-in role like the
/// incident itself, so whoever may not see it gets the missing id's 404; every export is audited.
/// </summary>
public static class DossierEndpoints
{
    public const string NoPrinterTitle = "PDF printing is not available on this server (Chromium is not installed); the HTML dossier can be printed from a browser.";
    public const string PrintFailedTitle = "The PDF could not be printed just now; try again, or print the HTML dossier from a browser.";

    public static IEndpointRouteBuilder MapIncidentDossier(this IEndpointRouteBuilder app)
    {
        var dossier = app.MapGroup("/api/v1/incidents/{id:guid}").WithTags("Incidents").RequireAuthorization(Roles.Member);
        dossier.MapGet("/dossier", Html);
        dossier.MapGet("/dossier.pdf", Pdf);
        return app;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Html(Guid id, ClaimsPrincipal user, HttpResponse response,
        IncidentViewers viewers, IncidentDossiers dossiers, IStringLocalizer<IncidentsResource> R, CancellationToken ct)
    {
        if (await DocumentAsync(id, user, viewers, dossiers, R, ct) is not { } document) return NotFound();
        // Stricter than the site's own policy: the dossier loads nothing at all, its style block admitted by hash.
        response.Headers.ContentSecurityPolicy = DocumentHtml.ContentSecurityPolicy;
        return TypedResults.Content(DocumentHtml.Render(document), "text/html; charset=utf-8");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Pdf(Guid id, ClaimsPrincipal user,
        IncidentViewers viewers, IncidentDossiers dossiers, IncidentReader reader, PdfPrinter printer, IStringLocalizer<IncidentsResource> R, CancellationToken ct)
    {
        // Who may not see it gets the 404 first, whatever the server can print; nothing is exported (or audited) that cannot be printed.
        if (!await reader.VisibleAsync(await viewers.OfAsync(user), id, ct)) return NotFound();
        if (!printer.Available) return Unavailable(NoPrinterTitle);
        if (await DocumentAsync(id, user, viewers, dossiers, R, ct) is not { } document) return NotFound();
        var printed = await printer.PrintAsync(DocumentHtml.Render(document), ct);
        return printed.Outcome == PrintOutcome.Printed
            ? TypedResults.File(printed.Pdf!, "application/pdf", $"incident-dossier-{id}.pdf")
            : Unavailable(printed.Outcome == PrintOutcome.Unavailable ? NoPrinterTitle : PrintFailedTitle);
    }

    static async Task<Document?> DocumentAsync(Guid id, ClaimsPrincipal user, IncidentViewers viewers, IncidentDossiers dossiers,
        IStringLocalizer<IncidentsResource> R, CancellationToken ct) =>
        await dossiers.GatherAsync(await viewers.OfAsync(user), id, ct) is { } data
            ? DossierSections.Build(data, R, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)
            : null;

    static ProblemHttpResult Unavailable(string title) => TypedResults.Problem(title: title, statusCode: StatusCodes.Status503ServiceUnavailable);

    static ProblemHttpResult NotFound() => TypedResults.Problem(title: IncidentEndpoints.NotFoundTitle, statusCode: StatusCodes.Status404NotFound);
}
