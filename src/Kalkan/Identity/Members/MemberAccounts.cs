namespace Kalkan.Identity.Members;

public enum CreateOutcome { Created, HandleTaken }

/// <summary>Creating a member and reading her handle back: the one place that seals and indexes handles.</summary>
public sealed class MemberAccounts(KalkanDb db, FieldCipher cipher, BlindIndex blind, PassphraseHasher hasher, TimeProvider clock)
{
    public const string HandleColumn = "handle", TotpColumn = "totp_secret", DuressColumn = "duress", InvitedByColumn = "invited_by";

    public byte[] IndexOf(string handle) => blind.Compute(Member.Table, HandleColumn, handle);

    /// <param name="passphraseHash">Her passphrase already hashed (a join hashes before it knows whether the code is good).</param>
    public Member New(string handle, string passphrase, string role, Guid? invitedBy = null, string? passphraseHash = null)
    {
        var member = new Member
        {
            Role = role,
            CreatedAt = clock.GetUtcNow(),
            HandleSealed = [],
            DuressSealed = [],
            HandleIndex = IndexOf(handle),
            PassphraseHash = passphraseHash ?? hasher.Hash(passphrase),
        };
        member.HandleSealed = cipher.Encrypt(handle.Trim(), new FieldRef(Member.Table, HandleColumn, member.Id));
        if (invitedBy is { } inviter) member.InvitedBySealed = cipher.Encrypt(inviter.ToByteArray(), new FieldRef(Member.Table, InvitedByColumn, member.Id));
        SetDuress(member, DuressState.None);
        return member;
    }

    /// <summary>Adds and saves her; a handle already in the network (as its blind index says) is refused.</summary>
    public async Task<(CreateOutcome Outcome, Member? Member)> CreateAsync(string handle, string passphrase, string role, Guid? invitedBy, CancellationToken ct,
        string? passphraseHash = null)
    {
        var index = IndexOf(handle);
        if (await db.Members.AnyAsync(m => m.HandleIndex == index, ct)) return (CreateOutcome.HandleTaken, null);
        var member = New(handle, passphrase, role, invitedBy, passphraseHash);
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

    public DuressState DuressOf(Member member) =>
        DuressState.FromBytes(cipher.Decrypt(member.DuressSealed, new FieldRef(Member.Table, DuressColumn, member.Id)));

    public void SetDuress(Member member, DuressState state) =>
        member.DuressSealed = cipher.Encrypt(state.ToBytes(), new FieldRef(Member.Table, DuressColumn, member.Id));

    /// <summary>
    /// A decoy for her: an ordinary-looking member row with her handle sealed, a random blind index
    /// (so no sign-in finds it) and a random passphrase, that her duress passphrase opens.
    /// </summary>
    public Member NewDecoy(Member owner)
    {
        // Invited by her inviter too: a row with no inviter would stand out among those who joined.
        var decoy = New(HandleOf(owner), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), Roles.Member, InviterOf(owner.Id, owner.InvitedBySealed));
        decoy.HandleIndex = RandomNumberGenerator.GetBytes(32);
        SetDuress(decoy, DuressState.DecoyOf(owner.Id));
        return decoy;
    }

    /// <summary>Her decoy shows her second factor as she has it: the same secret, sealed for the decoy's row.</summary>
    public void MirrorSecondFactor(Member owner, Member decoy)
    {
        decoy.TotpSecretSealed = owner.TotpSecretSealed is null ? null
            : cipher.Encrypt(cipher.Decrypt(owner.TotpSecretSealed, new FieldRef(Member.Table, TotpColumn, owner.Id)), new FieldRef(Member.Table, TotpColumn, decoy.Id));
        decoy.TotpEnabled = owner.TotpEnabled;
        decoy.TotpLastStep = owner.TotpLastStep;
    }

    /// <summary>Who invited the member with this id, from her sealed column; null for the first admin and for orphans.</summary>
    public Guid? InviterOf(Guid memberId, byte[]? invitedBySealed) =>
        invitedBySealed is null ? null : new Guid(cipher.Decrypt(invitedBySealed, new FieldRef(Member.Table, InvitedByColumn, memberId)));

    public string HandleOf(Member member) => cipher.DecryptString(member.HandleSealed, new FieldRef(Member.Table, HandleColumn, member.Id));

    /// <summary>Her handle where the rest of what is shown of her still counts: "" when it does not open (changed on disk), counted in <paramref name="log"/>.</summary>
    public string HandleOrBlank(Member member, ILogger log) => SealedRows.OpenOne(member, HandleOf, "", log, "handles");
}
