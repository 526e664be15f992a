namespace Kalkan.Seal;

/// <summary>
/// Keyed HMAC-SHA256 of a normalised value, so an exact-match lookup (a handle, a badge number,
/// a plate) never needs the plaintext in the store, and a seized store cannot be searched for a
/// guess without the root key.
/// </summary>
public sealed class BlindIndex(SealState seal)
{
    public byte[] Compute(string table, string column, string value)
    {
        var key = seal.KeyFor($"blind/{table}/{column}");
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Normalize(value)));
    }

    /// <summary>Case, width and surrounding space do not make a different handle or plate.</summary>
    public static string Normalize(string value) =>
        value.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();
}
