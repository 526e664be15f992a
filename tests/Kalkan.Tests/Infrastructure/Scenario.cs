using System.Net.Http.Headers;
using Kalkan.Setup;

namespace Kalkan.Tests.Infrastructure;

/// <summary>Ways into a running Kalkan that many tests share: set up, restart, sign in.</summary>
public static class Scenario
{
    public const string Network = "Test network";
    public const string AdminHandle = "aigul-admin";
    public const string AdminPassphrase = "admin passphrase for tests";
    public const string UnsealPassphrase = "unseal passphrase for tests";

    public static async Task<SetupResult> SetUpAsync(this KalkanFactory kalkan, string network = Network, string adminHandle = AdminHandle,
        string adminPassphrase = AdminPassphrase, string unsealPassphrase = UnsealPassphrase, int threshold = 0, int shares = 0)
    {
        await using var scope = kalkan.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<NetworkSetup>()
            .CreateAsync(new SetupRequest(network, adminHandle, adminPassphrase, unsealPassphrase, threshold, shares), CancellationToken.None);
        Assert.Equal(SetupOutcome.Created, result.Outcome);
        return result;
    }

    /// <summary>A store set up and then restarted: the state an operator finds after a reboot (sealed).</summary>
    public static async Task<KalkanFactory> SetUpAndRestartAsync(TestStore store, int threshold = 0, int shares = 0, List<string>? sharesOut = null)
    {
        await using (var first = new KalkanFactory(store))
        {
            var result = await first.SetUpAsync(threshold: threshold, shares: shares);
            sharesOut?.AddRange(result.Shares ?? []);
        }
        return new KalkanFactory(store);
    }

    /// <summary>A new member of the given role, signed in: an API client carrying her token, and her id.</summary>
    public static async Task<(HttpClient Client, Guid Id)> MemberAsync(this KalkanFactory kalkan, string role = "member", string? handle = null,
        string passphrase = "member passphrase for tests")
    {
        handle ??= role + "-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = kalkan.Services.CreateAsyncScope())
        {
            var (outcome, member) = await scope.ServiceProvider.GetRequiredService<Kalkan.Members.MemberAccounts>()
                .CreateAsync(handle, passphrase, role, null, CancellationToken.None);
            Assert.Equal(Kalkan.Members.CreateOutcome.Created, outcome);
            var client = kalkan.Api();
            return (client.WithToken(await client.SignInAsync(handle, passphrase)), member!.Id);
        }
    }

    public static async Task<string> SignInAsync(this HttpClient client, string handle = AdminHandle, string passphrase = AdminPassphrase)
    {
        var response = await client.PostAsJsonAsync("/api/v1/session", new { handle, passphrase });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    public static HttpClient WithToken(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<string> StateAsync(this HttpClient client)
    {
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/health");
        return body.GetProperty("state").GetString()!;
    }

    /// <summary>The one-time setup code a fresh server wrote to its log folder, read as the operator reads it.</summary>
    public static string SetupCode(this KalkanFactory kalkan)
    {
        _ = kalkan.Services; // the server starts (and issues its code) on first use
        return File.ReadAllText(Path.Combine(kalkan.Store.DataDir, "logs", "setup-code.txt")).Trim();
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
