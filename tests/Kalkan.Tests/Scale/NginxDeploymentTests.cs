using System.Net.Sockets;
using Kalkan.Seal;
using Kalkan.Tests.Cases;
using Kalkan.Tests.Incidents;

namespace Kalkan.Tests.Scale;

/// <summary>
/// The deployment example as an operator runs it: deploy/multi/kalkan-multi starts three instances
/// on one PostgreSQL behind Debian's nginx (round robin, nothing sticky), and stops them again.
/// One start covers what members do across instances: a report reaching streams held by the others,
/// evidence and a case document uploaded through one instance read through each.
/// </summary>
public class NginxDeploymentTests
{
    [PostgresFact]
    public async Task Behind_nginx_a_report_reaches_streams_held_by_other_instances_evidence_and_case_documents_read_back_through_each_and_one_script_stops_it_all()
    {
        Assert.True(File.Exists("/usr/sbin/nginx"), "nginx is not installed (apt-get install nginx; .ci/run does)");
        await using var store = await TestStore.CreateAsync(Store.Postgres);
        string reporter, listener, documenter, handling;
        Guid incident, caseId;
        await using (var setup = await KalkanFactory.StartAsync(store))
        {
            reporter = (await setup.MemberAsync()).Client.DefaultRequestHeaders.Authorization!.Parameter!;
            listener = (await setup.MemberAsync()).Client.DefaultRequestHeaders.Authorization!.Parameter!;
            var (documenterClient, recorded) = await IncidentSamples.DocumenterWithIncidentAsync(setup);
            (documenter, incident) = (documenterClient.DefaultRequestHeaders.Authorization!.Parameter!, recorded);
            var (defender, filed) = await CaseSamples.HandlingDefenderAsync(setup);
            (handling, caseId) = (defender.DefaultRequestHeaders.Authorization!.Parameter!, filed);
        }
        var run = Path.Combine(store.DataDir, "multi");
        var first = FreeBlock(3);
        var proxy = FreeBlock(1);
        var environment = new Dictionary<string, string>
        {
            ["KALKAN_COMMAND"] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "kalkan.dll")}",
            ["KALKAN_DB"] = store.Db!,
            [SealStartup.PassphraseVariable] = Scenario.UnsealPassphrase,
            ["KALKAN_FIRST_PORT"] = first.ToString(),
            ["KALKAN_PROXY_PORT"] = proxy.ToString(),
        };
        // An older start of the script left a file in an instance's own folder: this start moves it to the shared one.
        var leftBehind = Path.Combine(run, "instance-2", "evidence", $"{Guid.NewGuid():N}.original");
        Directory.CreateDirectory(Path.GetDirectoryName(leftBehind)!);
        await File.WriteAllTextAsync(leftBehind, "sealed bytes of an earlier upload");
        try
        {
            var (code, output) = await ScriptAsync("start", run, environment);
            Assert.True(code == 0, output);
            var address = new Uri(output.Trim().Split('\n')[^1]);
            HttpClient Client(string token) => new HttpClient { BaseAddress = address }.WithToken(token);
            await Eventually.HoldsAsync(async () => await Client(listener).StateAsync() == "ready", TimeSpan.FromSeconds(60));

            // Round robin: three streams in a row are held by three instances, the report lands on one of them.
            var streams = new List<EventStreamClient>();
            for (var i = 0; i < 3; i++) streams.Add(await EventStreamClient.OpenAsync(Client(listener)));
            var posted = await Client(reporter).PostAsJsonAsync("/api/v1/alerts", new { kind = "checkpoint", lat = 42.87, lon = 74.59 });
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            foreach (var stream in streams) Assert.Equal("checkpoint", (await stream.NextAsync("alert", TimeSpan.FromSeconds(30))).Data.GetProperty("kind").GetString());
            foreach (var stream in streams) await stream.DisposeAsync();

            // Evidence is stored by whichever instance took the upload; three reads in a row reach three instances.
            var photo = Jpeg.WithGps("canary-gps-42.87N-74.59E", "canary-pixels-across-instances");
            var uploaded = await Client(documenter).PostAsync($"/api/v1/incidents/{incident}/evidence", Jpeg.Content(photo));
            Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
            var original = $"/api/v1/incidents/{incident}/evidence/{(await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}/original";
            for (var i = 0; i < 3; i++)
            {
                using var read = await Client(documenter).GetAsync(original);
                Assert.True(read.StatusCode == HttpStatusCode.OK, $"read {i + 1} of the evidence through the proxy: {(int)read.StatusCode}");
                Assert.Equal(photo, await read.Content.ReadAsByteArrayAsync());
            }
            // A case document likewise, through whichever instance takes it.
            var letter = await CaseDocumentTests.UploadAsync(Client(handling), caseId, "The prosecutor refuses to open a case.", "answer.txt");
            for (var i = 0; i < 3; i++)
                Assert.Equal("The prosecutor refuses to open a case.", await Client(handling).GetStringAsync($"/api/v1/cases/{caseId}/documents/{letter}"));
            Assert.Single(Directory.GetFiles(Path.Combine(run, "files", "case-documents")));
            var shared = Path.Combine(run, "files", "evidence");
            Assert.True(File.Exists(Path.Combine(shared, Path.GetFileName(leftBehind))), "the earlier upload was not moved to the shared folder");
            Assert.Equal(2, Directory.GetFiles(shared).Length - 1); // the photo's original and its copy without metadata, beside the earlier one
            Assert.DoesNotContain(Directory.GetDirectories(run, "evidence", SearchOption.AllDirectories), d => !d.StartsWith(Path.Combine(run, "files")));
        }
        finally
        {
            var (stopped, output) = await ScriptAsync("stop", run, environment);
            Assert.True(stopped == 0, output);
        }
        foreach (var port in new[] { proxy, first, first + 1, first + 2 })
            Assert.False(Listening(port), $"port {port} still answers after stop");
    }

    static async Task<(int, string)> ScriptAsync(string action, string run, IDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(Path.Combine(Shared.RepoRoot(), "deploy", "multi", "kalkan-multi")) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(action);
        info.ArgumentList.Add(run);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>The first of <paramref name="count"/> consecutive free loopback ports, from a random start.</summary>
    static int FreeBlock(int count)
    {
        while (true)
        {
            var start = Random.Shared.Next(20000, 60000);
            if (Enumerable.Range(start, count).All(p => !Listening(p) && Bindable(p))) return start;
        }
    }

    static bool Bindable(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException) { return false; }
    }

    static bool Listening(int port)
    {
        using var client = new TcpClient();
        try { client.Connect(IPAddress.Loopback, port); return true; }
        catch (SocketException) { return false; }
    }
}
