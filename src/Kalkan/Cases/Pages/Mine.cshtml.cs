using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;

namespace Kalkan.Cases.Pages;

/// <summary>/cases/mine: for a complainant or helper who is a member, where each of her cases stands, in plain words and her language.</summary>
[Authorize(Roles.Member)]
public sealed class MineModel(CaseQueries queries) : PageModel
{
    public List<OwnCaseView> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Cases = await queries.MineAsync(User.MemberId(), ct);
}
