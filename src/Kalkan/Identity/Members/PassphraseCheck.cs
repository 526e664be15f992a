using Kalkan.Identity.Sessions;

namespace Kalkan.Identity.Members;

/// <summary>Whose account a session opens: <paramref name="Me"/> is the session's row, <paramref name="Owner"/> hers (the same row unless under duress).</summary>
public sealed record Holder(Member Me, Member Owner, bool UnderDuress);

public enum Said { Wrong, Hers, Duress, WrongCode }

/// <summary>
/// The one decoy-aware check of what she typed, for every endpoint of her account that asks for her
/// passphrase. Under duress the decoy is her account as far as anyone can tell: there the duress
/// passphrase that opened it is "hers", and her real one is wrong. In her own session her duress
/// passphrase answers Duress (check-in done escalates on it; the rest treat it as wrong). One
/// Argon2id per check, through <see cref="PassphraseGuard"/>, counted against her handle.
/// </summary>
public sealed class PassphraseCheck(KalkanDb db, MemberAccounts accounts, PassphraseHasher hasher, PassphraseGuard guard, FieldCipher cipher, TimeProvider clock)
{
    public async Task<Holder> HolderAsync(Guid sessionMember, bool tracked, CancellationToken ct)
    {
        var members = tracked ? db.Members : db.Members.AsNoTracking();
        var me = await members.SingleAsync(m => m.Id == sessionMember, ct);
        var state = accounts.DuressOf(me);
        if (!state.IsDecoy) return new Holder(me, me, false);
        return new Holder(me, await members.SingleAsync(m => m.Id == state.Other, ct), true);
    }

    /// <param name="needCode">Also ask for a current code of the session account's second factor (replacing one).</param>
    public async Task<Said> CheckAsync(Holder holder, string? passphrase, CancellationToken ct, bool needCode = false, string? code = null)
    {
        using var attempt = await guard.EnterAsync(Convert.ToHexString(holder.Owner.HandleIndex), ct);
        var duressHash = accounts.DuressOf(holder.Owner).DuressHash;
        var (real, duress) = string.IsNullOrEmpty(passphrase) || passphrase.Length > PassphrasePolicy.Max
            ? hasher.CheckDecoy("-") // the same work as a real check (Argon2 refuses an empty input)
            : hasher.Check(passphrase, holder.Owner.PassphraseHash, duressHash);
        var said = holder.UnderDuress ? (duress ? Said.Hers : Said.Wrong) : real ? Said.Hers : duress ? Said.Duress : Said.Wrong;
        if (said == Said.Hers && needCode && !CodeMatches(holder.Me, code)) said = Said.WrongCode;
        if (said is not (Said.Wrong or Said.WrongCode)) await attempt.SucceededAsync(); // a wrong one stays counted
        return said;
    }

    /// <summary>A current code of this account's second factor, used once.</summary>
    public bool CodeMatches(Member account, string? code)
    {
        if (account.TotpSecretSealed is null) return false;
        var secret = cipher.Decrypt(account.TotpSecretSealed, new FieldRef(Member.Table, MemberAccounts.TotpColumn, account.Id));
        if (Totp.Match(secret, code?.Trim(), clock.GetUtcNow(), account.TotpLastStep) is not { } step) return false;
        account.TotpLastStep = step;
        return true;
    }
}
