namespace Kalkan.Tests.Infrastructure;

/// <summary>
/// Waits for a condition the server brings about on its own (a timer's tick) and announces to no
/// one: asked again and again until it holds, failing only when it never does.
/// </summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        using var deadline = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            try { await Task.Delay(50, deadline.Token); }
            catch (OperationCanceledException) { Assert.Fail($"did not happen within {within ?? TimeSpan.FromSeconds(30)}"); }
        }
    }
}
