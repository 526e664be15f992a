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
    /// <summary>The passphrase of every member a test makes without naming one.</summary>
    public const string MemberPassphrase = "member passphrase for tests";
    /// <summary>The duress passphrase the duress tests set: it signs in to a decoy account and warns the defenders.</summary>
    public const string DuressPassphrase = "my duress passphrase";

    public static async Task<SetupResult> SetUpAsync(this KalkanFactory kalkan, string network = Network, string adminHandle = AdminHandle,
        string adminPassphrase = AdminPassphrase, string unsealPassphrase = UnsealPassphrase, int threshold = 0, int shares = 0)
    {
        await using var scope = kalkan.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<NetworkSetup>()
            .CreateAsync(new SetupRequest(network, adminHandle, adminPassphrase, unsealPassphrase, threshold, shares), CancellationToken.None);
        Assert.Equal(SetupOutcome.Created, result.Outcome);
        return result;
    }

    /// <summary>A store set up by a server that then stopped: what the command line's verbs find on disk.</summary>
    public static async Task<SetupResult> SetUpAndStopAsync(ITestStore store, int threshold = 0, int shares = 0)
    {
        await using var first = new KalkanFactory(store);
        return await first.SetUpAsync(threshold: threshold, shares: shares);
    }

    /// <summary>A store set up and then restarted: the state an operator finds after a reboot (sealed), with the key shares setup handed out.</summary>
    public static async Task<KalkanFactory> SetUpAndRestartAsync(TestStore store, int threshold = 0, int shares = 0,
        IDictionary<string, string?>? settings = null)
    {
        var result = await SetUpAndStopAsync(store, threshold, shares);
        return new KalkanFactory(store, settings) { Shares = result.Shares ?? [] };
    }

    /// <summary>A new member of the given role, signed in: an API client carrying her token, and her id.</summary>
    public static async Task<(HttpClient Client, Guid Id)> MemberAsync(this KalkanFactory kalkan, string role = "member", string? handle = null,
        string passphrase = MemberPassphrase)
    {
        handle ??= NewHandle(role);
        var id = await kalkan.CreateMemberAsync(handle, passphrase, role);
        var client = kalkan.Api();
        return (client.WithToken(await client.SignInAsync(handle, passphrase)), id);
    }

    /// <summary>An account made straight in the store (no invitation), not signed in anywhere; its id.</summary>
    public static async Task<Guid> CreateMemberAsync(this KalkanFactory kalkan, string handle, string passphrase = MemberPassphrase, string role = "member")
    {
        await using var scope = kalkan.Services.CreateAsyncScope();
        var (outcome, member) = await scope.ServiceProvider.GetRequiredService<Kalkan.Identity.Members.MemberAccounts>()
            .CreateAsync(handle, passphrase, role, null, CancellationToken.None);
        Assert.Equal(Kalkan.Identity.Members.CreateOutcome.Created, outcome);
        return member!.Id;
    }

    /// <summary>A new member of the given role, signed in through the /signin page: her browser, cookies kept.</summary>
    public static async Task<HttpClient> MemberBrowserAsync(this KalkanFactory kalkan, string role = "member", string? handle = null,
        string passphrase = MemberPassphrase)
    {
        handle ??= NewHandle(role);
        await kalkan.CreateMemberAsync(handle, passphrase, role);
        return await kalkan.SignedInBrowserAsync(handle, passphrase);
    }

    static string NewHandle(string role) => role + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A browser, cookies kept, signed in as this account through the /signin page.</summary>
    public static Task<HttpClient> SignedInBrowserAsync(this KalkanFactory kalkan, string handle, string passphrase = MemberPassphrase,
        string page = "/signin") => kalkan.Browser().SignInOnPageAsync(handle, passphrase, page);

    /// <summary>Signs this browser in through the /signin page (at <paramref name="page"/>: /signin with a language, say), as she would.</summary>
    public static async Task<HttpClient> SignInOnPageAsync(this HttpClient browser, string handle, string passphrase = MemberPassphrase, string page = "/signin")
    {
        var signedIn = await browser.SubmitAsync(page, new() { ["handle"] = handle, ["passphrase"] = passphrase });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    /// <summary>The admin, signed in over the API.</summary>
    public static async Task<HttpClient> AdminAsync(this KalkanFactory kalkan) => kalkan.Api().WithToken(await kalkan.Api().SignInAsync());

    public static async Task<string> SignInAsync(this HttpClient client, string handle = AdminHandle, string passphrase = AdminPassphrase)
    {
        var response = await client.PostAsJsonAsync("/api/v1/session", new { handle, passphrase });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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

    /// <summary>The answer is a problem+json with this status: its body.</summary>
    public static Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return response.ProblemAsync();
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
