using Kalkan.Identity.Members;

namespace Kalkan.Cases.Pages;

/// <summary>/cases/{id}: all of it for its own defenders and admins, only its outline for another defender; 404 for anyone else.</summary>
[Authorize(Roles.Defender)]
public sealed class ShowModel(CaseReaders readers, CaseQueries queries, CaseDesk desk, CaseDocuments documents, CaseDeadlines deadlines) : PageModel
{
    public CaseView? Case { get; private set; }
    public List<DocumentView> Documents { get; private set; } = [];
    public List<DeadlineView> Deadlines { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var reader = await readers.OfAsync(User);
        Case = await queries.GetAsync(reader, id, ct);
        if (Case is null) return NotFound();
        if (Case.Complainants is not null)
        {
            Documents = await documents.ListAsync(reader, id, ct);
            Deadlines = await deadlines.ListAsync(reader, id, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? status, string? on, bool? underPressure, string? note, CancellationToken ct)
    {
        var result = await desk.ChangeStatusAsync(await readers.OfAsync(User), id, new StatusInput(status, on, underPressure, note), ct);
        if (result.Outcome == CaseOutcome.NotFound) return NotFound();
        if (result.Outcome == CaseOutcome.Done) return Redirect($"/cases/{id}");
        Problem = string.Join(" ", result.Errors!.Fields.SelectMany(f => f.Messages.Select(m => $"{f.Field}: {m}")));
        Response.StatusCode = 400;
        await OnGetAsync(id, ct);
        return Page();
    }
}
