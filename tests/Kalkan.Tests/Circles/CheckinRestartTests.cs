using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Kalkan.Tests.Delivery;
using Kalkan.Tests.Members;

namespace Kalkan.Tests.Circles;

/// <summary>
/// Timers live on the server: a check-in that fell due while the server was down fires as soon as
/// it is back. The real program, stopped by a kill before the due time and started after it.
/// </summary>
[Collection(TimingSensitive.Name)]
public class CheckinRestartTests
{
    [Theory, Stores]
    public async Task A_check_in_that_fell_due_while_the_server_was_down_reaches_her_circle_within_five_seconds_of_the_start(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var init = await KalkanProcess.RunAsync(["init", .. KalkanProcess.Store(store), "--network", "N", "--admin", "admin"], Environment);
        Assert.True(init.ExitCode == 0, init.Output);

        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = address };
        DateTimeOffset due;
        using (var first = Serve(store, port))
        {
            await ReadyAsync(http);
            var admin = Client(address, await http.SignInAsync("admin", "admin passphrase for restart"));
            await Join(admin, http, "Aizada");
            await Join(admin, http, "Cholpon");
            var aizada = Client(address, await http.SignInAsync("Aizada", InvitationTests.JoinPassphrase));
            var cholpon = Client(address, await http.SignInAsync("Cholpon", InvitationTests.JoinPassphrase));
            var link = (await (await aizada.PostAsJsonAsync("/api/v1/circle/members", new { handle = "Cholpon" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await cholpon.PostAsync($"/api/v1/circle/invitations/{link}/accept", null);

            due = DateTimeOffset.UtcNow.AddSeconds(3);
            Assert.Equal(HttpStatusCode.Created, (await aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = due, note = "going with a client" })).StatusCode);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        await Task.Delay(due - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2));
        using var second = Serve(store, port);
        var started = Stopwatch.StartNew();
        try
        {
            await ReadyAsync(http);
            // A restart signs everyone out: her friend signs in again and opens her stream, as her phone would.
            var cholpon = Client(address, await http.SignInAsync("Cholpon", InvitationTests.JoinPassphrase));
            await using var stream = await EventStreamClient.OpenAsync(cholpon);
            var missed = await stream.NextAsync("checkin-missed", TimeSpan.FromSeconds(8));

            Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"fired {started.Elapsed} after the start");
            Assert.Equal("going with a client", missed.Data.GetProperty("note").GetString());
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    static readonly Dictionary<string, string> Environment = new()
    {
        ["KALKAN_ADMIN_PASSPHRASE"] = "admin passphrase for restart",
        ["KALKAN_UNSEAL_PASSPHRASE"] = "unseal passphrase for restart",
    };

    static Process Serve(TestStore store, int port)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kalkan.dll"));
        foreach (var arg in (string[])["serve", .. KalkanProcess.Store(store), "--urls", $"http://127.0.0.1:{port}"]) info.ArgumentList.Add(arg);
        info.Environment["KALKAN_UNSEAL_PASSPHRASE"] = Environment["KALKAN_UNSEAL_PASSPHRASE"];
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    static async Task ReadyAsync(HttpClient http)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if (await http.StateAsync() == "ready") return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException("the server did not become ready");
    }

    static async Task Join(HttpClient admin, HttpClient anonymous, string handle)
    {
        var code = await InvitationTests.InviteAsync(admin, "member");
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/v1/join", new { code, handle, passphrase = InvitationTests.JoinPassphrase })).StatusCode);
    }

    static HttpClient Client(Uri address, string token) => new HttpClient { BaseAddress = address }.WithToken(token);

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
