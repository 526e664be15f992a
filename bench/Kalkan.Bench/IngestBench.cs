using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kalkan.Bench;

/// <summary>
/// Issue 5's ingestion figure: reports per second and p99 latency of POST /api/v1/alerts under wrk
/// (2 threads, 64 connections, 10 s), against GET /api/v1/health in the same run on the same server.
/// </summary>
/// <remarks>
/// Every report is a new place: each wrk thread numbers its own reports (thread i sends i, i + 2,
/// i + 4, ... from an offset of its run) and a report's place is a point of a 0.01° grid, over a
/// kilometre from any other and so never merged into another (300 m) nor refused as a repeat.
/// Each thread also seeds its own random kinds. Refusals are counted twice: by wrk's own summary
/// (non-2xx answers, socket errors, timeouts) and by the script per thread, summed in done() from
/// the threads' own states. Any refusal, and any answered report the store does not hold, fails
/// the run.
/// </remarks>
static partial class IngestBench
{
    const int Port = 5203, Threads = 2, Connections = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var kalkanDll = ServerBench.KalkanDll(args.Where(a => a.EndsWith(".dll")).ToArray());
        if (kalkanDll is null) return 2;
        ServerBench.LiftReportLimits();
        // --db 'Host=...;Username=...': the same on a fresh PostgreSQL database (issue 16's reports per second on PostgreSQL).
        await using var store = await BenchStore.InitAsync(kalkanDll, args);
        using var kalkan = ServerBench.Start(kalkanDll, ["serve", .. store.Args, "--urls", $"http://127.0.0.1:{Port}"], unseal: true);
        using var stop = new FanoutBench.Stopper(kalkan);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromMinutes(2) };
        await ServerBench.WaitFor200Async(http, "/signin");
        var token = await FanoutBench.TokenAsync(http);
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var script = Path.Combine(store.Data, "report.lua");
        await File.WriteAllTextAsync(script, Script(token));

        await WrkAsync($"http://127.0.0.1:{Port}/api/v1/health", null, "3s", "0"); // warm-up
        await WrkAsync($"http://127.0.0.1:{Port}/api/v1/alerts", script, "3s", "0");
        var health = await WrkAsync($"http://127.0.0.1:{Port}/api/v1/health", null, "10s", "0");
        long before = await StoredAsync(http);
        var reports = await WrkAsync($"http://127.0.0.1:{Port}/api/v1/alerts", script, "10s", "5000000");
        long stored = await StoredAsync(http) - before;

        Console.WriteLine($"POST /api/v1/alerts: {reports.Rps:F0} reports/s, p50 {reports.P50}, p99 {reports.P99}; " +
                          $"{reports.Requests} answered, refused: {reports.Refused} (wrk: non-2xx {reports.Non2xx}, socket errors {reports.SocketErrors}); stored {stored}");
        Console.WriteLine($"GET /api/v1/health:  {health.Rps:F0} req/s, p50 {health.P50}, p99 {health.P99}; non-2xx {health.Non2xx}, socket errors {health.SocketErrors}");
        Console.WriteLine($"reports / health: {reports.Rps / health.Rps:F3}");
        var failures = new List<string>();
        if (reports.Refused > 0 || reports.Non2xx > 0) failures.Add($"{Math.Max(reports.Refused, reports.Non2xx)} reports were not answered 201");
        if (reports.SocketErrors > 0 || health.SocketErrors > 0) failures.Add("wrk counted socket errors or timeouts");
        if (health.Non2xx > 0) failures.Add($"{health.Non2xx} health requests failed");
        // wrk stops with up to one request in flight per connection: the store may hold those too.
        if (stored < reports.Requests || stored > reports.Requests + Connections)
            failures.Add($"wrk counted {reports.Requests} answers but the store gained {stored} alerts");
        foreach (var failure in failures) Console.Error.WriteLine("FAILED: " + failure);
        kalkan.Kill(true);
        return failures.Count == 0 ? 0 : 1;
    }

    static string Script(string token) => $$"""
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        wrk.headers["Authorization"] = "Bearer {{token}}"
        local kinds = { "checkpoint", "patrol", "raid", "other" }
        local threads, next_id = {}, 0
        function setup(thread)
          thread:set("id", next_id)
          next_id = next_id + 1
          table.insert(threads, thread)
        end
        function init(args)
          base = tonumber(args[1])
          sent, refused = 0, 0
          math.randomseed(base + id * 7919 + 1)
        end
        function request()
          local i = base + sent * {{Threads}} + id
          sent = sent + 1
          local body = string.format('{"kind":"%s","lat":%.2f,"lon":%.2f,"note":"two cars at the crossroads"}',
            kinds[math.random(4)], -60 + (i % 12000) * 0.01, -170 + math.floor(i / 12000) * 0.01)
          return wrk.format(nil, "/api/v1/alerts", nil, body)
        end
        function response(status)
          if status ~= 201 then refused = refused + 1 end
        end
        function done(summary, latency, requests)
          local total = 0
          for _, thread in ipairs(threads) do total = total + thread:get("refused") end
          io.write(string.format("non-201: %d\n", total))
        end
        """;

    static async Task<long> StoredAsync(HttpClient http)
    {
        var alerts = await http.GetFromJsonAsync<JsonElement>("/api/v1/alerts");
        return alerts.GetArrayLength();
    }

    sealed record WrkResult(double Rps, long Requests, string P50, string P99, long Refused, long Non2xx, long SocketErrors);

    static async Task<WrkResult> WrkAsync(string url, string? script, string duration, string offset)
    {
        // A 30 s timeout: a slow answer is measured, not counted as a socket error; none should take that long.
        List<string> args = [$"-t{Threads}", $"-c{Connections}", "-d" + duration, "--timeout", "30s", "--latency"];
        if (script is not null) args.AddRange(["-s", script]);
        args.AddRange([url, "--", offset]);
        var info = new ProcessStartInfo("wrk", args) { RedirectStandardOutput = true };
        using var wrk = Process.Start(info) ?? throw new InvalidOperationException("wrk is missing: apt-get install wrk");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var rps = RequestsPerSecond().Match(output);
        if (!rps.Success || wrk.ExitCode != 0) throw new InvalidOperationException("wrk said: " + output);
        var errors = SocketErrors().Match(output);
        long socketErrors = errors.Success ? Enumerable.Range(1, 4).Sum(g => long.Parse(errors.Groups[g].Value, CultureInfo.InvariantCulture)) : 0;
        var non2xx = Non2xx().Match(output);
        var refused = Refused().Match(output);
        if (script is not null && !refused.Success) throw new InvalidOperationException("the script's count is missing: " + output);
        return new WrkResult(double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(Answered().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50%"), Percentile(output, "99%"),
            refused.Success ? long.Parse(refused.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socketErrors);
    }

    static string Percentile(string output, string which) =>
        Regex.Match(output, @"^\s*" + Regex.Escape(which) + @"\s+(\S+)", RegexOptions.Multiline).Groups[1].Value;

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Answered();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"non-201: (\d+)")]
    private static partial Regex Refused();
}
