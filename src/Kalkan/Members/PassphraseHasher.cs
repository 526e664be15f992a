using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kalkan.Seal;

namespace Kalkan.Members;

/// <summary>
/// Member passphrases as Argon2id in the PHC string format, so the cost can rise later while old
/// hashes still verify. OWASP's minimum (m=19 MiB, t=2, p=1) is the default.
/// </summary>
public sealed class PassphraseHasher(KdfParameters cost)
{
    public static readonly KdfParameters Default = new(19 * 1024, 2, 1);

    // Verified when the handle does not exist, so a wrong handle costs what a wrong passphrase does.
    readonly Lazy<string> decoy = new(() => new PassphraseHasher(cost).Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    public string Hash(string passphrase)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = PassphraseKdf.Derive(Encoding.UTF8.GetBytes(passphrase), salt, cost);
        return $"$argon2id$v=19$m={cost.MemoryKib},t={cost.Iterations},p={cost.Parallelism}${B64(salt)}${B64(hash)}";
    }

    public bool Verify(string passphrase, string phc)
    {
        var parts = phc.Split('$');
        if (parts.Length != 6 || parts[1] != "argon2id") return false;
        var settings = parts[3].Split(',').Select(p => int.Parse(p[2..], CultureInfo.InvariantCulture)).ToArray();
        var salt = FromB64(parts[4]);
        var expected = FromB64(parts[5]);
        var actual = PassphraseKdf.Derive(Encoding.UTF8.GetBytes(passphrase), salt, new KdfParameters(settings[0], settings[1], settings[2]), expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the same work as a real check and always fails.</summary>
    public bool VerifyDecoy(string passphrase)
    {
        Verify(passphrase, decoy.Value);
        return false;
    }

    static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    static byte[] FromB64(string text) => Convert.FromBase64String(text.PadRight(text.Length + (4 - text.Length % 4) % 4, '='));
}
