using System.Net.Sockets;

namespace Kalkan.Tests.Infrastructure;

/// <summary>`kalkan serve` as the operator starts it: a process of its own on a free loopback port, killed when disposed.</summary>
public sealed class ServingProcess : IAsyncDisposable
{
    readonly Process process;
    readonly System.Text.StringBuilder console = new();
    readonly SemaphoreSlim lineArrived = new(0);
    public Uri Address { get; }

    ServingProcess(Process process, Uri address) => (this.process, Address) = (process, address);

    public static async Task<ServingProcess> StartAsync(ITestStore store, IDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kalkan.dll"));
        string[] args = ["serve", "--data", store.DataDir, .. store.Db is null ? Array.Empty<string>() : ["--db", store.Db], "--urls", $"http://127.0.0.1:{port}"];
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment.Remove("KALKAN_UNSEAL_PASSPHRASE");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var process = Process.Start(info)!;
        var serving = new ServingProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, line) => serving.Heard(line.Data);
        process.ErrorDataReceived += (_, line) => serving.Heard(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await serving.AnsweringAsync();
        }
        catch
        {
            await serving.DisposeAsync(); // a server that never answered is not left running
            throw;
        }
        return serving;
    }

    public HttpClient Client() => new() { BaseAddress = Address };

    void Heard(string? line)
    {
        if (line is null) return;
        lock (console) console.AppendLine(line);
        lineArrived.Release();
    }

    /// <summary>Waits for the server to write the text to its console (standard output or error).</summary>
    public async Task ConsoleShowsAsync(string text)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            lock (console) if (console.ToString().Contains(text)) return;
            try { await lineArrived.WaitAsync(limit.Token); }
            catch (OperationCanceledException) { lock (console) Assert.Fail($"the console never showed {text}:\n{console}"); }
        }
    }

    /// <summary>Polls health until the server answers (or has exited, which fails the test).</summary>
    async Task AnsweringAsync()
    {
        using var http = Client();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(process.HasExited, $"kalkan serve exited with {(process.HasExited ? process.ExitCode : 0)}");
            try
            {
                await http.StateAsync();
                return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException("kalkan serve did not answer");
    }

    static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
