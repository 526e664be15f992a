using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Kalkan.Tests.Infrastructure;

/// <summary>
/// The real Kalkan host on a real store, in memory. Disposing it stops the server; a new factory
/// on the same <see cref="TestStore"/> is a restart.
/// </summary>
public sealed class KalkanFactory(ITestStore store, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    bool ownsStore;

    public ITestStore Store => store;

    /// <summary>The clock the server reads instead of the system's (a <see cref="ShiftedClock"/>), where time passing is the point.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>The unseal key shares its setup handed out (<see cref="Scenario.SetUpAndRestartAsync"/>), for the custodians' part of a test.</summary>
    public IReadOnlyList<string> Shares { get; init; } = [];

    /// <summary>Changes to the server's services, where a test must take a part away (a process that stopped halfway).</summary>
    public Action<IServiceCollection>? AlterServices { get; init; }

    /// <summary>A Kalkan on a fresh store of its own (deleted when disposed), set up with <see cref="Scenario"/>'s admin unless told not to.</summary>
    public static async Task<KalkanFactory> StartAsync(Store kind, bool setUp = true, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var kalkan = new KalkanFactory(await TestStore.CreateAsync(kind), settings) { ownsStore = true, Clock = clock };
        if (setUp) await kalkan.SetUpAsync();
        return kalkan;
    }

    /// <summary>A Kalkan set up on a store the test keeps: to start again on it (a restart), or to read its files once stopped (a seizure).</summary>
    public static async Task<KalkanFactory> StartAsync(ITestStore store)
    {
        var kalkan = new KalkanFactory(store);
        try
        {
            await kalkan.SetUpAsync();
            return kalkan;
        }
        catch
        {
            await kalkan.DisposeAsync();
            throw;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsStore && store is TestStore owned) await owned.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Store:DataDir", store.DataDir);
        if (store.Db is not null) builder.UseSetting("Store:Db", store.Db);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        if (Clock is { } clock) builder.ConfigureTestServices(services => services.AddSingleton(clock));
        if (AlterServices is { } change) builder.ConfigureTestServices(change);
    }

    /// <summary>A client as a browser over HTTPS would be, so __Host- cookies come back.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    public HttpClient Api() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = false,
    });
}
