using Kalkan.Identity.Sessions;

namespace Kalkan.Identity.Members.Pages;

/// <summary>
/// Her account: sessions, passphrase, duress passphrase, second factor, deletion. Each form calls
/// the service the API calls and answers with the status it decided.
/// </summary>
[Authorize(Roles.Member)]
public sealed class AccountModel(AccountDesk account, PassphraseDesk passphrases, SecondFactorDesk secondFactor) : OutcomePage
{
    public AccountView? Me { get; private set; }
    public List<SessionView> Sessions { get; private set; } = [];
    public EnrolResponse? Enrolment { get; private set; }
    public string? EnrolmentQr { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostEndSessionAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(await account.EndSessionAsync(User.MemberId(), id, ct), "The session was ended.", ct);

    public async Task<IActionResult> OnPostPassphraseAsync(string? current, string? @new, CancellationToken ct) =>
        await ShowAsync(await passphrases.ChangeAsync(User.MemberId(), User.SessionId(), current, @new, ct), "Your passphrase was changed; your other sessions were ended.", ct);

    public async Task<IActionResult> OnPostDuressAsync(string? passphrase, string? duress, CancellationToken ct) =>
        await ShowAsync(await passphrases.SetDuressAsync(User.MemberId(), passphrase, duress, ct), "Your duress passphrase is set.", ct);

    public async Task<IActionResult> OnPostRemoveDuressAsync(string? passphrase, CancellationToken ct) =>
        await ShowAsync(await passphrases.RemoveDuressAsync(User.MemberId(), passphrase, ct), "Your duress passphrase is removed.", ct);

    public async Task<IActionResult> OnPostEnrolAsync(string? passphrase, string? code, CancellationToken ct)
    {
        var outcome = await secondFactor.EnrolAsync(User.MemberId(), passphrase, code, ct);
        if (outcome.Ok)
        {
            Enrolment = outcome.Value!;
            EnrolmentQr = QrCode.DataUri(Enrolment.Uri);
        }
        return await ShowAsync(outcome, null, ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? code, CancellationToken ct) =>
        await ShowAsync(await secondFactor.ConfirmAsync(User.MemberId(), code, ct), "Your second factor is on.", ct);

    public async Task<IActionResult> OnPostRemoveSecondFactorAsync(string? passphrase, CancellationToken ct) =>
        await ShowAsync(await secondFactor.RemoveAsync(User.MemberId(), passphrase, ct), "Your second factor is off.", ct);

    public async Task<IActionResult> OnPostDeleteAsync(string? passphrase, CancellationToken ct)
    {
        var outcome = await account.DeleteAsync(User.MemberId(), passphrase, ct);
        if (!outcome.Ok) return await ShowAsync(outcome, null, ct);
        Response.Cookies.Delete(SessionAuthentication.CookieName, SessionAuthentication.CookieOptions(TimeSpan.Zero));
        return Redirect("/exit");
    }

    Task<IActionResult> ShowAsync<T>(Outcome<T> outcome, string? done, CancellationToken ct) => ShowAsync(outcome, done, () => LoadAsync(ct));

    async Task LoadAsync(CancellationToken ct)
    {
        Me = await account.ShowAsync(User.MemberId(), ct);
        Sessions = await account.SessionsAsync(User.MemberId(), User.SessionId(), ct);
    }
}
