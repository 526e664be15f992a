using System.Net.Sockets;
using Kalkan.Seal;

namespace Kalkan.Tests.Security;

/// <summary>
/// Anyone on the internet can flood the HTTP unseal. The operator, on the server itself, must
/// still be able to unseal at once; and a forged key share must not spoil the custodians' genuine ones.
/// </summary>
public class UnsealAttackTests
{
    static readonly Dictionary<string, string> Passphrases = new()
    {
        ["KALKAN_ADMIN_PASSPHRASE"] = "admin passphrase for the flood",
        ["KALKAN_UNSEAL_PASSPHRASE"] = "unseal passphrase for the flood",
    };

    [Fact]
    public async Task After_a_hundred_junk_unseal_requests_kalkan_unseal_with_the_right_passphrase_unseals_at_once()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        var init = await KalkanProcess.RunAsync(["init", .. KalkanProcess.Store(store), "--network", "N", "--admin", "admin"], Passphrases);
        Assert.True(init.ExitCode == 0, init.Output);
        await using var server = await ServingProcess.StartAsync(store);
        using var http = server.Client();
        Assert.Equal("sealed", await http.StateAsync());

        // The flood: wrong passphrases, shares with x = 0 and garbage, all at once. Some are still
        // waiting out the slowdown while the operator acts.
        var junk = Enumerable.Range(0, 100).Select(i => http.PostAsJsonAsync("/api/v1/sys/unseal", (i % 3) switch
        {
            0 => (object)new { passphrase = $"guess number {i}" },
            1 => new { share = ShareText.Encode(new byte[33]) },
            _ => new { share = "kalkan-share-" + new string('A', i) },
        })).ToList();
        while (junk.Count(t => t.IsCompleted) < 80) await Task.WhenAny(junk.Where(t => !t.IsCompleted));
        // The HTTP door is now shut to everyone, the operator included.
        var byHttp = await http.PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = Passphrases["KALKAN_UNSEAL_PASSPHRASE"] });
        Assert.Equal(HttpStatusCode.TooManyRequests, byHttp.StatusCode);
        Assert.Equal("sealed", await http.StateAsync());

        var unseal = await KalkanProcess.RunAsync(["unseal", "--data", store.DataDir],
            new Dictionary<string, string> { ["KALKAN_UNSEAL_PASSPHRASE"] = Passphrases["KALKAN_UNSEAL_PASSPHRASE"] });

        Assert.True(unseal.ExitCode == 0, unseal.Output);
        Assert.Equal("ready", await http.StateAsync());
        // ... while the HTTP door was still shut: the operator did not wait for the flood's limits to pass.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = "anything" })).StatusCode);
        foreach (var answer in junk.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result))
            Assert.True((int)answer.StatusCode < 500, $"a junk unseal request answered {(int)answer.StatusCode}");
    }

    [Fact]
    public async Task Kalkan_unseal_with_a_wrong_passphrase_fails_and_leaves_the_server_sealed()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        await using var kalkan = await Scenario.SetUpAndRestartAsync(store);
        Assert.Equal("sealed", await kalkan.Api().StateAsync());

        var wrong = await KalkanProcess.RunAsync(["unseal", "--data", store.DataDir],
            new Dictionary<string, string> { ["KALKAN_UNSEAL_PASSPHRASE"] = "not the unseal passphrase" });

        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("does not unseal", wrong.Output);
        Assert.Equal("sealed", await kalkan.Api().StateAsync());
        var right = await KalkanProcess.RunAsync(["unseal", "--data", store.DataDir],
            new Dictionary<string, string> { ["KALKAN_UNSEAL_PASSPHRASE"] = Scenario.UnsealPassphrase });
        Assert.True(right.ExitCode == 0, right.Output);
        Assert.Equal("ready", await kalkan.Api().StateAsync());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_unseal_socket_is_the_servers_accounts_alone()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        await using var kalkan = await Scenario.SetUpAndRestartAsync(store);
        Assert.Equal("sealed", await kalkan.Api().StateAsync());

        var socket = UnsealSocket.PathIn(store.DataDir);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(socket)!));
    }

    [Fact]
    public async Task Junk_on_the_unseal_socket_changes_nothing_and_the_next_request_still_unseals()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        await using var kalkan = await Scenario.SetUpAndRestartAsync(store);
        Assert.Equal("sealed", await kalkan.Api().StateAsync());

        Assert.Contains("\"state\":\"sealed\"", await SendAsync(store, "not json at all\n"));
        Assert.Contains("\"state\":\"sealed\"", await SendAsync(store, "{\"passphrase\":\"wrong wrong wrong\"}\n"));
        Assert.Equal("sealed", await kalkan.Api().StateAsync());
        Assert.Contains("\"state\":\"ready\"", await SendAsync(store, $"{{\"passphrase\":\"{Scenario.UnsealPassphrase}\"}}\n"));
        Assert.Equal("ready", await kalkan.Api().StateAsync());
    }

    [Theory, Stores]
    public async Task A_share_with_x_zero_or_a_forged_share_is_refused_at_once_and_never_spoils_the_custodians_shares(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var kalkan = await Scenario.SetUpAndRestartAsync(store, threshold: 3, shares: 5);
        var client = kalkan.Api();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/sys/unseal", new { share = kalkan.Shares[0] })).StatusCode);
        var genuine = ShareText.Decode(kalkan.Shares[1])!;
        var xZero = (byte[])genuine.Clone();
        xZero[0] = 0;
        var forged = (byte[])genuine.Clone();
        forged[5] ^= 0x5a; // custodian 2's x, one wrong byte
        var unknownX = (byte[])genuine.Clone();
        unknownX[0] = 200;
        foreach (var bad in new[] { xZero, forged, unknownX })
        {
            var refused = await client.PostAsJsonAsync("/api/v1/sys/unseal", new { share = ShareText.Encode(bad) });
            await refused.ProblemAsync(HttpStatusCode.Forbidden);
        }
        Assert.Equal("sealed", await client.StateAsync());

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/sys/unseal", new { share = kalkan.Shares[1] })).StatusCode);
        Assert.Equal("sealed", await client.StateAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/sys/unseal", new { share = kalkan.Shares[3] })).StatusCode);
        Assert.Equal("ready", await client.StateAsync());
    }

    static async Task<string> SendAsync(ITestStore store, string line)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(UnsealSocket.PathIn(store.DataDir)));
        await using var stream = new NetworkStream(socket);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line));
        using var reader = new StreamReader(stream);
        return await reader.ReadLineAsync() ?? "";
    }
}
