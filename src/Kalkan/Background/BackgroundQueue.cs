using System.Threading.Channels;

namespace Kalkan.Background;

/// <summary>
/// Work that runs after an answer has left (a duress alarm, ending sessions on a seal, unsealing at
/// start): one queue, one job at a time, each on its own scope. A job that fails is logged by its
/// name and the exception's type only (a message can carry a handle or a place), and the next one
/// still runs, so a failure never vanishes and never stops what follows.
/// </summary>
public sealed class BackgroundQueue(IServiceScopeFactory scopes, ILogger<BackgroundQueue> log) : BackgroundService
{
    readonly Channel<(string Name, Func<IServiceProvider, CancellationToken, Task> Work)> jobs =
        Channel.CreateUnbounded<(string, Func<IServiceProvider, CancellationToken, Task>)>(new UnboundedChannelOptions { SingleReader = true });

    /// <param name="name">A fixed label for the logs, never data.</param>
    public void Enqueue(string name, Func<IServiceProvider, CancellationToken, Task> work)
    {
        if (!jobs.Writer.TryWrite((name, work))) log.LogError("Background job {Job} not queued: the server is stopping", name);
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        await foreach (var (name, work) in jobs.Reader.ReadAllAsync(stop))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await work(scope.ServiceProvider, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError("Background job {Job} failed: {Type}", name, e.GetType().Name);
            }
        }
    }

    public override Task StopAsync(CancellationToken ct)
    {
        jobs.Writer.TryComplete();
        return base.StopAsync(ct);
    }
}

public static class BackgroundServices
{
    public static IServiceCollection AddBackground(this IServiceCollection services)
    {
        services.AddSingleton<BackgroundQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundQueue>());
        return services;
    }
}
