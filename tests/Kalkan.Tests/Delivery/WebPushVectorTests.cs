using Kalkan.Delivery.Push;
using Microsoft.AspNetCore.WebUtilities;

namespace Kalkan.Tests.Delivery;

/// <summary>Web Push against the RFCs' own examples (Fixtures/vectors).</summary>
public class WebPushVectorTests
{
    static JsonElement Vector(string name) => JsonDocument.Parse(File.ReadAllText(Shared.Path("vectors", name))).RootElement;
    static byte[] B64(JsonElement v, string field) => WebEncoders.Base64UrlDecode(v.GetProperty(field).GetString()!);

    [Fact]
    public void Payload_encryption_gives_exactly_the_body_of_RFC_8291_appendix_A()
    {
        var v = Vector("webpush-rfc8291.json");
        var asPublic = B64(v, "as_public");
        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = B64(v, "as_private"),
            Q = new ECPoint { X = asPublic[1..33], Y = asPublic[33..] },
        });

        var body = WebPushCrypto.Encrypt(Encoding.UTF8.GetBytes(v.GetProperty("plaintext").GetString()!), B64(v, "ua_public"), B64(v, "auth_secret"), sender, B64(v, "salt"));

        Assert.Equal(v.GetProperty("body").GetString(), WebEncoders.Base64UrlEncode(body));
        Assert.Equal(v.GetProperty("body_length_bytes").GetInt32(), body.Length);
    }

    [Fact]
    public void A_fresh_message_decrypts_with_the_browsers_keys_and_no_two_messages_look_alike()
    {
        using var browser = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var auth = RandomNumberGenerator.GetBytes(16);
        var plaintext = "{\"title\":\"Notes\",\"body\":\"Something new\"}"u8.ToArray();
        var one = WebPushCrypto.Encrypt(plaintext, WebPushCrypto.PublicKey(browser), auth);
        var two = WebPushCrypto.Encrypt(plaintext, WebPushCrypto.PublicKey(browser), auth);
        Assert.NotEqual(one, two);
        Assert.Equal(plaintext, PushDecryption.Decrypt(one, browser, auth));
    }

    [Fact]
    public void The_RFC_8292_example_token_verifies_and_ours_carry_the_claims_a_push_service_checks()
    {
        var v = Vector("vapid-rfc8292.json");
        Assert.True(Vapid.Verify(v.GetProperty("jwt").GetString()!, B64(v, "public_key")));
        Assert.False(Vapid.Verify(v.GetProperty("jwt").GetString()!.Replace(".eyJhdWQi", ".eyJhdWqi"), B64(v, "public_key")));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var header = Vapid.AuthorizationValue(key, new Uri("https://push.example.net/send/abc?x=1"), "mailto:push@example.com", now);
        var token = header[(header.IndexOf("t=") + 2)..header.IndexOf(',')];
        Assert.True(Vapid.Verify(token, WebPushCrypto.PublicKey(key)));
        Assert.EndsWith("k=" + WebEncoders.Base64UrlEncode(WebPushCrypto.PublicKey(key)), header);
        var claims = JsonDocument.Parse(WebEncoders.Base64UrlDecode(token.Split('.')[1])).RootElement;
        Assert.Equal("https://push.example.net", claims.GetProperty("aud").GetString());
        Assert.Equal("mailto:push@example.com", claims.GetProperty("sub").GetString());
        Assert.InRange(claims.GetProperty("exp").GetInt64() - now.ToUnixTimeSeconds(), 1, 24 * 3600);
        var head = JsonDocument.Parse(WebEncoders.Base64UrlDecode(token.Split('.')[0])).RootElement;
        Assert.Equal("ES256", head.GetProperty("alg").GetString());
    }
}

/// <summary>What a browser does with a push body (RFC 8291 from the receiving side), to check ours end to end.</summary>
public static class PushDecryption
{
    public static byte[] Decrypt(byte[] body, ECDiffieHellman browser, byte[] auth)
    {
        var salt = body[..16];
        var keyLength = body[20];
        var senderPublic = body[21..(21 + keyLength)];
        using var sender = WebPushCrypto.ImportPublic(senderPublic);
        var secret = browser.DeriveRawSecretAgreement(sender.PublicKey);
        byte[] info = [.. "WebPush: info\0"u8, .. WebPushCrypto.PublicKey(browser), .. senderPublic];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, auth, info);
        var cek = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());
        var record = body[(21 + keyLength)..];
        var padded = new byte[record.Length - 16];
        using var gcm = new AesGcm(cek, 16);
        gcm.Decrypt(nonce, record[..^16], record[^16..], padded);
        var end = Array.LastIndexOf(padded, (byte)2);
        return padded[..end];
    }
}
