using Kalkan.Identity.Members;

namespace Kalkan.Identity.Sessions;

public enum SignInOutcome { SignedIn, Wrong, CodeNeeded }

/// <param name="SessionMemberId">Whose account the session opens: hers, or her decoy's under duress.</param>
/// <param name="ShownRole">The role the answer shows: always her own, so a duress sign-in looks like any other.</param>
public sealed record SignInResult(SignInOutcome Outcome, Guid SessionMemberId = default, string ShownRole = "", bool Duress = false, Guid MemberId = default);

/// <summary>
/// Checks a handle, passphrase and (when she has one) a second-factor code. Every path runs exactly
/// one Argon2id: a wrong handle, a revoked member, a wrong passphrase, her real passphrase and her
/// duress passphrase cost the same, and the wrong ones answer the same. Repeated failures on one
/// handle are slowed, never locked, so an attacker cannot lock the real owner out (ASVS 6.3.1); the
/// count is keyed by the blind index, with no address, and shared by every instance (decision 1603).
/// </summary>
public sealed class SignIn(KalkanDb db, MemberAccounts members, PassphraseHasher hasher, PassphraseGuard guard, FieldCipher cipher, TimeProvider clock)
{
    public async Task<SignInResult> CheckAsync(string handle, string passphrase, string? code, CancellationToken ct)
    {
        var index = members.IndexOf(handle);
        // Her slowdown is waited out before a permit is taken (PassphraseGuard), so a flood of one handle blocks no one else.
        using var attempt = await guard.EnterAsync(Convert.ToHexString(index), ct);
        // A decoy's blind index is random: no handle finds it.
        var member = await db.Members.SingleOrDefaultAsync(m => m.HandleIndex == index, ct);
        var duressHash = member is null ? null : members.DuressOf(member).DuressHash;
        var (real, duress) = member is null ? hasher.CheckDecoy(passphrase) : hasher.Check(passphrase, member.PassphraseHash, duressHash);
        // A wrong answer stays counted (PassphraseGuard counts every attempt as it starts).
        if (member is null || member.RevokedAt is not null || !(real || duress)) return new SignInResult(SignInOutcome.Wrong);
        if (member.TotpEnabled)
        {
            if (string.IsNullOrEmpty(code)) return new SignInResult(SignInOutcome.CodeNeeded);
            var secret = cipher.Decrypt(member.TotpSecretSealed!, new FieldRef(Member.Table, MemberAccounts.TotpColumn, member.Id));
            var step = Totp.Match(secret, code, clock.GetUtcNow(), member.TotpLastStep);
            if (step is null) return new SignInResult(SignInOutcome.Wrong);
            member.TotpLastStep = step.Value;
            await db.SaveChangesAsync(ct);
        }
        await attempt.SucceededAsync();
        var decoy = duress ? members.DuressOf(member).DecoyId : null;
        return decoy is { } decoyId
            ? new SignInResult(SignInOutcome.SignedIn, decoyId, member.Role, Duress: true, member.Id)
            : new SignInResult(SignInOutcome.SignedIn, member.Id, member.Role, Duress: false, member.Id);
    }
}
