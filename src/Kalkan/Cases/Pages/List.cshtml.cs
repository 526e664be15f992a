using Kalkan.Members;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kalkan.Cases.Pages;

/// <summary>/cases: every case a defender may know of; hers marked, with her open warnings.</summary>
[Authorize(Roles.Defender)]
public sealed class ListModel(CaseReaders readers, CaseQueries queries) : PageModel
{
    public List<CaseSummary> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Cases = await queries.ListAsync(await readers.OfAsync(User), ct);
}
