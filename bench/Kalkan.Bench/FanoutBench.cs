using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Kalkan.Bench;

/// <summary>
/// Issue 5's fan-out figure: N subscribers (default 10,000) on Kalkan's alert stream, one alert
/// posted at a time (20 rounds): from sending the POST, and from its 201, to the last subscriber's
/// receipt; server memory per connection. Then the same payload to the same number of
/// subscribers through mosquitto (QoS 0), read by the same light client: the ratio.
/// Run with a raised open-files limit: `ulimit -n 20000` (the benchmark raises its own soft limit too).
/// </summary>
static class FanoutBench
{
    const int KalkanPort = 5201, MosquittoPort = 5202, Rounds = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var subscribers = args.SkipWhile(a => a != "--subscribers").Skip(1).Select(int.Parse).FirstOrDefault(10_000);
        var kalkanDll = ServerBench.KalkanDll(args.Where(a => a.EndsWith(".dll")).ToArray());
        if (kalkanDll is null) return 2;
        RaiseOpenFiles(20_000);
        Environment.SetEnvironmentVariable("Alerts__ReportsPerHour", "100000000");
        Environment.SetEnvironmentVariable("Alerts__RequestsPerMinute", "100000000");
        var data = Directory.CreateTempSubdirectory("kalkan-bench-").FullName;
        try
        {
            await ServerBench.RunToEndAsync(kalkanDll, ["init", "--data", data, "--network", "Bench", "--admin", "bench-admin"]);
            using var kalkan = ServerBench.Start(kalkanDll, ["serve", "--data", data, "--urls", $"http://127.0.0.1:{KalkanPort}"], unseal: true);
            using var stop = new Stopper(kalkan); // a failed run must not leave the server holding the port
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{KalkanPort}") };
            await ServerBench.WaitFor200Async(http, "/signin");
            var token = await TokenAsync(http);
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            await PostAsync(http, 0); // warm-up: JIT and the store

            var before = RssBytes(kalkan.Id);
            var clients = await OpenAsync(subscribers, i => LightClient.SseAsync(new IPEndPoint(IPAddress.Loopback, KalkanPort), token));
            await Task.Delay(2000);
            var perConnection = (RssBytes(kalkan.Id) - before) / (double)subscribers;
            var fromPost = new List<double>();
            var from201 = new List<double>();
            byte[] payload = [];
            for (var round = 1; round <= Rounds; round++)
            {
                var sent = Stopwatch.GetTimestamp();
                var answer = await PostAsync(http, round);
                var created = Stopwatch.GetTimestamp();
                payload = answer;
                var last = await LastReceiptAsync(clients.Select(c => c.Client).ToList(), round);
                fromPost.Add(Stopwatch.GetElapsedTime(sent, last).TotalMilliseconds);
                Console.Error.WriteLine($"round {round}: {fromPost[^1]:F1} ms");
                from201.Add(Stopwatch.GetElapsedTime(created, last).TotalMilliseconds);
                await Task.Delay(200);
            }
            Console.WriteLine($"Kalkan SSE, {subscribers} subscribers, {Rounds} alerts: POST sent -> last receipt median {Median(fromPost):F1} ms, p99 {P99(fromPost):F1} ms; " +
                              $"201 -> last receipt median {Median(from201):F1} ms, p99 {P99(from201):F1} ms; server memory {perConnection / 1024:F1} KiB per connection; frame data {payload.Length} bytes");
            Close(clients);
            kalkan.Kill(true);

            var mosquitto = await MosquittoAsync(subscribers, payload);
            Console.WriteLine($"mosquitto QoS 0, same payload: publish -> last receipt median {Median(mosquitto):F1} ms, p99 {P99(mosquitto):F1} ms");
            Console.WriteLine($"ratio (mosquitto / Kalkan, medians from sending): {Median(mosquitto) / Median(fromPost):F2}");
            return 0;
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    static async Task<List<double>> MosquittoAsync(int subscribers, byte[] payload)
    {
        var folder = Directory.CreateTempSubdirectory("kalkan-mosquitto-").FullName;
        var config = Path.Combine(folder, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {MosquittoPort} 127.0.0.1\nallow_anonymous true\nmax_connections -1\nset_tcp_nodelay true\npersistence false\nlog_dest none\n");
        var info = new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", config]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var broker = Process.Start(info) ?? throw new InvalidOperationException("mosquitto is missing: apt-get install mosquitto");
        try
        {
            var endpoint = new IPEndPoint(IPAddress.Loopback, MosquittoPort);
            for (var i = 0; i < 200; i++)
            {
                try { using var probe = new System.Net.Sockets.TcpClient(); await probe.ConnectAsync(endpoint); break; }
                catch (System.Net.Sockets.SocketException) { await Task.Delay(25); }
            }
            var clients = await OpenAsync(subscribers, i => LightClient.MqttAsync(endpoint, "sub" + i, "kalkan/alerts"));
            await Task.Delay(2000);
            using var publisher = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            await publisher.ConnectAsync(endpoint);
            await publisher.SendAsync(LightClient.Connect("publisher"));
            await Task.Delay(200);
            var times = new List<double>();
            var message = LightClient.Publish("kalkan/alerts", payload);
            for (var round = 1; round <= Rounds; round++)
            {
                var sent = Stopwatch.GetTimestamp();
                await publisher.SendAsync(message);
                var last = await LastReceiptAsync(clients.Select(c => c.Client).ToList(), round);
                times.Add(Stopwatch.GetElapsedTime(sent, last).TotalMilliseconds);
                Console.Error.WriteLine($"mosquitto round {round}: {times[^1]:F1} ms");
                await Task.Delay(200);
            }
            Close(clients);
            return times;
        }
        finally
        {
            broker.Kill(true);
            Directory.Delete(folder, true);
        }
    }

    static async Task<List<(LightClient Client, Task Loop)>> OpenAsync(int count, Func<int, Task<LightClient>> open)
    {
        var clients = new List<(LightClient, Task)>(count);
        for (var i = 0; i < count; i += 100)
        {
            var batch = await Task.WhenAll(Enumerable.Range(i, Math.Min(100, count - i)).Select(open));
            clients.AddRange(batch.Select(c => (c, Task.Run(() => c.RunAsync(CancellationToken.None)))));
        }
        return clients;
    }

    /// <summary>Waits until every client has its n-th message; the latest of their stamps.</summary>
    static async Task<long> LastReceiptAsync(List<LightClient> clients, int n)
    {
        var deadline = Stopwatch.StartNew();
        while (clients.Any(c => c.Count < n))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"{clients.Count(c => c.Count < n)} of {clients.Count} subscribers never got message {n} (counts: {string.Join(",", clients.Select(c => c.Count).Distinct())})");
            await Task.Delay(5);
        }
        return clients.Max(c => c.StampOf(n));
    }

    static void Close(List<(LightClient Client, Task Loop)> clients)
    {
        foreach (var (client, _) in clients) client.Close();
    }

    /// <summary>An alert with a note so the SSE frame is about 300 bytes; each round at its own place so none merge.</summary>
    static async Task<byte[]> PostAsync(HttpClient http, int round)
    {
        var response = await http.PostAsJsonAsync("/api/v1/alerts", new { kind = "checkpoint", lat = 40.0 + round * 0.01, lon = 74.0, note = "Two cars and a van at the crossroads, checking documents" });
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"report answered {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static async Task<string> TokenAsync(HttpClient http)
    {
        var signIn = await http.PostAsJsonAsync("/api/v1/session", new { handle = "bench-admin", passphrase = ServerBench.Admin });
        return (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    static long RssBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    static double P99(List<double> values) => values.Order().ElementAt(Math.Min(values.Count - 1, (int)Math.Ceiling(values.Count * 0.99) - 1));

    public sealed class Stopper(Process process) : IDisposable
    {
        public void Dispose()
        {
            try { if (!process.HasExited) process.Kill(true); } catch (InvalidOperationException) { }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    struct RLimit { public ulong Current, Max; }

    [DllImport("libc", SetLastError = true)]
    static extern int getrlimit(int resource, out RLimit limit);

    [DllImport("libc", SetLastError = true)]
    static extern int setrlimit(int resource, ref RLimit limit);

    /// <summary>Raises this process's soft open-files limit; the servers it starts inherit it.</summary>
    public static void RaiseOpenFiles(ulong wanted)
    {
        const int NoFile = 7;
        if (getrlimit(NoFile, out var limit) != 0) return;
        limit.Current = Math.Min(wanted, limit.Max);
        setrlimit(NoFile, ref limit);
    }
}
