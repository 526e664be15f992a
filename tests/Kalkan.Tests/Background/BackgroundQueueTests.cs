using Kalkan.Background;
using Microsoft.Extensions.Logging;

namespace Kalkan.Tests.Background;

public class BackgroundQueueTests
{
    [Fact]
    public async Task A_failing_job_is_logged_by_its_name_and_type_only_and_the_jobs_after_it_still_run()
    {
        var log = new Lines();
        await using var services = new ServiceCollection().BuildServiceProvider();
        var queue = new BackgroundQueue(services.GetRequiredService<IServiceScopeFactory>(), log);
        await queue.StartAsync(CancellationToken.None);
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        queue.Enqueue("duress warning", (_, _) => throw new InvalidOperationException("Aizada at 42.87,74.59"));
        queue.Enqueue("after it", (_, _) =>
        {
            next.SetResult();
            return Task.CompletedTask;
        });

        await next.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await queue.StopAsync(CancellationToken.None);
        var line = Assert.Single(log.Written);
        Assert.Contains("duress warning", line);
        Assert.Contains(nameof(InvalidOperationException), line);
        Assert.DoesNotContain("Aizada", line);
        Assert.DoesNotContain("42.87", line);
    }

    sealed class Lines : ILogger<BackgroundQueue>
    {
        public List<string> Written { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => true;

        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Written) Written.Add(formatter(state, exception));
        }
    }
}
