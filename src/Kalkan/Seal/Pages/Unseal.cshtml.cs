using Microsoft.AspNetCore.RateLimiting;

namespace Kalkan.Seal.Pages;

[EnableRateLimiting(SealServices.UnsealLimit)]
public sealed class UnsealModel(SealState seal, Unsealer unsealer) : PageModel
{
    public bool Ready => seal.Status == SealStatus.Ready;
    public string? Message { get; private set; }
    public int SharesGiven => unsealer.SharesGiven;

    public IActionResult OnGet() => seal.Status == SealStatus.Uninitialized ? Redirect("/setup") : Page();

    public async Task<IActionResult> OnPostAsync(string? passphrase, string? share, CancellationToken ct)
    {
        if (seal.Status == SealStatus.Uninitialized) return Redirect("/setup");
        if (string.IsNullOrEmpty(passphrase) && string.IsNullOrWhiteSpace(share))
        {
            Message = "Give the unseal passphrase or a key share.";
            Response.StatusCode = 400;
            return Page();
        }
        var outcome = !string.IsNullOrEmpty(passphrase)
            ? await unsealer.WithPassphraseAsync(Truncate(passphrase), ct)
            : await unsealer.WithShareAsync(Truncate(share ?? ""), ct);
        if (outcome == UnsealOutcome.Ready) return Redirect("/signin");
        if (outcome == UnsealOutcome.Wrong)
        {
            Message = "That does not unseal Kalkan.";
            Response.StatusCode = 403;
        }
        return Page();
    }

    static string Truncate(string value) => value.Length > 1024 ? value[..1024] : value;
}
