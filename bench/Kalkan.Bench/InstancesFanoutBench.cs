using System.Diagnostics;
using System.Net.Http.Json;

namespace Kalkan.Bench;

/// <summary>
/// Issue 16: fan-out with two `kalkan serve` instances on one PostgreSQL database against one, the
/// same number of subscribers (default 10,000) in the same run. One instance: every subscriber on
/// it. Two: half on each, every alert reported on the first, timed to the last subscriber on
/// either (so half of them hear it through the shared table and NOTIFY). Both phases use a fresh
/// database of their own, created and dropped through psql. Fails when a subscriber misses an
/// alert, loses its connection, or a report is refused.
/// </summary>
static class InstancesFanoutBench
{
    const int FirstPort = 5211;

    public static async Task<int> RunAsync(string[] args)
    {
        var subscribers = args.SkipWhile(a => a != "--subscribers").Skip(1).Select(int.Parse).FirstOrDefault(10_000);
        var admin = ScratchDatabase.ServerOf(args);
        var kalkanDll = ServerBench.KalkanDll(args.Where(a => a.EndsWith(".dll")).ToArray());
        if (admin is null || kalkanDll is null)
        {
            Console.Error.WriteLine("usage: Kalkan.Bench fanout-instances --db 'Host=127.0.0.1;Port=5432;Username=postgres' [--subscribers N]");
            return 2;
        }
        FanoutBench.RaiseOpenFiles(40_000);
        ServerBench.LiftReportLimits();
        var work = Directory.CreateTempSubdirectory("kalkan-bench-").FullName;
        try
        {
            var clientProgram = Native.Build("subscribers", work);
            var one = await PhaseAsync(kalkanDll, admin, clientProgram, work, instances: 1, subscribers);
            var two = await PhaseAsync(kalkanDll, admin, clientProgram, work, instances: 2, subscribers);
            Console.WriteLine($"{subscribers:N0} subscribers, {FanoutBench.Rounds} alerts, PostgreSQL store: POST sent -> last receipt median " +
                              $"one instance {FanoutBench.Median(one):F1} ms (p99 {FanoutBench.P99(one):F1}), two instances {FanoutBench.Median(two):F1} ms (p99 {FanoutBench.P99(two):F1})");
            Console.WriteLine($"two/one (medians): {FanoutBench.Median(two) / FanoutBench.Median(one):F2}");
            return 0;
        }
        finally
        {
            try { Directory.Delete(work, true); } catch (IOException) { }
        }
    }

    static async Task<List<double>> PhaseAsync(string kalkanDll, string admin, string clientProgram, string work, int instances, int subscribers)
    {
        await using var database = await ScratchDatabase.CreateAsync(admin);
        var servers = new List<Process>();
        var clients = new List<FanoutBench.Subscribers>();
        try
        {
            var first = Path.Combine(work, $"{database.Name}-0");
            await ServerBench.RunToEndAsync(kalkanDll, ["init", "--data", first, .. database.StoreArgs, "--network", "Bench", "--admin", "bench-admin"]);
            var https = new List<HttpClient>();
            for (var i = 0; i < instances; i++)
            {
                var folder = Path.Combine(work, $"{database.Name}-{i}");
                Directory.CreateDirectory(folder);
                servers.Add(ServerBench.Start(kalkanDll, ["serve", "--data", folder, .. database.StoreArgs, "--urls", $"http://127.0.0.1:{FirstPort + i}"], unseal: true));
                https.Add(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FirstPort + i}") });
                await ServerBench.WaitFor200Async(https[i], "/signin");
            }
            var token = await FanoutBench.TokenAsync(https[0]);
            https[0].DefaultRequestHeaders.Authorization = new("Bearer", token);
            await FanoutBench.PostAsync(https[0], 0); // warm-up: JIT and the store

            // The same total, split as evenly as it goes.
            for (var i = 0; i < instances; i++)
                clients.Add(await FanoutBench.Subscribers.OpenAsync(clientProgram, "sse", FirstPort + i, subscribers / instances + (i < subscribers % instances ? 1 : 0), token));
            await Task.Delay(2000);
            var times = new List<double>();
            for (var round = 1; round <= FanoutBench.Rounds; round++)
            {
                var sent = FanoutBench.Now();
                await FanoutBench.PostAsync(https[0], round);
                var receipts = await Task.WhenAll(clients.Select(c => c.LastReceiptAsync(round)));
                times.Add(FanoutBench.Milliseconds(sent, receipts.Max()));
                Console.Error.WriteLine($"{instances} instance(s), round {round}: {times[^1]:F1} ms");
                await Task.Delay(200);
            }
            foreach (var http in https) http.Dispose();
            return times;
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
            foreach (var server in servers)
                try { if (!server.HasExited) server.Kill(true); } catch (InvalidOperationException) { }
            foreach (var server in servers) await server.WaitForExitAsync();
        }
    }
}
