namespace Kalkan.Identity.Members;

/// <summary>
/// What a member's passphrase must be: 10 to 256 characters and not one of the 3,000 most common
/// passwords (NIST SP 800-63B: length and a blocklist, no composition rules).
/// </summary>
public static class PassphrasePolicy
{
    public const int Min = 10, Max = 256;

    static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        using var stream = typeof(PassphrasePolicy).Assembly.GetManifestResourceStream("common-passphrases.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line) if (line.Length > 0) set.Add(line.Trim().ToLowerInvariant());
        return set;
    });

    /// <summary>Null when acceptable; otherwise the rule it breaks, as shown to her.</summary>
    public static string? Problem(string? passphrase) => passphrase switch
    {
        null or "" => "Required.",
        { Length: < Min } => $"At least {Min} characters.",
        { Length: > Max } => $"At most {Max} characters.",
        _ when Common.Value.Contains(passphrase.Trim().ToLowerInvariant()) => "This passphrase is among the most common ones; choose another.",
        _ => null,
    };

    public static bool IsCommon(string passphrase) => Common.Value.Contains(passphrase.Trim().ToLowerInvariant());
}
