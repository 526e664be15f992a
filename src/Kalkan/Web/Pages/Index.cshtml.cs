using System.Security.Claims;
using Kalkan.Seal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kalkan.Web.Pages;

/// <summary>The front door sends each visitor where the server's state says to go.</summary>
public sealed class IndexModel(SealState seal) : PageModel
{
    public string Role { get; private set; } = "";

    public IActionResult OnGet()
    {
        if (seal.Status == SealStatus.Uninitialized) return Redirect("/setup");
        if (seal.Status == SealStatus.Sealed) return Redirect("/unseal");
        if (User.Identity?.IsAuthenticated != true) return Redirect("/signin");
        Role = User.FindFirstValue(ClaimTypes.Role) ?? "";
        return Page();
    }
}
