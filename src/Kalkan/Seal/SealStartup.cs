using Kalkan.Storage;
using Microsoft.Extensions.Options;

namespace Kalkan.Seal;

/// <summary>
/// Before the server answers anything: bring the store up to date, learn whether it was ever
/// initialised, and unseal when the operator gave the passphrase in KALKAN_UNSEAL_PASSPHRASE.
/// </summary>
sealed class SealStartup(IServiceProvider services, SealState seal, Unsealer unsealer, IConfiguration config, ILogger<SealStartup> log)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken ct)
    {
        await services.MigrateStoreAsync(ct);
        if (!await StoreProbe.IsInitializedAsync(services.GetRequiredService<IOptions<StoreOptions>>().Value, ct))
        {
            log.LogInformation("Store is not initialised: the setup page is open");
            return;
        }
        seal.MarkInitialized();
        if (config["KALKAN_UNSEAL_PASSPHRASE"] is { Length: > 0 } passphrase)
        {
            if (await unsealer.WithPassphraseAsync(passphrase, ct) != UnsealOutcome.Ready)
                log.LogError("KALKAN_UNSEAL_PASSPHRASE did not unseal the store; starting sealed");
        }
        else
        {
            log.LogInformation("Starting sealed");
        }
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct)
    {
        seal.Dispose();
        return Task.CompletedTask;
    }
}
