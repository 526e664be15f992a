using Kalkan.Identity.Sessions;

namespace Kalkan.Identity.Members;

/// <summary>
/// Her passphrase and her duress passphrase: changed, set, removed; shared by the API and the
/// account page. Under duress each seems done and changes only what whoever forced it may use.
/// </summary>
public sealed class PassphraseDesk(KalkanDb db, PassphraseCheck check, MemberAccounts accounts, PassphraseHasher hasher, SessionStore sessions)
{
    /// <returns>204, her other sessions ended; 400 naming the field.</returns>
    public async Task<Outcome<Guid>> ChangeAsync(Guid me, Guid currentSession, string? current, string? fresh, CancellationToken ct)
    {
        var holder = await check.HolderAsync(me, tracked: true, ct);
        var (account, owner, underDuress) = holder;
        var errors = new Validation();
        if (PassphrasePolicy.Problem(fresh) is { } problem) errors.Add("new", problem);
        if (await check.CheckAsync(holder, current, ct) != Said.Hers)
            errors.Add("current", AccountDesk.NotYourPassphrase);
        else if (!underDuress && fresh is not null && hasher.Check(fresh, account.PassphraseHash, accounts.DuressOf(account).DuressHash).Duress)
            errors.Add("new", "This is your duress passphrase; choose another.");
        if (errors.Any) return Outcome<Guid>.Invalid(errors);
        // Same salt, so her duress passphrase keeps working beside the new one. Under duress the
        // "change" moves her duress passphrase instead, so whoever forced it can use it and learns nothing.
        if (!underDuress) account.PassphraseHash = hasher.HashLike(fresh!, account.PassphraseHash);
        else accounts.SetDuress(owner, accounts.DuressOf(owner) with { DuressHash = hasher.HashLike(fresh!, owner.PassphraseHash) });
        await db.SaveChangesAsync(ct);
        await sessions.EndOthersAsync(account.Id, currentSession, ct);
        return Outcome<Guid>.NoContent(me);
    }

    public async Task<Outcome<Guid>> SetDuressAsync(Guid me, string? passphrase, string? duress, CancellationToken ct)
    {
        var holder = await check.HolderAsync(me, tracked: true, ct);
        var errors = await PassphraseProblemAsync(holder, passphrase, ct);
        if (PassphrasePolicy.Problem(duress) is { } problem) errors.Add("duress", problem);
        else if (duress == passphrase) errors.Add("duress", "It must differ from your passphrase.");
        if (errors.Any) return Outcome<Guid>.Invalid(errors);
        if (holder.UnderDuress) return Outcome<Guid>.NoContent(me); // under duress: seems done, changes nothing
        var account = holder.Me;
        var state = accounts.DuressOf(account) with { DuressHash = hasher.HashLike(duress!, account.PassphraseHash) };
        if (state.DecoyId is null)
        {
            var decoy = accounts.NewDecoy(account);
            accounts.MirrorSecondFactor(account, decoy);
            db.Members.Add(decoy);
            state = state with { Other = decoy.Id };
        }
        accounts.SetDuress(account, state);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.NoContent(me);
    }

    public async Task<Outcome<Guid>> RemoveDuressAsync(Guid me, string? passphrase, CancellationToken ct)
    {
        var holder = await check.HolderAsync(me, tracked: true, ct);
        var errors = await PassphraseProblemAsync(holder, passphrase, ct);
        if (errors.Any) return Outcome<Guid>.Invalid(errors);
        if (holder.UnderDuress) return Outcome<Guid>.NoContent(me);
        accounts.SetDuress(holder.Me, accounts.DuressOf(holder.Me) with { DuressHash = null });
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.NoContent(me);
    }

    async Task<Validation> PassphraseProblemAsync(Holder holder, string? passphrase, CancellationToken ct)
    {
        var errors = new Validation();
        if (await check.CheckAsync(holder, passphrase, ct) != Said.Hers) errors.Add("passphrase", AccountDesk.NotYourPassphrase);
        return errors;
    }
}
