using Kalkan.Seal;
using Kalkan.Sessions;
using Kalkan.Storage;
using Kalkan.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kalkan.Members.Pages;

/// <summary>Her account: sessions, passphrase, duress passphrase, second factor, deletion. Each form reuses the API's handler.</summary>
[Authorize(Roles.Member)]
public sealed class AccountModel(KalkanDb db, MemberAccounts accounts, SessionStore sessions, PassphraseCheck check, PassphraseHasher hasher, FieldCipher cipher, AccountDeletion deletion) : PageModel
{
    public AccountEndpoints.AccountView? Me { get; private set; }
    public List<AccountEndpoints.SessionView> Sessions { get; private set; } = [];
    public PageOutcome? Outcome { get; private set; }
    public string? Done { get; private set; }
    public SecondFactorEndpoints.EnrolResponse? Enrolment { get; private set; }
    public string? EnrolmentQr { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostEndSessionAsync(Guid id, CancellationToken ct) =>
        ShowAsync(AccountEndpoints.EndSession(id, User, sessions, ct), "The session was ended.", ct);

    public Task<IActionResult> OnPostPassphraseAsync(string? current, string? @new, CancellationToken ct) =>
        ShowAsync(AccountEndpoints.ChangePassphrase(new(current, @new), User, db, check, accounts, hasher, sessions, ct), "Your passphrase was changed; your other sessions were ended.", ct);

    public Task<IActionResult> OnPostDuressAsync(string? passphrase, string? duress, CancellationToken ct) =>
        ShowAsync(AccountEndpoints.SetDuress(new(passphrase, duress), User, db, check, hasher, accounts, ct), "Your duress passphrase is set.", ct);

    public Task<IActionResult> OnPostRemoveDuressAsync(string? passphrase, CancellationToken ct) =>
        ShowAsync(AccountEndpoints.RemoveDuress(new(passphrase), User, db, check, accounts, ct), "Your duress passphrase is removed.", ct);

    public async Task<IActionResult> OnPostEnrolAsync(string? passphrase, string? code, CancellationToken ct)
    {
        var result = await SecondFactorEndpoints.Enrol(new(passphrase, code), User, db, check, cipher, accounts, ct);
        Outcome = PageOutcome.From(result);
        if (Outcome.Ok)
        {
            Enrolment = (SecondFactorEndpoints.EnrolResponse)Outcome.Value!;
            EnrolmentQr = QrCode.DataUri(Enrolment.Uri);
        }
        else Response.StatusCode = 400;
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(string? code, CancellationToken ct) =>
        ShowAsync(SecondFactorEndpoints.Confirm(new(code), User, db, check, accounts, ct), "Your second factor is on.", ct);

    public Task<IActionResult> OnPostRemoveSecondFactorAsync(string? passphrase, CancellationToken ct) =>
        ShowAsync(SecondFactorEndpoints.Remove(new(passphrase), User, db, check, accounts, ct), "Your second factor is off.", ct);

    public async Task<IActionResult> OnPostDeleteAsync(string? passphrase, CancellationToken ct)
    {
        Outcome = PageOutcome.From(await AccountEndpoints.Delete(new(passphrase), User, db, check, deletion, ct));
        if (!Outcome.Ok)
        {
            Response.StatusCode = 400;
            await LoadAsync(ct);
            return Page();
        }
        Response.Cookies.Delete(SessionAuthentication.CookieName, SessionAuthentication.CookieOptions(TimeSpan.Zero));
        return Redirect("/exit");
    }

    async Task<IActionResult> ShowAsync<T>(Task<T> action, string done, CancellationToken ct) where T : IResult
    {
        Outcome = PageOutcome.From(await action);
        if (Outcome.Ok) Done = done;
        else Response.StatusCode = 400;
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        if (PageOutcome.From(await AccountEndpoints.Show(User, check, accounts, ct)).Value is AccountEndpoints.AccountView me) Me = me;
        Sessions = (await AccountEndpoints.Sessions(User, sessions, ct)).Value ?? [];
    }
}
