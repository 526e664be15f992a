namespace Kalkan.Tests.Cli;

public class InitCommandTests
{
    static readonly Dictionary<string, string> Passphrases = new()
    {
        ["KALKAN_ADMIN_PASSPHRASE"] = "admin passphrase from env",
        ["KALKAN_UNSEAL_PASSPHRASE"] = "unseal passphrase from env",
    };

    [Theory, Stores]
    public async Task Init_creates_a_sealed_network_once_and_refuses_a_second_time(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);

        var first = await KalkanProcess.RunAsync(["init", .. KalkanProcess.Store(store), "--network", "Bishkek", "--admin", "aigul", "--shares", "2/3"], Passphrases);
        var second = await KalkanProcess.RunAsync(["init", .. KalkanProcess.Store(store), "--network", "Other", "--admin", "other"], Passphrases);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Equal(3, first.Output.Split('\n').Count(l => l.StartsWith("kalkan-share-")));
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("already initialised", second.Output);

        await using var kalkan = new KalkanFactory(store);
        var api = kalkan.Api();
        Assert.Equal("sealed", await api.StateAsync());
        await api.PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = "unseal passphrase from env" });
        Assert.Equal("ready", await api.StateAsync());
        await api.SignInAsync("aigul", "admin passphrase from env");
    }

    [Fact]
    public async Task Init_refuses_a_weak_passphrase_with_a_clear_message_and_creates_nothing()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);

        var refused = await KalkanProcess.RunAsync(["init", .. KalkanProcess.Store(store), "--network", "Bishkek", "--admin", "aigul"],
            new Dictionary<string, string> { ["KALKAN_ADMIN_PASSPHRASE"] = "short", ["KALKAN_UNSEAL_PASSPHRASE"] = "unseal passphrase from env" });

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("adminPassphrase", refused.Output);
        await using var kalkan = new KalkanFactory(store);
        Assert.Equal("uninitialized", await kalkan.Api().StateAsync());
    }
}
