namespace Kalkan.Seal;

/// <summary>
/// Shamir's secret sharing over GF(2^8), byte by byte, as HashiCorp Vault splits its root key:
/// any k of the n shares rebuild the secret, fewer reveal nothing about it.
/// A share is its x coordinate (1..255) followed by one y byte per secret byte.
/// </summary>
public static class Shamir
{
    public static byte[][] Split(ReadOnlySpan<byte> secret, int threshold, int shares)
    {
        if (threshold < 2 || shares < threshold || shares > 255)
            throw new ArgumentOutOfRangeException(nameof(threshold), "need 2 <= k <= n <= 255");
        var result = new byte[shares][];
        for (var i = 0; i < shares; i++)
        {
            result[i] = new byte[secret.Length + 1];
            result[i][0] = (byte)(i + 1);
        }
        var coefficients = new byte[threshold];
        for (var b = 0; b < secret.Length; b++)
        {
            coefficients[0] = secret[b];
            RandomNumberGenerator.Fill(coefficients.AsSpan(1));
            for (var i = 0; i < shares; i++)
                result[i][b + 1] = Evaluate(coefficients, result[i][0]);
        }
        CryptographicOperations.ZeroMemory(coefficients);
        return result;
    }

    public static byte[] Combine(IReadOnlyList<byte[]> shares)
    {
        if (shares.Count < 2) throw new ArgumentException("at least two shares are needed");
        var length = shares[0].Length;
        if (shares.Any(s => s.Length != length || s[0] == 0) || shares.Select(s => s[0]).Distinct().Count() != shares.Count)
            throw new ArgumentException("shares differ in length or repeat a coordinate");
        var secret = new byte[length - 1];
        for (var b = 0; b < secret.Length; b++)
        {
            byte value = 0;
            // Lagrange interpolation at x = 0.
            for (var i = 0; i < shares.Count; i++)
            {
                byte basis = 1;
                for (var j = 0; j < shares.Count; j++)
                {
                    if (i == j) continue;
                    basis = Multiply(basis, Divide(shares[j][0], (byte)(shares[j][0] ^ shares[i][0])));
                }
                value ^= Multiply(shares[i][b + 1], basis);
            }
            secret[b] = value;
        }
        return secret;
    }

    static byte Evaluate(byte[] coefficients, byte x)
    {
        byte result = 0;
        for (var i = coefficients.Length - 1; i >= 0; i--)
            result = (byte)(Multiply(result, x) ^ coefficients[i]);
        return result;
    }

    // Carry-less multiplication modulo the AES polynomial x^8 + x^4 + x^3 + x + 1, without
    // table look-ups or branches on secret data.
    static byte Multiply(byte a, byte b)
    {
        var result = 0;
        int x = a, y = b;
        for (var i = 0; i < 8; i++)
        {
            result ^= x & -(y & 1);
            var high = -((x >> 7) & 1);
            x = ((x << 1) ^ (0x1b & high)) & 0xff;
            y >>= 1;
        }
        return (byte)result;
    }

    static byte Divide(byte a, byte b) => Multiply(a, Inverse(b));

    // a^254 is a's inverse in GF(2^8).
    static byte Inverse(byte a)
    {
        byte result = 1, power = a;
        for (var e = 254; e > 0; e >>= 1)
        {
            if ((e & 1) == 1) result = Multiply(result, power);
            power = Multiply(power, power);
        }
        return result;
    }
}
