using Kalkan.Audit;
using Kalkan.Documents;
using Kalkan.Incidents;
using Kalkan.Identity.Members;
using Microsoft.Extensions.Localization;

namespace Kalkan.Cases;

/// <summary>
/// A case as a lawyer needs it: its filing, dated history with notes, the people behind it,
/// perpetrators with their badge and plate, incidents, documents with their SHA-256, deadlines and
/// possible retaliation. Only the case's own defenders and admins export it; every export is in
/// the audit chain. HTML is the shared <see cref="DocumentHtml"/>; PDF is that page printed by Chromium.
/// </summary>
public static class CaseDossier
{
    public static IEndpointRouteBuilder MapCaseDossier(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/cases/{id:guid}/dossier", Export).WithTags("Cases").RequireAuthorization(Roles.Defender);
        return app;
    }

    public static async Task<Results<ContentHttpResult, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Export(Guid id, string? format,
        ClaimsPrincipal user, HttpResponse response, CaseReaders readers, CaseQueries queries, CaseDocuments documents, CaseDeadlines deadlines,
        PerpetratorProfiles profiles, AuditChain audit, PdfPrinter printer, IStringLocalizer<CasesResource> R, TimeProvider clock, CancellationToken ct)
    {
        format ??= "html";
        if (format is not ("html" or "pdf")) return new Web.Validation().Add("format", "html or pdf.").Problem();
        var reader = await readers.OfAsync(user);
        if (!await queries.HandlesAsync(reader, id, ct) || await queries.GetAsync(reader, id, ct) is not { Complainants: not null } view)
            return TypedResults.Problem(title: CaseEndpoints.NotFoundTitle, statusCode: 404);
        var details = await profiles.DetailsAsync(view.Perpetrators.Select(p => p.Profile), ct);
        var document = Build(view, details, await documents.ListAsync(reader, id, ct), await deadlines.ListAsync(reader, id, ct), clock.GetUtcNow(), R);
        var html = DocumentHtml.Render(document);
        await audit.RecordAsync(CaseActions.Exported, id, ct);
        response.Headers.CacheControl = "no-store";
        if (format == "html")
        {
            response.Headers.ContentSecurityPolicy = DocumentHtml.ContentSecurityPolicy;
            return TypedResults.Content(html, "text/html; charset=utf-8");
        }
        var printed = await printer.PrintAsync(html, ct);
        return printed.Outcome == PrintOutcome.Printed
            ? TypedResults.File(printed.Pdf!, "application/pdf", $"case-{id:N}.pdf")
            : TypedResults.Problem(title: "PDF printing is not available on this server; ask for format=html.", statusCode: 503);
    }

    /// <summary>The dossier in the reader's language (?lang=, her cookie, her browser); codes through the same strings as the case pages.</summary>
    static Document Build(CaseView c, Dictionary<Guid, ProfileDetails> details, List<DocumentView> documents, List<DeadlineView> deadlines, DateTimeOffset now,
        IStringLocalizer R)
    {
        static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sections = new List<Section>
        {
            new(R["Complaint"], [new Facts([
                new(R["Case"], c.Id.ToString(), Code: true), new(R["Filed with"], R["body " + c.Body]), new(R["Status"], R["status " + c.Status]),
                new(R["Filed on"], c.FiledOn ?? R["not yet"]), new(R["Handled by"], string.Join(", ", c.Assignees!))]),
                .. c.Notes is { } notes ? [new Paragraph(notes)] : Array.Empty<Block>()]),
            new(R["History"], [new Table([R["Date"], R["Status"], R["Under pressure (heading)"], R["Note"]],
                [.. c.History.Select(s => (IReadOnlyList<string>)[s.On, R["status " + s.Status], s.UnderPressure ? R["yes"] : "", s.Note ?? ""])])]),
            new(R["Complainants and helpers"], [new Table([R["Role"], R["Pseudonym"]],
                [.. c.Complainants!.Select(p => (IReadOnlyList<string>)[R["complainant"], p.Pseudonym]), .. c.Helpers!.Select(p => (IReadOnlyList<string>)[R["helper"], p.Pseudonym])])]),
            new(R["Perpetrators"], [new Table([R["Kind"], R["Unit"], R["Badge"], R["Vehicle plate"], R["Description"]],
                [.. c.Perpetrators.Select(p => details.GetValueOrDefault(p.Profile)).OfType<ProfileDetails>()
                    .Select(d => (IReadOnlyList<string>)[d.Kind, d.Unit ?? "", d.Badge ?? "", d.VehiclePlate ?? "", d.Description ?? ""])])]),
            new(R["Incidents"], [new Table([R["Incident"]], [.. c.Incidents!.Select(i => (IReadOnlyList<string>)[i.ToString()])]) { CodeColumns = new HashSet<int> { 0 } }]),
            new(R["Documents"], [new Table([R["Added"], R["Direction"], R["Name"], R["Type"], "SHA-256"],
                [.. documents.Select(d => (IReadOnlyList<string>)[Day(d.AddedAt), R["direction " + d.Direction], d.Name ?? "", d.MediaType, d.Sha256])]) { CodeColumns = new HashSet<int> { 4 } }]),
            new(R["Deadlines"], [new Table([R["Due"], R["What"]], [.. deadlines.Select(d => (IReadOnlyList<string>)[Day(d.Due), d.Label])])]),
            new(R["Possible retaliation"], [new Table([R["Raised"], R["Reason"]], [.. c.Warnings!.Select(w => (IReadOnlyList<string>)[Day(w.RaisedAt), R["reason " + w.Reason]])])]),
        };
        return new Document(c.Title, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, sections)
        {
            Subtitle = R["Case dossier, made {0} UTC", now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)],
            Footer = R["Exported from Kalkan; the export is recorded in the network's audit chain. Check a document against its SHA-256."],
        };
    }
}
