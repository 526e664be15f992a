using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Kalkan.Bench;

/// <summary>
/// Issue 7's figure: 100,000 pending check-in timers (100 members, 1,000 each) all due at the same
/// instant. Server memory before and with them pending, and how late each `checkin-missed` reaches a
/// defender's stream after the due time: median, p99 and the last.
/// </summary>
static class TimerBench
{
    const string Passphrase = "bench member passphrase";
    static int Members = 100, PerMember = 1000, LeadSeconds = 150;

    public static async Task<int> RunAsync(string[] args)
    {
        // --small: 10 members x 100 timers, for trying the benchmark itself out.
        if (args.Contains("--small")) (Members, PerMember, LeadSeconds, args) = (10, 100, 20, args.Where(a => a != "--small").ToArray());
        if (args.FirstOrDefault(a => a.StartsWith("--per-member=")) is { } per) (PerMember, args) = (int.Parse(per[13..]), args.Where(a => a != per).ToArray());
        if (args.Contains("--medium")) (Members, PerMember, LeadSeconds, args) = (100, 200, 60, args.Where(a => a != "--medium").ToArray());
        var kalkanDll = ServerBench.KalkanDll(args);
        if (kalkanDll is null) return 2;
        var data = Directory.CreateTempSubdirectory("kalkan-bench-").FullName;
        try
        {
            await ServerBench.RunToEndAsync(kalkanDll, ["init", "--data", data, "--network", "Bench", "--admin", "bench-admin"]);
            using var kalkan = ServerBench.Start(kalkanDll, ["serve", "--data", data, "--urls", "http://127.0.0.1:5195"], unseal: true,
                environment: new Dictionary<string, string> { ["Delivery__QueuePerConnection"] = "200000" });
            using var killOnExit = ServerBench.KillOnDispose(kalkan);
            using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5195"), Timeout = TimeSpan.FromMinutes(10) };
            await ServerBench.WaitFor200Async(http, "/signin");
            var admin = await SignInAsync(http, "bench-admin", ServerBench.Admin);
            var before = Rss(kalkan);

            var members = new List<string>();
            for (var i = 0; i < Members; i++)
            {
                var code = (await (await Post(http, admin, "/api/v1/invites", new { role = "member" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
                (await http.PostAsJsonAsync("/api/v1/join", new { code, handle = $"m{i}", passphrase = Passphrase })).EnsureSuccessStatusCode();
                members.Add(await SignInAsync(http, $"m{i}", Passphrase));
            }

            var due = DateTimeOffset.UtcNow.AddSeconds(LeadSeconds);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(members.Select(async token =>
            {
                for (var j = 0; j < PerMember; j++)
                    (await Post(http, token, "/api/v1/checkins", new { dueAt = due })).EnsureSuccessStatusCode();
            }));
            Console.WriteLine($"created {Members * PerMember:N0} check-ins in {clock.Elapsed.TotalSeconds:F1} s");
            GC.Collect();
            var pending = Rss(kalkan);
            Console.WriteLine($"server memory: {before / 1048576.0:F0} MiB before, {pending / 1048576.0:F0} MiB with {Members * PerMember:N0} timers pending (they live in the store, not in memory)");
            if (DateTimeOffset.UtcNow > due) throw new InvalidOperationException("creating the timers took longer than the lead time; raise it");

            // A defender's stream hears every missed check-in.
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/alerts/stream");
            request.Headers.Authorization = new("Bearer", admin);
            using var stream = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
            var lateness = new List<double>(Members * PerMember);
            while (lateness.Count < Members * PerMember && await reader.ReadLineAsync() is { } line)
                if (line == "event: checkin-missed") lateness.Add((DateTimeOffset.UtcNow - due).TotalMilliseconds);
            if (lateness.Count < Members * PerMember) throw new InvalidOperationException($"the stream ended after {lateness.Count} events");
            lateness.Sort();
            Console.WriteLine($"all due at once: lateness at the defender's stream median {lateness[lateness.Count / 2]:F0} ms, " +
                              $"p99 {lateness[(int)(lateness.Count * 0.99)]:F0} ms, last {lateness[^1]:F0} ms; server memory then {Rss(kalkan) / 1048576.0:F0} MiB");
            kalkan.Kill(true);
            return 0;
        }
        finally
        {
            if (File.Exists(Path.Combine(data, "logs", "kalkan.log")))
                foreach (var line in File.ReadLines(Path.Combine(data, "logs", "kalkan.log")).Where(l => l.Contains("Warning") || l.Contains("Error"))) Console.WriteLine("server: " + line);
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    static long Rss(Process process)
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    static async Task<string> SignInAsync(HttpClient http, string handle, string passphrase)
    {
        var response = await http.PostAsJsonAsync("/api/v1/session", new { handle, passphrase });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    static Task<HttpResponseMessage> Post(HttpClient http, string token, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        return http.SendAsync(request);
    }
}
