namespace Kalkan.Tests.Infrastructure;

/// <summary>Runs `kalkan VERB ...` as an operator does: a process of its own, with the given environment.</summary>
public static class KalkanProcess
{
    /// <summary>Fails, rather than hangs, when the verb does not end within a minute (a mistyped verb that started serving, say).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kalkan.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"kalkan {string.Join(' ', args)} was still running after a minute");
        }
        return (process.ExitCode, await output + await errors);
    }

    public static IEnumerable<string> Store(TestStore store) =>
        store.Db is null ? ["--data", store.DataDir] : ["--data", store.DataDir, "--db", store.Db];
}
