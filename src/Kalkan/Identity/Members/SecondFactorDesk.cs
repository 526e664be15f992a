using Kalkan.Setup;

namespace Kalkan.Identity.Members;

public sealed record EnrolResponse(string Secret, string Uri);

/// <summary>Her second factor (TOTP): set up, confirmed, removed; shared by the API and the account page.</summary>
public sealed class SecondFactorDesk(KalkanDb db, PassphraseCheck check, FieldCipher cipher, MemberAccounts accounts)
{
    public const string RequiredTitle = "This network requires a second factor for your role.";

    /// <summary>A new secret to confirm. Replacing one she has needs a current code of it, so a borrowed session cannot move her second factor to another phone.</summary>
    public async Task<Outcome<EnrolResponse>> EnrolAsync(Guid me, string? passphrase, string? code, CancellationToken ct)
    {
        var holder = await check.HolderAsync(me, tracked: true, ct);
        var account = holder.Me;
        switch (await check.CheckAsync(holder, passphrase, ct, needCode: account.TotpEnabled, code: code))
        {
            case Said.WrongCode: return Outcome<EnrolResponse>.Invalid(new Validation().Add("code", "A current code from your authenticator app is needed to replace it."));
            case not Said.Hers: return Outcome<EnrolResponse>.Invalid(new Validation().Add("passphrase", AccountDesk.NotYourPassphrase));
        }
        var secret = Totp.NewSecret();
        account.TotpSecretSealed = cipher.Encrypt(secret, new FieldRef(Member.Table, MemberAccounts.TotpColumn, account.Id));
        account.TotpEnabled = false;
        await MirrorAsync(holder, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<EnrolResponse>.Done(new EnrolResponse(Totp.Base32(secret), Totp.Uri(secret, accounts.HandleOf(account))));
    }

    public async Task<Outcome<Guid>> ConfirmAsync(Guid me, string? code, CancellationToken ct)
    {
        var holder = await check.HolderAsync(me, tracked: true, ct);
        var account = holder.Me;
        if (account.TotpSecretSealed is null) return Outcome<Guid>.Invalid(new Validation().Add("code", "Start setting up the second factor first."));
        if (!check.CodeMatches(account, code))
            return Outcome<Guid>.Invalid(new Validation().Add("code", "This code is not right; check the time on your phone."));
        account.TotpEnabled = true;
        await MirrorAsync(holder, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.NoContent(me);
    }

    /// <returns>204; 400 for a wrong passphrase; 403 where the network requires a second factor for her role.</returns>
    public async Task<Outcome<Guid>> RemoveAsync(Guid me, string? passphrase, CancellationToken ct)
    {
        var holder = await check.HolderAsync(me, tracked: true, ct);
        if (await check.CheckAsync(holder, passphrase, ct) != Said.Hers) return Outcome<Guid>.Invalid(new Validation().Add("passphrase", AccountDesk.NotYourPassphrase));
        if (Roles.NeedsSecondFactor(holder.Owner.Role) && await db.Set<Network>().AnyAsync(n => n.RequireSecondFactor, ct))
            return Outcome<Guid>.Refused(StatusCodes.Status403Forbidden, RequiredTitle);
        holder.Me.TotpEnabled = false;
        holder.Me.TotpSecretSealed = null;
        await MirrorAsync(holder, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.NoContent(me);
    }

    /// <summary>Her changes show in her decoy too, so a duress sign-in shows the second factor she has; changes under duress stay in the decoy.</summary>
    async Task MirrorAsync(Holder holder, CancellationToken ct)
    {
        if (holder.UnderDuress || accounts.DuressOf(holder.Me).DecoyId is not { } decoyId) return;
        if (await db.Members.SingleOrDefaultAsync(m => m.Id == decoyId, ct) is { } decoy) accounts.MirrorSecondFactor(holder.Me, decoy);
    }
}
