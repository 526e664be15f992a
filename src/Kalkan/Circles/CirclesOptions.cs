namespace Kalkan.Circles;

public sealed class CirclesOptions
{
    public const string Section = "Circles";

    public int MaxCircle { get; set; } = 8;
    /// <summary>An SOS nobody answered, or a missed check-in nobody resolved, goes to every defender again, louder, after this.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>How long a resolved SOS call or check-in (done, or missed and resolved) is kept; then it is deleted whole.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
    /// <summary>How often due timers are looked for.</summary>
    public TimeSpan TimerInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>After a start, phones get this long to reconnect their streams before timers that fell due meanwhile fire.</summary>
    public TimeSpan StartupGrace { get; set; } = TimeSpan.FromSeconds(1);
}
