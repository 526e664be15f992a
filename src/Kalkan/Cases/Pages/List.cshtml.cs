using Kalkan.Incidents;
using Kalkan.Identity.Members;

namespace Kalkan.Cases.Pages;

/// <summary>/cases: every case a defender may know of, hers marked, with her open warnings; and the form that opens one.</summary>
[Authorize(Roles.Defender)]
public sealed class ListModel(CaseReaders readers, CaseQueries queries, IncidentViewers viewers, CaseDesk desk) : PageModel
{
    public List<CaseSummary> Cases { get; private set; } = [];
    /// <summary>What the form shows: an incident's id when she came from its page, or what she typed when it was refused.</summary>
    public NewCaseForm Form { get; private set; } = new();
    public Validation? Errors { get; private set; }

    public async Task OnGetAsync(Guid? incident, CancellationToken ct)
    {
        Form = new NewCaseForm { Incident = incident?.ToString() };
        Cases = await queries.ListAsync(await readers.OfAsync(User), ct);
    }

    /// <summary>Opens the case (she is assigned) and goes to its page; what the desk refused is shown field by field with her input kept.</summary>
    public async Task<IActionResult> OnPostAsync(NewCaseForm form, CancellationToken ct)
    {
        var result = await desk.CreateAsync(await readers.OfAsync(User), await viewers.OfAsync(User), form.Input, ct);
        if (result.Outcome == CaseOutcome.Done) return Redirect($"/cases/{result.Id}");
        Errors = result.Errors ?? new Validation().Add("incidents[0]", "Nothing is here.");
        Response.StatusCode = result.Outcome == CaseOutcome.Invalid ? 400 : 404;
        Form = form;
        Cases = await queries.ListAsync(await readers.OfAsync(User), ct);
        return Page();
    }

    /// <summary>The page's one-incident, one-complainant, one-helper form; more are added through the API.</summary>
    public sealed class NewCaseForm
    {
        public string? Title { get; set; }
        public string? Body { get; set; }
        public string? Incident { get; set; }
        public string? Complainant { get; set; }
        public string? ComplainantHandle { get; set; }
        public string? Helper { get; set; }
        public string? Notes { get; set; }

        public CaseInput Input => new(Title, Body, [Guid.TryParse(Incident, out var id) ? id : null],
            [new CasePersonInput(Complainant, string.IsNullOrWhiteSpace(ComplainantHandle) ? null : ComplainantHandle.Trim())],
            string.IsNullOrWhiteSpace(Helper) ? [] : [new CasePersonInput(Helper, null)], [], string.IsNullOrWhiteSpace(Notes) ? null : Notes);
    }
}
