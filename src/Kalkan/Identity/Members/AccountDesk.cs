using Kalkan.Identity.Sessions;

namespace Kalkan.Identity.Members;

public sealed record AccountView(string Handle, string Role, bool SecondFactor, bool Duress, DateTimeOffset CreatedAt);
public sealed record SessionView(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool Current);

/// <summary>
/// Her own account as she sees it, her sessions, and deleting it all: shared by the API and the
/// account page. Every query is keyed by her own id from the session, so no one reaches another's
/// account through these.
/// </summary>
public sealed class AccountDesk(PassphraseCheck check, MemberAccounts accounts, SessionStore sessions, AccountDeletion deletion)
{
    public const string NotYourPassphrase = "This is not your current passphrase.";

    /// <summary>Under duress the decoy shows her role, second factor, duress state and age, so the two cannot be told apart.</summary>
    public async Task<AccountView> ShowAsync(Guid me, CancellationToken ct)
    {
        var (account, owner, _) = await check.HolderAsync(me, tracked: false, ct);
        return new AccountView(accounts.HandleOf(account), owner.Role, account.TotpEnabled, accounts.DuressOf(owner).DuressHash is not null, owner.CreatedAt);
    }

    public async Task<List<SessionView>> SessionsAsync(Guid me, Guid currentSession, CancellationToken ct) =>
        (await sessions.ListAsync(me, ct)).Select(s => new SessionView(s.Id, s.CreatedAt, s.LastSeenAt, s.Id == currentSession)).ToList();

    /// <returns>204; 404 for a session that is not hers, as for one that does not exist.</returns>
    public async Task<Outcome<Guid>> EndSessionAsync(Guid me, Guid session, CancellationToken ct) =>
        await sessions.EndMineAsync(me, session, ct) == 0 ? Outcome<Guid>.NotFound() : Outcome<Guid>.NoContent(session);

    /// <summary>Everything of hers goes (<see cref="AccountDeletion"/>); under duress only the decoy's sessions end, and it seems done.</summary>
    public async Task<Outcome<Guid>> DeleteAsync(Guid me, string? passphrase, CancellationToken ct)
    {
        var holder = await check.HolderAsync(me, tracked: false, ct);
        if (await check.CheckAsync(holder, passphrase, ct) != Said.Hers) return Outcome<Guid>.Invalid(new Validation().Add("passphrase", NotYourPassphrase));
        await deletion.DeleteAsync(holder, ct);
        return Outcome<Guid>.NoContent(me);
    }
}
