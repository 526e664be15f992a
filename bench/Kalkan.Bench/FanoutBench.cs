using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Kalkan.Bench;

/// <summary>
/// Issues 5 and 15: N subscribers (default 10,000) on Kalkan's alert stream, one alert posted at a
/// time (20 rounds): from sending the POST, and from its 201, to the last subscriber's receipt;
/// server memory per open stream. Then the same payload to as many subscribers through mosquitto
/// (QoS 0). Both are read by the same C program on epoll (native/subscribers.c), and the floor of
/// the machine is measured in the same run by native/floor.c: one thread writing 300 bytes to 9,900
/// loopback sockets and reading each back, before and after the servers. Prints Kalkan/floor and
/// mosquitto/Kalkan. Fails when a subscriber misses a message or loses its connection.
/// Run with a raised open-files limit: `ulimit -n 20000` (the benchmark raises its own soft limit too).
/// </summary>
static class FanoutBench
{
    internal const int Rounds = 20;
    const int KalkanPort = 5201, MosquittoPort = 5202, FloorPort = 5204, FloorSockets = 9_900;

    public static async Task<int> RunAsync(string[] args)
    {
        var subscribers = args.SkipWhile(a => a != "--subscribers").Skip(1).Select(int.Parse).FirstOrDefault(10_000);
        var dumps = args.SkipWhile(a => a != "--gcdump").Skip(1).FirstOrDefault();
        var kalkanDll = ServerBench.KalkanDll(args.Where(a => a.EndsWith(".dll")).ToArray());
        if (kalkanDll is null) return 2;
        RaiseOpenFiles(20_000);
        ServerBench.LiftReportLimits();
        var data = Directory.CreateTempSubdirectory("kalkan-bench-").FullName;
        try
        {
            var floorProgram = Native.Build("floor", data);
            var clientProgram = Native.Build("subscribers", data);
            var floor = await FloorAsync(floorProgram, Rounds / 2);

            await ServerBench.RunToEndAsync(kalkanDll, ["init", "--data", data, "--network", "Bench", "--admin", "bench-admin"]);
            using var kalkan = ServerBench.Start(kalkanDll, ["serve", "--data", data, "--urls", $"http://127.0.0.1:{KalkanPort}"], unseal: true);
            using var stop = new Stopper(kalkan); // a failed run must not leave the server holding the port
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{KalkanPort}") };
            await ServerBench.WaitFor200Async(http, "/signin");
            var token = await TokenAsync(http);
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            await PostAsync(http, 0); // warm-up: JIT and the store

            if (dumps is not null) await HoldAsync(kalkan.Id, dumps, "before the streams open");
            var before = RssBytes(kalkan.Id);
            using var sse = await Subscribers.OpenAsync(clientProgram, "sse", KalkanPort, subscribers, token);
            await Task.Delay(2000);
            var perConnection = (RssBytes(kalkan.Id) - before) / (double)subscribers;
            if (dumps is not null) return await DumpAsync(kalkan.Id, dumps, sse, perConnection, before, subscribers);
            var fromPost = new List<double>();
            var from201 = new List<double>();
            byte[] payload = [];
            for (var round = 1; round <= Rounds; round++)
            {
                var sent = Now();
                var answer = await PostAsync(http, round);
                var created = Now();
                payload = answer;
                var last = await sse.LastReceiptAsync(round);
                fromPost.Add(Milliseconds(sent, last));
                from201.Add(Milliseconds(created, last));
                Console.Error.WriteLine($"round {round}: {fromPost[^1]:F1} ms");
                await Task.Delay(200);
            }
            Console.WriteLine($"Kalkan SSE, {subscribers} subscribers, {Rounds} alerts: POST sent -> last receipt median {Median(fromPost):F1} ms, p99 {P99(fromPost):F1} ms; " +
                              $"201 -> last receipt median {Median(from201):F1} ms, p99 {P99(from201):F1} ms; server memory {perConnection / 1024:F1} KiB per open stream; frame data {payload.Length} bytes");
            sse.Dispose();
            kalkan.Kill(true);

            var mosquitto = await MosquittoAsync(clientProgram, subscribers, payload);
            floor.AddRange(await FloorAsync(floorProgram, Rounds / 2));
            Console.WriteLine($"mosquitto QoS 0, same payload: publish -> last receipt median {Median(mosquitto):F1} ms, p99 {P99(mosquitto):F1} ms");
            Console.WriteLine($"floor (C, one thread, 300 bytes to {FloorSockets:N0} loopback sockets and read back): median {Median(floor):F1} ms of {floor.Count} rounds ({floor.Min():F1}-{floor.Max():F1})");
            Console.WriteLine($"Kalkan/floor (medians, from sending): {Median(fromPost) / Median(floor):F2}; from the 201: {Median(from201) / Median(floor):F2}");
            Console.WriteLine($"mosquitto/Kalkan (medians, from sending): {Median(mosquitto) / Median(fromPost):F2}");
            return 0;
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// --gcdump DIR: the server's live heap with the streams open (open.gcdump), then again once they
    /// have closed (closed.gcdump); the per-type difference divided by the subscribers is what one
    /// stream keeps alive. Taken after the memory figure (a dump collects), and no rounds follow.
    /// </summary>
    static async Task<int> DumpAsync(int pid, string folder, Subscribers streams, double perConnection, long before, int count)
    {
        Console.WriteLine($"server memory {perConnection / 1024:F1} KiB per open stream");
        // The figure above is taken 2 s after the last stream opened; whether it settles later says what is the collector's headroom.
        var waited = 2;
        foreach (var at in new[] { 10, 30, 60 })
        {
            await Task.Delay(TimeSpan.FromSeconds(at - waited));
            waited = at;
            Console.WriteLine($"  {at} s after: {(RssBytes(pid) - before) / (double)count / 1024:F1} KiB per open stream");
        }
        await HoldAsync(pid, folder, "with the streams open");
        await GcDumpAsync(pid, Path.Combine(folder, "open.gcdump"));
        streams.Dispose();
        await Task.Delay(5000); // the server notices every closed socket and ends its request
        await GcDumpAsync(pid, Path.Combine(folder, "closed.gcdump"));
        return 0;
    }

    /// <summary>With --gcdump, a moment to look at the server from outside (dotnet-counters, smaps): goes on once DIR/go exists.</summary>
    static async Task HoldAsync(int pid, string folder, string moment)
    {
        Directory.CreateDirectory(folder);
        var go = Path.Combine(folder, "go");
        File.Delete(go);
        Console.WriteLine($"server {pid} {moment}; waiting for {go}");
        while (!File.Exists(go)) await Task.Delay(200);
        File.Delete(go);
    }

    static async Task GcDumpAsync(int pid, string file)
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        using var dump = Process.Start(new ProcessStartInfo(tool, ["collect", "-p", pid.ToString(), "-o", file]) { RedirectStandardOutput = true })
                         ?? throw new InvalidOperationException("dotnet-gcdump is missing: dotnet tool install -g dotnet-gcdump");
        await dump.StandardOutput.ReadToEndAsync();
        await dump.WaitForExitAsync();
        if (dump.ExitCode != 0) throw new InvalidOperationException($"dotnet-gcdump failed for {file}");
        Console.WriteLine($"heap dump: {file}");
    }

    internal static double Milliseconds(long from, long to) => (to - from) / 1e6;

    /// <summary>Now in nanoseconds since 1970: the clock the C subscribers stamp with (another process's monotonic clock may differ).</summary>
    internal static long Now() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    static async Task<List<double>> FloorAsync(string program, int rounds)
    {
        using var floor = Native.Start(program, FloorSockets.ToString(), rounds.ToString(), FloorPort.ToString());
        var times = new List<double>();
        while (await floor.StandardOutput.ReadLineAsync() is { } line)
            if (line.Split(' ') is ["round", _, var ms, "ms"]) times.Add(double.Parse(ms, System.Globalization.CultureInfo.InvariantCulture));
        await floor.WaitForExitAsync();
        if (floor.ExitCode != 0 || times.Count != rounds) throw new InvalidOperationException("the floor probe failed: " + await floor.StandardError.ReadToEndAsync());
        return times;
    }

    static async Task<List<double>> MosquittoAsync(string clientProgram, int subscribers, byte[] payload)
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
            using var clients = await Subscribers.OpenAsync(clientProgram, "mqtt", MosquittoPort, subscribers, "kalkan/alerts");
            await Task.Delay(2000);
            using var publisher = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            await publisher.ConnectAsync(endpoint);
            await publisher.SendAsync(MqttPackets.Connect("publisher"));
            await Task.Delay(200);
            var times = new List<double>();
            var message = MqttPackets.Publish("kalkan/alerts", payload);
            for (var round = 1; round <= Rounds; round++)
            {
                var sent = Now();
                await publisher.SendAsync(message);
                var last = await clients.LastReceiptAsync(round);
                times.Add(Milliseconds(sent, last));
                Console.Error.WriteLine($"mosquitto round {round}: {times[^1]:F1} ms");
                await Task.Delay(200);
            }
            return times;
        }
        finally
        {
            broker.Kill(true);
            Directory.Delete(folder, true);
        }
    }

    /// <summary>native/subscribers.c running: "got n AT" once every subscriber has message n.</summary>
    internal sealed class Subscribers(Process process) : IDisposable
    {
        public static async Task<Subscribers> OpenAsync(string program, string mode, int port, int count, string tokenOrTopic)
        {
            var process = Native.Start(program, mode, port.ToString(), count.ToString(), tokenOrTopic, Rounds.ToString());
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(6));
            if (line != "ready") throw new InvalidOperationException($"the subscribers did not connect: {line} {await process.StandardError.ReadToEndAsync()}");
            return new Subscribers(process);
        }

        /// <summary>When the last subscriber had message n (nanoseconds since 1970); fails when one missed it or was dropped.</summary>
        public async Task<long> LastReceiptAsync(int n)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                while (await process.StandardOutput.ReadLineAsync(patience.Token) is { } line)
                {
                    if (line.Split(' ') is ["got", var m, var at] && int.Parse(m) == n) return long.Parse(at);
                    if (line.StartsWith("closed")) throw new InvalidOperationException("FAILED: a subscriber's connection ended: " + line);
                }
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"FAILED: some subscribers never got message {n} within 30 s");
            }
            throw new InvalidOperationException("FAILED: the subscribers' program ended: " + await process.StandardError.ReadToEndAsync());
        }

        public void Dispose()
        {
            try { if (!process.HasExited) process.Kill(); } catch (InvalidOperationException) { }
            process.Dispose();
        }
    }

    /// <summary>An alert with a note so the SSE frame is about 300 bytes; each round at its own place so none merge.</summary>
    internal static async Task<byte[]> PostAsync(HttpClient http, int round)
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

    internal static long RssBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    internal static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    internal static double P99(List<double> values) => values.Order().ElementAt(Math.Min(values.Count - 1, (int)Math.Ceiling(values.Count * 0.99) - 1));

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
