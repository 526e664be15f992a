using Microsoft.AspNetCore.WebUtilities;

namespace Kalkan.Delivery.Push;

/// <summary>
/// RFC 8292 voluntary application server identification: an ES256 JWT naming the push service's
/// origin, valid for twelve hours at most, sent with the public key in the Authorization header.
/// </summary>
public static class Vapid
{
    static readonly string Header = WebEncoders.Base64UrlEncode("{\"typ\":\"JWT\",\"alg\":\"ES256\"}"u8.ToArray());

    public static string AuthorizationValue(ECDsa key, Uri endpoint, string subject, DateTimeOffset now)
    {
        var audience = endpoint.GetLeftPart(UriPartial.Authority);
        var token = Token(key, audience, subject, now + TimeSpan.FromHours(12));
        return $"vapid t={token}, k={WebEncoders.Base64UrlEncode(WebPushCrypto.PublicKey(key))}";
    }

    public static string Token(ECDsa key, string audience, string subject, DateTimeOffset expires)
    {
        var claims = JsonSerializer.SerializeToUtf8Bytes(new { aud = audience, exp = expires.ToUnixTimeSeconds(), sub = subject });
        var signingInput = Header + "." + WebEncoders.Base64UrlEncode(claims);
        // .NET signs ECDSA in IEEE P1363 form (r | s, 64 bytes), which is what JWS ES256 wants.
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return signingInput + "." + WebEncoders.Base64UrlEncode(signature);
    }

    /// <summary>True when the JWT's signature holds for the uncompressed public key given.</summary>
    public static bool Verify(string jwt, byte[] publicKey)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3 || publicKey.Length != 65 || publicKey[0] != 4) return false;
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..] },
        });
        try
        {
            return key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), WebEncoders.Base64UrlDecode(parts[2]), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
