using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Kalkan.Bench;

/// <summary>
/// Issue 3's figures, each in one run on this machine: how long unsealing takes, how many health
/// requests per second Kalkan answers against a bare Kestrel endpoint (wrk), and how long from
/// process start to the first 200.
/// </summary>
static partial class ServerBench
{
    public const string Admin = "bench passphrase admin", Unseal = "bench passphrase unseal";

    /// <summary>The repository this bench was built from.</summary>
    public static string RepositoryRoot() => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    /// <summary>The Release build of Kalkan, or the path given; null (and a message) when it is not built.</summary>
    public static string? KalkanDll(string[] args)
    {
        var dll = Path.GetFullPath(args.FirstOrDefault() ?? Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Kalkan", "bin", "Release", "net10.0", "kalkan.dll"));
        if (File.Exists(dll)) return dll;
        Console.Error.WriteLine($"Build Kalkan in Release first (dotnet build -c Release src/Kalkan): {dll} is missing.");
        return null;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var kalkanDll = KalkanDll(args);
        if (kalkanDll is null) return 2;
        var data = Directory.CreateTempSubdirectory("kalkan-bench-").FullName;
        try
        {
            await RunToEndAsync(kalkanDll, ["init", "--data", data, "--network", "Bench", "--admin", "bench-admin"]);

            // The build (`dotnet kalkan.dll`), then the program a network would install (ReadyToRun).
            await StartsAsync("the Release build", kalkanDll, dotnetHost: true, data);
            await StartsAsync("published with ReadyToRun", await PublishReadyToRunAsync(data), dotnetHost: false, data);

            using var kalkan = Start(kalkanDll, ["serve", "--data", data, "--urls", "http://127.0.0.1:5192"], unseal: false);
            using var stopKalkan = KillOnDispose(kalkan); // a failed run must not leave a server behind
            using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5192") };
            await WaitFor200Async(http);
            var unsealTimes = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                var response = await http.PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = Unseal });
                unsealTimes.Add(clock.Elapsed.TotalMilliseconds);
                response.EnsureSuccessStatusCode();
                if (i < 4) await SealAsync(http);
            }
            Console.WriteLine($"unseal (POST /api/v1/sys/unseal, Argon2id m=64 MiB t=3 p=4): median {Median(unsealTimes):F0} ms");

            // `dotnet run` starts the bench's own executable, `dotnet Kalkan.Bench.dll` the dotnet host: start the bare server the same way.
            string[] bareArgs = Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet"
                ? [typeof(ServerBench).Assembly.Location, "bare-server", "--urls", "http://127.0.0.1:5193"]
                : ["bare-server", "--urls", "http://127.0.0.1:5193"];
            using var bare = Start(Environment.ProcessPath!, bareArgs, unseal: false, dotnetHost: false);
            using var stopBare = KillOnDispose(bare);
            using var bareHttp = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5193") };
            await WaitFor200Async(bareHttp);
            var rounds = new List<(double Kalkan, double Bare)>();
            Console.WriteLine($"load average before the rounds: {File.ReadAllText("/proc/loadavg").Trim()}");
            for (var round = 0; round < 3; round++)
            {
                // Bare, Kalkan, Kalkan, bare (5 s each): a machine growing busier or quieter during the
                // round weighs on both sides alike.
                var bareRps = await WrkAsync("http://127.0.0.1:5193/api/v1/health");
                var kalkanRps = await WrkAsync("http://127.0.0.1:5192/api/v1/health");
                kalkanRps = (kalkanRps + await WrkAsync("http://127.0.0.1:5192/api/v1/health")) / 2;
                bareRps = (bareRps + await WrkAsync("http://127.0.0.1:5193/api/v1/health")) / 2;
                rounds.Add((kalkanRps, bareRps));
                Console.WriteLine($"round {round + 1}: Kalkan {kalkanRps:F0} req/s, bare Kestrel {bareRps:F0} req/s, ratio {kalkanRps / bareRps:F2}");
            }
            var k = Median(rounds.Select(r => r.Kalkan).ToList());
            var b = Median(rounds.Select(r => r.Bare).ToList());
            var worst = rounds.Min(r => r.Kalkan / r.Bare);
            Console.WriteLine($"health: Kalkan {k:F0} req/s, bare {b:F0} req/s, ratio {k / b:F2} (medians of 3 rounds); worst round {worst:F2}: " +
                              (worst >= 0.8 ? "0.8 or better in every round" : "BELOW 0.8 in a round"));
            kalkan.Kill(true);
            bare.Kill(true);
            return 0;
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    static async Task SealAsync(HttpClient http)
    {
        var signIn = await http.PostAsJsonAsync("/api/v1/session", new { handle = "bench-admin", passphrase = Admin });
        var token = (await signIn.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sys/seal");
        request.Headers.Authorization = new("Bearer", token);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    /// <summary>Five sealed starts to the first 200 of /api/v1/health and three unsealed (KALKAN_UNSEAL_PASSPHRASE) to the first 200 of /signin.</summary>
    static async Task StartsAsync(string what, string program, bool dotnetHost, string data)
    {
        var sealedStarts = new List<(double Wall, double Cpu)>();
        for (var i = 0; i < 5; i++) sealedStarts.Add(await StartToFirst200Async(program, dotnetHost, data, withPassphrase: false, 5191));
        var unsealedStarts = new List<(double Wall, double Cpu)>();
        for (var i = 0; i < 3; i++) unsealedStarts.Add(await StartToFirst200Async(program, dotnetHost, data, withPassphrase: true, 5191));
        Console.WriteLine($"{what}: start to first 200 (sealed): median {Median(sealedStarts.Select(s => s.Wall).ToList()):F0} ms (CPU {Median(sealedStarts.Select(s => s.Cpu).ToList()):F0} ms), " +
                          $"all {string.Join(", ", sealedStarts.Select(s => s.Wall.ToString("F0")))}");
        Console.WriteLine($"{what}: start to first 200 of /signin (unsealed by KALKAN_UNSEAL_PASSPHRASE): median {Median(unsealedStarts.Select(s => s.Wall).ToList()):F0} ms " +
                          $"(CPU {Median(unsealedStarts.Select(s => s.Cpu).ToList()):F0} ms), all {string.Join(", ", unsealedStarts.Select(s => s.Wall.ToString("F0")))}");
    }

    /// <summary>Wall time from process start to the first 200, and the CPU time (user + system) the server had spent by then.</summary>
    static async Task<(double Wall, double Cpu)> StartToFirst200Async(string program, bool dotnetHost, string data, bool withPassphrase, int port)
    {
        var clock = Stopwatch.StartNew();
        using var process = Start(program, ["serve", "--data", data, "--urls", $"http://127.0.0.1:{port}"], withPassphrase, dotnetHost);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var path = withPassphrase ? "/signin" : "/api/v1/health";
        while (true)
        {
            try
            {
                if ((await http.GetAsync(path)).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            await Task.Delay(5);
        }
        var elapsed = clock.Elapsed.TotalMilliseconds;
        process.Refresh();
        var cpu = process.TotalProcessorTime.TotalMilliseconds;
        process.Kill(true);
        await process.WaitForExitAsync();
        return (elapsed, cpu);
    }

    /// <summary>One member sends every report of a benchmark: her limits would refuse most. Said in the output, as every changed setting is.</summary>
    public static void LiftReportLimits()
    {
        Environment.SetEnvironmentVariable("Alerts__ReportsPerHour", "100000000");
        Environment.SetEnvironmentVariable("Alerts__RequestsPerMinute", "100000000");
        Console.WriteLine("Settings changed for the run: Alerts__ReportsPerHour=100000000, Alerts__RequestsPerMinute=100000000 (one member sends every report)");
    }

    public static Process Start(string program, string[] args, bool unseal, bool dotnetHost = true, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(dotnetHost ? "dotnet" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (dotnetHost) info.ArgumentList.Add(program);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["KALKAN_ADMIN_PASSPHRASE"] = Admin;
        if (unseal) info.Environment["KALKAN_UNSEAL_PASSPHRASE"] = Unseal;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>`dotnet publish` of src/Kalkan with ReadyToRun: the program a network would install.</summary>
    public static async Task<string> PublishReadyToRunAsync(string folder)
    {
        var output = Path.Combine(folder, "kalkan-r2r");
        var project = Path.Combine(RepositoryRoot(), "src", "Kalkan");
        using var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
            "-p:PublishReadyToRun=true", "-o", output, "-v", "q"]) { RedirectStandardOutput = true }) ?? throw new InvalidOperationException("dotnet is missing");
        var said = await publish.StandardOutput.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0) throw new InvalidOperationException("publishing kalkan failed: " + said);
        return Path.Combine(output, "kalkan");
    }

    /// <summary>Stops the server however the benchmark ends, so no stray process holds the port for the next run.</summary>
    public static IDisposable KillOnDispose(Process process) => new Killer(process);

    sealed class Killer(Process process) : IDisposable
    {
        public void Dispose()
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
    }

    public static async Task RunToEndAsync(string dll, string[] args)
    {
        using var process = Start(dll, args, unseal: true);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"kalkan {args[0]} failed with {process.ExitCode}");
    }

    public static async Task WaitFor200Async(HttpClient http, string path = "/api/v1/health")
    {
        // Up to three minutes: a start on a busy machine is slow, not broken.
        var patience = Stopwatch.StartNew();
        while (patience.Elapsed < TimeSpan.FromMinutes(3))
        {
            try { if ((await http.GetAsync(path)).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            await Task.Delay(10);
        }
        throw new TimeoutException("server did not answer within three minutes");
    }

    /// <summary>wrk, 2 threads, 64 connections, 5 s: the requests per second it reports; any answer but a
    /// 2xx, or any socket error, fails the run.</summary>
    static async Task<double> WrkAsync(string url)
    {
        var info = new ProcessStartInfo("wrk", ["-t2", "-c64", "-d5s", url]) { RedirectStandardOutput = true };
        using var wrk = Process.Start(info) ?? throw new InvalidOperationException("wrk is missing: apt-get install wrk");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var match = RequestsPerSecond().Match(output);
        if (!match.Success) throw new InvalidOperationException("wrk said: " + output);
        if (output.Contains("Non-2xx") || output.Contains("Socket errors")) throw new InvalidOperationException("FAILED: requests were refused or lost: " + output);
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();
}
