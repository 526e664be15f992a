namespace Kalkan.Tests.Security;

/// <summary>
/// `kalkan unseal --data DIR`, before the verb existed, started serving a fresh store on port 5080
/// with its setup page open, and ignored --data. A command line Kalkan does not understand now
/// starts nothing: it prints the usage and exits with 2.
/// </summary>
public class CliStrictnessTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("Serve")]
    [InlineData("--data")]
    [InlineData("--urls=http://0.0.0.0:5080")]
    public async Task An_unknown_verb_is_a_usage_error_that_starts_nothing(string verb)
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);

        var (exitCode, output) = await KalkanProcess.RunAsync([verb, "--data", store.DataDir]);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage:", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(store.DataDir));
    }

    [Fact]
    public async Task No_verb_at_all_is_a_usage_error()
    {
        var (exitCode, output) = await KalkanProcess.RunAsync([]);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage:", output);
        Assert.Contains("serve", output);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("init", "--network", "N", "--admin", "a")]
    [InlineData("unseal")]
    [InlineData("analyze", "--input", "survey.csv")]
    [InlineData("audit", "verify")]
    [InlineData("backup", "--out", "backup.kalkan")]
    [InlineData("restore", "--in", "backup.kalkan")]
    public async Task Every_verb_refuses_an_unknown_option_with_its_usage(params string[] verb)
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);

        var (exitCode, output) = await KalkanProcess.RunAsync([.. verb, "--data", store.DataDir, "--no-such-option", "x"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("--no-such-option", output);
        Assert.Contains("Usage:", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(store.DataDir));
    }

    [Fact]
    public async Task The_unseal_passphrase_is_no_command_line_option()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);

        var (exitCode, output) = await KalkanProcess.RunAsync(["serve", "--data", store.DataDir, "--KALKAN_UNSEAL_PASSPHRASE=" + Scenario.UnsealPassphrase]);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage:", output);
    }

    [Fact]
    public async Task The_unseal_passphrase_in_configuration_does_not_unseal()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        await using var restarted = await Scenario.SetUpAndRestartAsync(store, settings: new Dictionary<string, string?> { ["KALKAN_UNSEAL_PASSPHRASE"] = Scenario.UnsealPassphrase });

        Assert.Equal("sealed", await restarted.Api().StateAsync());
    }
}
