namespace Kalkan.Tests.Infrastructure;

/// <summary>
/// The real clock moved by an offset the test sets: hours pass in an instant where the passing of
/// time is what a test is about, while timers and timeouts keep running at real speed.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
