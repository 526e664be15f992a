namespace Kalkan.Identity.Members;

/// <summary>
/// Member passphrases as Argon2id in the PHC string format, so the cost can rise later while old
/// hashes still verify. Her duress passphrase is hashed with the same salt and cost, so a sign-in
/// runs Argon2id exactly once whether she has one or not, and the two cannot be told apart by time.
/// Every hash is peppered: Argon2id's secret input is a purpose key derived from the root key
/// (`keyid=seal` in the PHC string), so hashes taken from a seized store cannot be guessed at
/// without first breaking the unseal passphrase. A sealed server checks no passphrase at all.
/// </summary>
public sealed class PassphraseHasher(KdfParameters cost, SealState seal)
{
    const string PepperPurpose = "members/passphrase-pepper", KeyId = "seal";

    /// <summary>OWASP's minimum memory with one more pass: about 100 ms here (bench/README.md).</summary>
    public static readonly KdfParameters Default = new(19 * 1024, 3, 1);

    // Checked when the handle does not exist, so a wrong handle costs what a wrong passphrase does.
    string? decoy;

    public string Hash(string passphrase) => Hash(passphrase, RandomNumberGenerator.GetBytes(16), cost);

    /// <summary>A new hash that shares an existing hash's salt and cost (her duress passphrase, or a changed passphrase).</summary>
    public string HashLike(string passphrase, string existing)
    {
        var phc = Phc.Parse(existing) ?? throw new FormatException("Not an Argon2id PHC string.");
        return Hash(passphrase, phc.Salt, phc.Cost);
    }

    public bool Verify(string passphrase, string stored) => Check(passphrase, stored, null).Real;

    /// <summary>One Argon2id run, compared in constant time with her passphrase hash and her duress hash.</summary>
    public (bool Real, bool Duress) Check(string passphrase, string stored, string? duress)
    {
        var real = Phc.Parse(stored);
        if (real is null) return (false, false);
        var derived = Derive(passphrase, real.Salt, real.Cost, real.Hash.Length);
        var isReal = CryptographicOperations.FixedTimeEquals(derived, real.Hash);
        var other = duress is null ? null : Phc.Parse(duress);
        // Compared even when absent (against the real hash again), so both paths do the same work.
        var isDuress = CryptographicOperations.FixedTimeEquals(derived, other?.Hash ?? real.Hash) && other is not null;
        return (isReal, isDuress && !isReal);
    }

    /// <summary>Spends the same work as a real check and always fails.</summary>
    public (bool Real, bool Duress) CheckDecoy(string passphrase)
    {
        Check(passphrase, decoy ??= Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))), null);
        return (false, false);
    }

    string Hash(string passphrase, byte[] salt, KdfParameters cost)
    {
        var hash = Derive(passphrase, salt, cost, 32);
        return $"$argon2id$v=19$m={cost.MemoryKib},t={cost.Iterations},p={cost.Parallelism},keyid={KeyId}${B64(salt)}${B64(hash)}";
    }

    /// <summary>Throws <see cref="SealedException"/> while sealed: the pepper exists only in memory.</summary>
    byte[] Derive(string passphrase, byte[] salt, KdfParameters cost, int length) =>
        PassphraseKdf.Derive(Encoding.UTF8.GetBytes(passphrase), salt, cost, length, secret: seal.KeyFor(PepperPurpose));

    static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    sealed record Phc(KdfParameters Cost, byte[] Salt, byte[] Hash)
    {
        /// <summary>Only peppered hashes are accepted: one without the seal's key id is no hash of ours.</summary>
        public static Phc? Parse(string text)
        {
            var parts = text.Split('$');
            if (parts.Length != 6 || parts[1] != "argon2id") return null;
            var settings = parts[3].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[^1]);
            if (settings.GetValueOrDefault("keyid") != KeyId) return null;
            int Number(string name) => int.Parse(settings[name], CultureInfo.InvariantCulture);
            return new Phc(new KdfParameters(Number("m"), Number("t"), Number("p")), FromB64(parts[4]), FromB64(parts[5]));
        }

        static byte[] FromB64(string text) => Convert.FromBase64String(text.PadRight(text.Length + (4 - text.Length % 4) % 4, '='));
    }
}
