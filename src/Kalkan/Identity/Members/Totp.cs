using System.Buffers.Binary;

namespace Kalkan.Identity.Members;

/// <summary>RFC 6238 time-based one-time codes: HMAC-SHA1, 30-second steps, 6 digits, one step of drift either way.</summary>
public static class Totp
{
    public const int Digits = 6;
    static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(20);

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> mac = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, mac);
        var offset = mac[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(mac[offset..]) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The step the code belongs to (within one step of now and after <paramref name="lastUsed"/>), or null.</summary>
    public static long? Match(byte[] secret, string? code, DateTimeOffset now, long lastUsed)
    {
        if (code is null || code.Length != Digits) return null;
        var current = StepAt(now);
        long? found = null;
        // Every candidate is compared, in constant time, whatever matched first.
        for (var step = current - 1; step <= current + 1; step++)
        {
            var equal = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(secret, step)), Encoding.ASCII.GetBytes(code));
            if (equal && step > lastUsed) found = step;
        }
        return found;
    }

    /// <summary>The otpauth:// URI an authenticator app reads. The issuer is neutral: a seized phone's app list should not name Kalkan.</summary>
    public static string Uri(byte[] secret, string label) =>
        $"otpauth://totp/Notes:{System.Uri.EscapeDataString(label)}?secret={Base32(secret)}&issuer=Notes&digits={Digits}&period=30";

    public static string Base32(byte[] data)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) output.Append(alphabet[(buffer << (5 - bits)) & 31]);
        return output.ToString();
    }
}
