using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Kalkan.Bench;

/// <summary>
/// Issue 5's ingestion figure: reports per second and p99 latency of POST /api/v1/alerts under wrk
/// (2 threads, 64 connections, 10 s, each report at a random place so none merge), against
/// GET /api/v1/health in the same run on the same server.
/// </summary>
static partial class IngestBench
{
    const int Port = 5203;

    public static async Task<int> RunAsync(string[] args)
    {
        var kalkanDll = ServerBench.KalkanDll(args);
        if (kalkanDll is null) return 2;
        Environment.SetEnvironmentVariable("Alerts__ReportsPerHour", "100000000");
        Environment.SetEnvironmentVariable("Alerts__RequestsPerMinute", "100000000");
        var data = Directory.CreateTempSubdirectory("kalkan-bench-").FullName;
        try
        {
            await ServerBench.RunToEndAsync(kalkanDll, ["init", "--data", data, "--network", "Bench", "--admin", "bench-admin"]);
            using var kalkan = ServerBench.Start(kalkanDll, ["serve", "--data", data, "--urls", $"http://127.0.0.1:{Port}"], unseal: true);
            using var stop = new FanoutBench.Stopper(kalkan);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
            await ServerBench.WaitFor200Async(http, "/signin");
            var token = await FanoutBench.TokenAsync(http);
            var script = Path.Combine(data, "report.lua");
            await File.WriteAllTextAsync(script, $$"""
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                wrk.headers["Authorization"] = "Bearer {{token}}"
                local kinds = { "checkpoint", "patrol", "raid", "other" }
                request = function()
                  local body = string.format('{"kind":"%s","lat":%.6f,"lon":%.6f,"note":"two cars at the crossroads"}',
                    kinds[math.random(4)], math.random() * 160 - 80, math.random() * 350 - 175)
                  return wrk.format(nil, "/api/v1/alerts", nil, body)
                end
                local failures = 0
                response = function(status) if status ~= 201 then failures = failures + 1 end end
                done = function() io.write(string.format("non-201: %d\n", failures)) end
                """);
            await WrkAsync($"http://127.0.0.1:{Port}/api/v1/health", null, "3s"); // warm-up
            await WrkAsync($"http://127.0.0.1:{Port}/api/v1/alerts", script, "3s");
            var health = await WrkAsync($"http://127.0.0.1:{Port}/api/v1/health", null, "10s");
            var reports = await WrkAsync($"http://127.0.0.1:{Port}/api/v1/alerts", script, "10s");
            Console.WriteLine($"POST /api/v1/alerts: {reports.Rps:F0} reports/s, p99 {reports.P99}, p50 {reports.P50} ({reports.Failures})");
            Console.WriteLine($"GET /api/v1/health:  {health.Rps:F0} req/s, p99 {health.P99}, p50 {health.P50}");
            Console.WriteLine($"reports / health: {reports.Rps / health.Rps:F3}");
            kalkan.Kill(true);
            return 0;
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    sealed record WrkResult(double Rps, string P50, string P99, string Failures);

    static async Task<WrkResult> WrkAsync(string url, string? script, string duration)
    {
        List<string> args = ["-t2", "-c64", "-d" + duration, "--latency"];
        if (script is not null) args.AddRange(["-s", script]);
        args.Add(url);
        var info = new ProcessStartInfo("wrk", args) { RedirectStandardOutput = true };
        using var wrk = Process.Start(info) ?? throw new InvalidOperationException("wrk is missing: apt-get install wrk");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var rps = RequestsPerSecond().Match(output);
        if (!rps.Success) throw new InvalidOperationException("wrk said: " + output);
        return new WrkResult(double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50%"), Percentile(output, "99%"), Failures().Match(output).Value is { Length: > 0 } f ? f : "non-201: 0");
    }

    static string Percentile(string output, string which) =>
        Regex.Match(output, @"^\s*" + Regex.Escape(which) + @"\s+(\S+)", RegexOptions.Multiline).Groups[1].Value;

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"non-201: \d+")]
    private static partial Regex Failures();
}
