using System.Diagnostics;
using System.Net.Http.Json;

namespace Kalkan.Bench;

/// <summary>
/// Issue 4's figure: sign-ins per second and their p99 latency with 50 concurrent clients, each
/// signing in again as soon as its last answer came, for 20 seconds after a 5-second warm-up.
/// </summary>
static class SignInBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var kalkanDll = ServerBench.KalkanDll(args);
        if (kalkanDll is null) return 2;
        var data = Directory.CreateTempSubdirectory("kalkan-bench-").FullName;
        try
        {
            await ServerBench.RunToEndAsync(kalkanDll, ["init", "--data", data, "--network", "Bench", "--admin", "bench-admin"]);
            using var kalkan = ServerBench.Start(kalkanDll, ["serve", "--data", data, "--urls", "http://127.0.0.1:5194"], unseal: true);
            using var killOnExit = ServerBench.KillOnDispose(kalkan);
            using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5194") };
            await ServerBench.WaitFor200Async(http, "/signin");

            await RunClientsAsync(http, TimeSpan.FromSeconds(5)); // warm-up: JIT, pools, caches
            var clock = Stopwatch.StartNew();
            var latencies = await RunClientsAsync(http, TimeSpan.FromSeconds(20));
            var elapsed = clock.Elapsed.TotalSeconds;
            latencies.Sort();
            Console.WriteLine($"sign-ins: {latencies.Count / elapsed:F1}/s with 50 concurrent clients over {elapsed:F0} s; " +
                              $"p50 {latencies[latencies.Count / 2]:F0} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F0} ms, max {latencies[^1]:F0} ms");
            kalkan.Kill(true);
            return 0;
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    static async Task<List<double>> RunClientsAsync(HttpClient http, TimeSpan duration)
    {
        var until = DateTime.UtcNow + duration;
        var all = new List<double>();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            var mine = new List<double>();
            while (DateTime.UtcNow < until)
            {
                var clock = Stopwatch.StartNew();
                var response = await http.PostAsJsonAsync("/api/v1/session", new { handle = "bench-admin", passphrase = ServerBench.Admin });
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}");
                mine.Add(clock.Elapsed.TotalMilliseconds);
            }
            lock (all) all.AddRange(mine);
        }));
        return all;
    }
}
