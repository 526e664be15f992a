namespace Kalkan.Tests.Security;

/// <summary>
/// A fresh server used to belong to whoever reached /setup first. Now it asks for the one-time
/// code it printed to its console and wrote to its log folder, which only its operator can see.
/// </summary>
public class SetupTakeoverTests
{
    static Dictionary<string, string> Fields(string code) => new()
    {
        ["setupCode"] = code,
        ["network"] = "Taken",
        ["adminHandle"] = "intruder",
        ["adminPassphrase"] = "an intruder's long passphrase",
        ["unsealPassphrase"] = "an intruder's unseal passphrase",
    };

    [Theory, Stores]
    public async Task Without_the_setup_code_neither_the_setup_page_nor_the_api_changes_anything(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, setUp: false);
        var code = kalkan.SetupCode();
        var browser = kalkan.Browser();
        var api = kalkan.Api();

        // Setup shares unsealing's rate limit (ten a minute), so a few guesses make the point.
        var page = await browser.SubmitAsync("/setup", Fields("0000-0000-0000-0000"));
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("role=\"alert\"", await page.Content.ReadAsStringAsync());
        foreach (var guess in new[] { "", code[..^1] + (code[^1] == 'a' ? 'b' : 'a') })
        {
            var call = await api.PostAsJsonAsync("/api/v1/sys/setup", Fields(guess));
            Assert.Equal("setupCode", (await call.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("field").GetString());
        }
        var missing = await api.PostAsJsonAsync("/api/v1/sys/setup", new { network = "Taken", adminHandle = "intruder" });
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);

        Assert.Equal("uninitialized", await api.StateAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/setup")).StatusCode);
    }

    [Theory, Stores]
    public async Task With_the_printed_code_the_api_sets_up_the_network_once_and_the_code_dies(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, setUp: false);
        var code = kalkan.SetupCode();
        var api = kalkan.Api();

        var fields = Fields(code.ToUpperInvariant().Replace("-", " ")); // as typed from a console, case and spacing aside
        fields["shares"] = "2/3";
        var created = await api.PostAsJsonAsync("/api/v1/sys/setup", fields);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, body.GetProperty("shares").GetArrayLength());
        Assert.Equal("ready", await api.StateAsync());
        await api.SignInAsync("intruder", "an intruder's long passphrase");
        Assert.False(File.Exists(Path.Combine(kalkan.Store.DataDir, "logs", "setup-code.txt")));
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync("/api/v1/sys/setup", Fields(code))).StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_setup_code_file_is_readable_by_the_servers_account_only_and_never_in_the_log()
    {
        await using var kalkan = await KalkanFactory.StartAsync(Store.Sqlite, setUp: false);
        var code = kalkan.SetupCode();

        var file = Path.Combine(kalkan.Store.DataDir, "logs", "setup-code.txt");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Matches("^[0-9a-z]{4}(-[0-9a-z]{4}){3}$", code);
        await kalkan.DisposeAsync();
        var log = Path.Combine(kalkan.Store.DataDir, "logs", "kalkan.log");
        Assert.DoesNotContain(code, File.Exists(log) ? await File.ReadAllTextAsync(log) : "");
    }

    [Fact]
    public async Task A_fresh_kalkan_serve_prints_the_code_on_its_console_and_a_restart_prints_a_new_one()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        var file = Path.Combine(store.DataDir, "logs", "setup-code.txt");
        string first;
        await using (var server = await ServingProcess.StartAsync(store))
        {
            first = File.ReadAllText(file).Trim();
            await server.ConsoleShowsAsync(first);
        }
        await using (var again = await ServingProcess.StartAsync(store))
        {
            var second = File.ReadAllText(file).Trim();
            await again.ConsoleShowsAsync(second);
            Assert.NotEqual(first, second);
        }
    }
}
