using Kalkan.Seal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Kalkan.Setup.Pages;

/// <summary>The browser's `kalkan init`: open on a fresh store only, a 404 ever after.</summary>
[EnableRateLimiting(SealServices.UnsealLimit)]
public sealed class SetupModel(SealState seal, NetworkSetup setup) : PageModel
{
    public bool Done { get; private set; }
    public IReadOnlyList<string> Shares { get; private set; } = [];
    public string? Network { get; private set; }
    public string? AdminHandle { get; private set; }
    public string? SharesText { get; private set; }
    Web.Validation? errors;

    public IEnumerable<string> ErrorsFor(string field) =>
        errors?.Fields.Where(f => f.Field == field).SelectMany(f => f.Messages) ?? [];

    public IActionResult OnGet() => seal.Status == SealStatus.Uninitialized ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? network, string? adminHandle, string? adminPassphrase,
        string? unsealPassphrase, string? shares, CancellationToken ct)
    {
        if (seal.Status != SealStatus.Uninitialized) return NotFound();
        (Network, AdminHandle, SharesText) = (network, adminHandle, shares);
        var (threshold, count) = ParseShares(shares);
        var result = await setup.CreateAsync(new SetupRequest(network, adminHandle, adminPassphrase, unsealPassphrase, threshold, count), ct);
        switch (result.Outcome)
        {
            case SetupOutcome.AlreadyInitialized:
                return NotFound();
            case SetupOutcome.Invalid:
                errors = result.Errors;
                Response.StatusCode = 400;
                return Page();
        }
        Done = true;
        Shares = result.Shares ?? [];
        return Page();
    }

    /// <summary>"3/5" → (3, 5); blank → no split; anything else → (1, 0), which validation refuses by name.</summary>
    static (int, int) ParseShares(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (0, 0);
        var parts = text.Split('/');
        return parts.Length == 2 && int.TryParse(parts[0], out var k) && int.TryParse(parts[1], out var n) ? (k, n) : (1, 0);
    }
}
