using Kalkan.Seal;
using Kalkan.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kalkan.Members;

public enum CreateOutcome { Created, HandleTaken }

/// <summary>Creating a member and reading her handle back: the one place that seals and indexes handles.</summary>
public sealed class MemberAccounts(KalkanDb db, FieldCipher cipher, BlindIndex blind, PassphraseHasher hasher)
{
    public const string HandleColumn = "handle", TotpColumn = "totp_secret", InvitedByColumn = "invited_by";

    public byte[] IndexOf(string handle) => blind.Compute(Member.Table, HandleColumn, handle);

    public Member New(string handle, string passphrase, string role, Guid? invitedBy = null)
    {
        var member = new Member
        {
            Role = role,
            HandleSealed = [],
            HandleIndex = IndexOf(handle),
            PassphraseHash = hasher.Hash(passphrase),
        };
        member.HandleSealed = cipher.Encrypt(handle.Trim(), new FieldRef(Member.Table, HandleColumn, member.Id));
        if (invitedBy is { } inviter) member.InvitedBySealed = cipher.Encrypt(inviter.ToByteArray(), new FieldRef(Member.Table, InvitedByColumn, member.Id));
        return member;
    }

    /// <summary>Adds and saves her; a handle already in the network (as its blind index says) is refused.</summary>
    public async Task<(CreateOutcome Outcome, Member? Member)> CreateAsync(string handle, string passphrase, string role, Guid? invitedBy, CancellationToken ct)
    {
        var index = IndexOf(handle);
        if (await db.Members.AnyAsync(m => m.HandleIndex == index, ct)) return (CreateOutcome.HandleTaken, null);
        var member = New(handle, passphrase, role, invitedBy);
        db.Members.Add(member);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two joins raced for one handle; the unique index let one through.
            db.ChangeTracker.Clear();
            return (CreateOutcome.HandleTaken, null);
        }
        return (CreateOutcome.Created, member);
    }

    /// <summary>Who invited the member with this id, from her sealed column; null for the first admin and for orphans.</summary>
    public Guid? InviterOf(Guid memberId, byte[]? invitedBySealed) =>
        invitedBySealed is null ? null : new Guid(cipher.Decrypt(invitedBySealed, new FieldRef(Member.Table, InvitedByColumn, memberId)));

    public string HandleOf(Member member) => cipher.DecryptString(member.HandleSealed, new FieldRef(Member.Table, HandleColumn, member.Id));
}
