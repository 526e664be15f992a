namespace Kalkan.Tests.Sessions;

public class SessionTests
{
    [Theory, Stores]
    public async Task A_wrong_handle_and_a_wrong_passphrase_get_the_same_answer(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var client = kalkan.Api();

        var wrongHandle = await client.PostAsJsonAsync("/api/v1/session", new { handle = "nobody-here", passphrase = Scenario.AdminPassphrase });
        var wrongPassphrase = await client.PostAsJsonAsync("/api/v1/session", new { handle = Scenario.AdminHandle, passphrase = "not her passphrase" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongHandle.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassphrase.StatusCode);
        var a = await wrongHandle.ProblemAsync();
        var b = await wrongPassphrase.ProblemAsync();
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
    }

    [Theory, Stores]
    public async Task Signing_in_gives_a_long_random_token_and_the_role(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);

        var response = await kalkan.Api().PostAsJsonAsync("/api/v1/session", new { handle = " AIGUL-admin ", passphrase = Scenario.AdminPassphrase });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("admin", body.GetProperty("role").GetString());
        Assert.True(Convert.FromBase64String(Base64(body.GetProperty("token").GetString()!)).Length >= 16);
    }

    [Theory, Stores]
    public async Task Signing_out_kills_the_token_at_once(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var client = await kalkan.AdminAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.DeleteAsync("/api/v1/session")).StatusCode);
    }

    [Theory, Stores]
    public async Task An_idle_session_ends(Store kind)
    {
        var clock = new ShiftedClock();
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Sessions:IdleTimeout"] = "00:02:00" }, clock: clock);
        var client = await kalkan.AdminAsync();

        clock.Advance(TimeSpan.FromMinutes(3)); // past the idle timeout, before a browser would lock
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.DeleteAsync("/api/v1/session")).StatusCode);
    }

    [Theory, Stores]
    public async Task The_store_keeps_only_a_hash_of_each_token(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var token = await kalkan.Api().SignInAsync();

        await using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(kalkan.Services);
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Kalkan.Storage.KalkanDb>(scope.ServiceProvider);
        var stored = Assert.Single(db.Sessions.ToList());
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)), stored.TokenHash);
    }

    static string Base64(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
    }
}
