namespace Kalkan.Cases;

public sealed class CasesOptions
{
    public const string Section = "Cases";

    /// <summary>How long the retaliation watch goes on after a case is decided, closed or withdrawn (not under pressure).</summary>
    public int WatchMonths { get; set; } = 12;

    /// <summary>How long before a deadline its defenders are reminded.</summary>
    public TimeSpan RemindBefore { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// At start, incidents and alarms stored this far back are looked at again, in case the process
    /// stopped before it handled them (a warning is stored once per case and source, so none repeats).
    /// </summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often deadlines are looked at.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromMinutes(1);
}
