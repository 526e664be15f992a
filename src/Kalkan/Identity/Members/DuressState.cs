namespace Kalkan.Identity.Members;

/// <summary>
/// What a member row says about duress, sealed in <see cref="Member.DuressSealed"/>: for her, her
/// duress passphrase's hash and her decoy's id (either may be absent); for a decoy, whose it is.
/// Always written at one fixed length, whatever it holds.
/// </summary>
public sealed record DuressState(bool IsDecoy, Guid? Other, string? DuressHash)
{
    public static readonly DuressState None = new(false, null, null);

    const int HashRoom = 160, Length = 1 + 16 + HashRoom;

    public static DuressState DecoyOf(Guid owner) => new(true, owner, null);

    /// <summary>Her decoy's id (on her row).</summary>
    public Guid? DecoyId => IsDecoy ? null : Other;

    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        bytes[0] = IsDecoy ? (byte)1 : (byte)0;
        (Other ?? Guid.Empty).TryWriteBytes(bytes.AsSpan(1, 16));
        if (DuressHash is { } hash)
        {
            var text = Encoding.ASCII.GetBytes(hash);
            if (text.Length > HashRoom) throw new ArgumentException("A duress hash longer than its room.");
            text.CopyTo(bytes.AsSpan(17));
        }
        return bytes;
    }

    public static DuressState FromBytes(byte[] bytes)
    {
        var other = new Guid(bytes.AsSpan(1, 16));
        var hash = Encoding.ASCII.GetString(bytes.AsSpan(17)).TrimEnd('\0');
        return new DuressState(bytes[0] == 1, other == Guid.Empty ? null : other, hash.Length == 0 ? null : hash);
    }
}
