namespace Kalkan.Setup;

/// <summary>
/// A one-time code that a fresh server prints to its console and writes to an owner-only file in
/// its log folder; /setup asks for it. Whoever reaches a fresh server first over the network can
/// no longer make it theirs: only someone who can see the server's console or files can.
/// </summary>
public sealed class SetupCode(IOptions<StoreOptions> options, ILogger<SetupCode> log)
{
    const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford's base 32: no i, l, o, u to misread
    const int Length = 16; // 80 bits
    readonly Lock gate = new();
    byte[]? expected;

    public string FilePath => Path.Combine(options.Value.DataDir, "logs", "setup-code.txt");

    /// <summary>Makes the code, prints it, and writes it where only the server's account can read it.</summary>
    public void Issue()
    {
        var code = new StringBuilder();
        for (var i = 0; i < Length; i++)
        {
            if (i > 0 && i % 4 == 0) code.Append('-');
            code.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
        }
        var text = code.ToString();
        lock (gate) expected = HashOf(text);
        WriteFile(text);
        // The console, not the log: the code is a secret, and the log file is kept.
        Console.WriteLine($"Kalkan is not set up yet. Open /setup and give this one-time setup code: {text}");
        log.LogInformation("Setup code issued: on the console and in logs/setup-code.txt");
    }

    /// <summary>Constant time; false when no code is open (the store is set up, or was set up elsewhere).</summary>
    public bool Matches(string? given)
    {
        byte[]? want;
        lock (gate) want = expected;
        return want is not null && given is { Length: > 0 and <= 64 } && CryptographicOperations.FixedTimeEquals(HashOf(given), want);
    }

    /// <summary>After setup: the code is dead and its file gone.</summary>
    public void Spend()
    {
        lock (gate) expected = null;
        try { File.Delete(FilePath); } catch (IOException) { }
    }

    static byte[] HashOf(string code) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(new string([.. code.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)])));

    void WriteFile(string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var mode = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) mode.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(FilePath, mode))
            file.Write(Encoding.UTF8.GetBytes(text + "\n"));
        // UnixCreateMode applies only to a new file: an old one keeps its rights unless set.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Issues the code once start-up (SealStartup) has found the store fresh.</summary>
    internal sealed class OnFreshStore(SealState seal, SetupCode code) : IHostedService
    {
        public Task StartAsync(CancellationToken ct)
        {
            if (seal.Status == SealStatus.Uninitialized) code.Issue();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
