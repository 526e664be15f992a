using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Kalkan.Bench;

/// <summary>
/// Issues 7 and 15: 100,000 pending check-in timers (100 members, 1,000 each) all due at the same
/// instant, with the server's default settings. Each member has the next one in her circle; every
/// member's stream and a defender's stream are open when they fall due. Server memory before and
/// with them pending, and how late each `checkin-missed` reaches the defender's stream after the due
/// time: median, p99 and the last. The run fails when any stream ends, is told to resync, or misses
/// one of its events (each member hears her circle's 1,000, the defender all 100,000).
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
        // --lead=SECONDS: when they fall due; creating them must finish first (slower on a busy machine).
        if (args.FirstOrDefault(a => a.StartsWith("--lead=")) is { } lead) (LeadSeconds, args) = (int.Parse(lead[7..]), args.Where(a => a != lead).ToArray());
        var kalkanDll = ServerBench.KalkanDll(args.Where(a => a.EndsWith(".dll")).ToArray());
        if (kalkanDll is null) return 2;
        // --db 'Host=...;Username=...': on a fresh PostgreSQL database, where timers are claimed in batches with SKIP LOCKED.
        await using var store = await BenchStore.InitAsync(kalkanDll, args);
        try
        {
            // Default settings: nothing is raised for the run.
            using var kalkan = ServerBench.Start(kalkanDll, ["serve", .. store.Args, "--urls", "http://127.0.0.1:5195"], unseal: true);
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
            // Member i's circle is member i + 1.
            for (var i = 0; i < Members; i++)
            {
                var next = (i + 1) % Members;
                var invite = await Post(http, members[i], "/api/v1/circle/members", new { handle = $"m{next}" });
                var link = (await invite.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
                (await Post(http, members[next], $"/api/v1/circle/invitations/{link}/accept", new { })).EnsureSuccessStatusCode();
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

            // A defender's stream hears every missed check-in; each member's, her circle's.
            var total = Members * PerMember;
            var defender = await OpenAsync(http, admin);
            var circles = await Task.WhenAll(members.Select(token => OpenAsync(http, token)));
            // The server's CPU from just before the due time to the last event: what the burst cost it, on cores it shares with the readers.
            var untilDue = due - DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(200);
            var cpuAtDue = Task.Delay(untilDue > TimeSpan.Zero ? untilDue : TimeSpan.Zero).ContinueWith(_ => Cpu(kalkan));
            var readers = circles.Select(c => ReadAsync(c, PerMember, due)).Prepend(ReadAsync(defender, total, due)).ToList();
            var results = await Task.WhenAll(readers);
            var burstCpu = Cpu(kalkan) - await cpuAtDue;
            var failures = results.Where(r => r.Failure is not null).Select(r => r.Failure!).ToList();
            var lateness = results[0].Lateness;
            var circleLateness = results.Skip(1).SelectMany(r => r.Lateness).Order().ToList();
            lateness.Sort();
            if (lateness.Count > 0)
                Console.WriteLine($"all due at once: lateness at the defender's stream first {lateness[0]:F0} ms, median {lateness[lateness.Count / 2]:F0} ms, " +
                                  $"p99 {lateness[(int)(lateness.Count * 0.99)]:F0} ms, last {lateness[^1]:F0} ms ({lateness.Count:N0} events); server memory then {Rss(kalkan) / 1048576.0:F0} MiB");
            if (circleLateness.Count > 0)
                Console.WriteLine($"at the {Members} circle members' streams: median {circleLateness[circleLateness.Count / 2]:F0} ms, p99 {circleLateness[(int)(circleLateness.Count * 0.99)]:F0} ms, " +
                                  $"last {circleLateness[^1]:F0} ms ({circleLateness.Count:N0} events)");
            Console.WriteLine($"server CPU (user + system) from 200 ms before the due time to the last event: {burstCpu.TotalMilliseconds:F0} ms");
            foreach (var failure in failures.Take(10)) Console.Error.WriteLine("FAILED: " + failure);
            if (failures.Count > 0)
            {
                kalkan.Kill(true);
                return 1;
            }
            kalkan.Kill(true);
            return 0;
        }
        finally
        {
            if (File.Exists(Path.Combine(store.Data, "logs", "kalkan.log")))
                foreach (var line in File.ReadLines(Path.Combine(store.Data, "logs", "kalkan.log")).Where(l => l.Contains("Warning") || l.Contains("Error"))) Console.WriteLine("server: " + line);
        }
    }

    sealed record Heard(List<double> Lateness, string? Failure);

    static async Task<StreamReader> OpenAsync(HttpClient http, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/alerts/stream");
        request.Headers.Authorization = new("Bearer", token);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new StreamReader(await response.Content.ReadAsStreamAsync());
    }

    /// <summary>Reads one stream until it has heard <paramref name="expected"/> missed check-ins; a resync,
    /// the stream's end or more than two minutes without them is a failure.</summary>
    static async Task<Heard> ReadAsync(StreamReader reader, int expected, DateTimeOffset due)
    {
        var lateness = new List<double>(expected);
        using var patience = new CancellationTokenSource();
        patience.CancelAfter(due - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2));
        try
        {
            while (lateness.Count < expected)
            {
                var line = await reader.ReadLineAsync(patience.Token);
                if (line is null) return new Heard(lateness, $"a stream ended after {lateness.Count} of {expected} events (dropped)");
                if (line == "event: resync") return new Heard(lateness, "a stream was told to resync: it lost events");
                if (line == "event: checkin-missed") lateness.Add((DateTimeOffset.UtcNow - due).TotalMilliseconds);
            }
            return new Heard(lateness, null);
        }
        catch (OperationCanceledException)
        {
            return new Heard(lateness, $"a stream heard {lateness.Count} of {expected} events within two minutes");
        }
        finally
        {
            reader.Dispose();
        }
    }

    static TimeSpan Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
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
