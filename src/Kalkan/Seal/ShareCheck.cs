namespace Kalkan.Seal;

/// <summary>Tells a custodian's share from a forged one without the root key, by the hash stored at init.</summary>
public static class ShareCheck
{
    const int HashLength = 32;
    static readonly byte[] Label = "kalkan/share-check/v1"u8.ToArray();

    public static byte[] Of(IReadOnlyList<byte[]> shares) => [.. shares.OrderBy(s => s[0]).SelectMany(Hash)];

    /// <summary>False for x = 0, an x beyond the shares made, a wrong length or any wrong byte.</summary>
    public static bool IsGenuine(SealRecord record, byte[] share)
    {
        if (share.Length != RootKey.Length + 1 || share[0] == 0 || share[0] > record.ShareCount) return false;
        var offset = (share[0] - 1) * HashLength;
        if (record.ShareChecks.Length < offset + HashLength) return false;
        return CryptographicOperations.FixedTimeEquals(Hash(share), record.ShareChecks.AsSpan(offset, HashLength));
    }

    static byte[] Hash(byte[] share) => SHA256.HashData([.. Label, .. share]);
}
