namespace Kalkan.Seal;

/// <summary>How a Shamir share is written for a custodian: "kalkan-share-" and base64url.</summary>
public static class ShareText
{
    const string Prefix = "kalkan-share-";

    public static string Encode(byte[] share) => Prefix + Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder.Encode(share);

    public static byte[]? Decode(string text)
    {
        text = text.Trim();
        if (!text.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        try { return Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder.Decode(text[Prefix.Length..]); }
        catch (FormatException) { return null; }
    }
}
