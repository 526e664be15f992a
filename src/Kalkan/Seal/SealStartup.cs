using Kalkan.Background;

namespace Kalkan.Seal;

/// <summary>
/// Before the server answers anything: bring the store up to date, learn whether it was ever
/// initialised, and unseal when the operator gave the passphrase in KALKAN_UNSEAL_PASSPHRASE
/// (beside the rest of the start: the seal row is read with a plain query, no EF model is built first).
/// </summary>
sealed class SealStartup(IServiceProvider services, SealState seal, Unsealer unsealer, BackgroundQueue queue, ILogger<SealStartup> log)
    : IHostedLifecycleService
{
    /// <summary>
    /// Read from the process environment only, never from configuration: a command-line option
    /// shows in every process listing and in shell history, and a settings file is one more copy.
    /// </summary>
    public const string PassphraseVariable = "KALKAN_UNSEAL_PASSPHRASE";

    public async Task StartingAsync(CancellationToken ct)
    {
        await services.MigrateStoreAsync(ct);
        if (!await StoreProbe.IsInitializedAsync(services.GetRequiredService<IOptions<StoreOptions>>().Value, ct))
        {
            log.LogInformation("Store is not initialised: the setup page is open to whoever has the setup code");
            return;
        }
        seal.MarkInitialized();
        if (Environment.GetEnvironmentVariable(PassphraseVariable) is { Length: > 0 } passphrase)
        {
            // Argon2id (64 MiB) and the audit entry run while the host finishes starting, instead of
            // before it: the server answers "sealed" for that moment, then "ready".
            queue.Enqueue("unseal at start", (_, ct) => UnsealAsync(passphrase, ct));
        }
        else
        {
            log.LogInformation("Starting sealed");
        }
    }

    async Task UnsealAsync(string passphrase, CancellationToken ct)
    {
        try
        {
            if (await unsealer.ByOperatorAsync(passphrase, ct) != UnsealOutcome.Ready)
                log.LogError("KALKAN_UNSEAL_PASSPHRASE did not unseal the store; starting sealed");
        }
        catch (OperationCanceledException) { }
        catch (Exception e)
        {
            log.LogError("Unsealing with KALKAN_UNSEAL_PASSPHRASE failed ({Type}); starting sealed", e.GetType().Name);
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
