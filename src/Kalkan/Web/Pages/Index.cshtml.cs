namespace Kalkan.Web.Pages;

/// <summary>The front door sends each visitor where the server's state says to go.</summary>
public sealed class IndexModel(SealState seal) : PageModel
{
    public IActionResult OnGet()
    {
        if (seal.Status == SealStatus.Uninitialized) return Redirect("/setup");
        if (seal.Status == SealStatus.Sealed) return Redirect("/unseal");
        // A member's home is the alerts page (contract.md).
        return Redirect(User.Identity?.IsAuthenticated == true ? "/alerts" : "/signin");
    }
}
