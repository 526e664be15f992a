using Microsoft.AspNetCore.RateLimiting;

namespace Kalkan.Setup.Pages;

/// <summary>The browser's `kalkan init`: open on a fresh store only, to whoever has the setup code; a 404 ever after.</summary>
[EnableRateLimiting(SealServices.UnsealLimit)]
public sealed class SetupModel(SealState seal, NetworkSetup setup, SetupCode code) : PageModel
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

    public async Task<IActionResult> OnPostAsync(string? setupCode, string? network, string? adminHandle, string? adminPassphrase,
        string? unsealPassphrase, string? shares, CancellationToken ct)
    {
        if (seal.Status != SealStatus.Uninitialized) return NotFound();
        (Network, AdminHandle, SharesText) = (network, adminHandle, shares);
        if (!code.Matches(setupCode))
        {
            errors = new Web.Validation().Add("setupCode", "That is not this server's setup code.");
            Response.StatusCode = 403;
            return Page();
        }
        var (threshold, count) = Setup.SharesText.Parse(shares);
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
        code.Spend();
        Done = true;
        Shares = result.Shares ?? [];
        return Page();
    }
}
