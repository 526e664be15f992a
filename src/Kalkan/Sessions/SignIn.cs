using Kalkan.Members;
using Kalkan.Seal;
using Kalkan.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kalkan.Sessions;

public enum SignInOutcome { SignedIn, Wrong, CodeNeeded }

/// <param name="SessionMemberId">Whose account the session opens: hers, or her decoy's under duress.</param>
/// <param name="ShownRole">The role the answer shows: always her own, so a duress sign-in looks like any other.</param>
public sealed record SignInResult(SignInOutcome Outcome, Guid SessionMemberId = default, string ShownRole = "", bool Duress = false, Guid MemberId = default);

/// <summary>
/// Checks a handle, passphrase and (when she has one) a second-factor code. Every path runs exactly
/// one Argon2id: a wrong handle, a revoked member, a wrong passphrase, her real passphrase and her
/// duress passphrase cost the same, and the wrong ones answer the same. Repeated failures on one
/// handle are slowed, never locked, so an attacker cannot lock the real owner out (ASVS 6.3.1); the
/// counters live in memory, keyed by the blind index, with no address.
/// </summary>
public sealed class SignIn(KalkanDb db, MemberAccounts members, PassphraseHasher hasher, FailureCounter failures, FieldCipher cipher, TimeProvider clock)
{
    public async Task<SignInResult> CheckAsync(string handle, string passphrase, string? code, CancellationToken ct)
    {
        var index = members.IndexOf(handle);
        var key = Convert.ToHexString(index);
        await Task.Delay(failures.DelayFor(key), ct);
        var member = await db.Members.SingleOrDefaultAsync(m => m.HandleIndex == index && !m.IsDecoy, ct);
        var (real, duress) = member is null ? hasher.CheckDecoy(passphrase) : hasher.Check(passphrase, member.PassphraseHash, member.DuressHash);
        if (member is null || member.RevokedAt is not null || !(real || duress))
        {
            failures.Record(key);
            return new SignInResult(SignInOutcome.Wrong);
        }
        if (member.TotpEnabled)
        {
            if (string.IsNullOrEmpty(code)) return new SignInResult(SignInOutcome.CodeNeeded);
            var secret = cipher.Decrypt(member.TotpSecretSealed!, new FieldRef(Member.Table, MemberAccounts.TotpColumn, member.Id));
            var step = Totp.Match(secret, code, clock.GetUtcNow(), member.TotpLastStep);
            if (step is null)
            {
                failures.Record(key);
                return new SignInResult(SignInOutcome.Wrong);
            }
            member.TotpLastStep = step.Value;
            await db.SaveChangesAsync(ct);
        }
        failures.Forget(key);
        return duress && member.DecoyId is { } decoy
            ? new SignInResult(SignInOutcome.SignedIn, decoy, member.Role, Duress: true, member.Id)
            : new SignInResult(SignInOutcome.SignedIn, member.Id, member.Role, Duress: false, member.Id);
    }
}
