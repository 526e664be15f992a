namespace Kalkan.Alerts;

public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>How long an alert of each kind stays up, and how far a confirmation pushes it (Alerts__Lifetime__checkpoint=02:00:00).</summary>
    public Dictionary<string, TimeSpan> Lifetime { get; set; } = new()
    {
        [AlertKinds.Checkpoint] = TimeSpan.FromHours(2),
        [AlertKinds.Patrol] = TimeSpan.FromHours(1),
        [AlertKinds.Raid] = TimeSpan.FromHours(6),
        [AlertKinds.Other] = TimeSpan.FromHours(2),
    };

    /// <summary>Confirmations from distinct members that make an alert corroborated.</summary>
    public int Corroboration { get; set; } = 2;

    /// <summary>A report this close to an active alert of its kind confirms it instead of adding a pin.</summary>
    public double MergeMeters { get; set; } = 300;

    /// <summary>Reports one member may make in an hour (merges included).</summary>
    public int ReportsPerHour { get; set; } = 12;

    /// <summary>Calls one member may make to the alert API in a minute (stream connections included).</summary>
    public int RequestsPerMinute { get; set; } = 240;

    /// <summary>How often expired alerts are folded into the history and purged.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The zone of the history's hours of the week (an IANA name such as Asia/Bishkek).</summary>
    public string HistoryTimeZone { get; set; } = "UTC";

    public const int NoteMaxLength = 280;
    /// <summary>Notes of reports merged into one alert, one a line, up to this length; later ones no longer fit.</summary>
    public const int MergedNoteMaxLength = 1000;

    public TimeSpan LifetimeOf(string kind) => Lifetime.TryGetValue(kind, out var t) ? t : Lifetime[AlertKinds.Other];

    public bool IsValid() =>
        AlertKinds.All.All(k => Lifetime.TryGetValue(k, out var t) && t > TimeSpan.Zero) &&
        Corroboration >= 1 && MergeMeters >= 0 && ReportsPerHour > 0 && RequestsPerMinute > 0 && SweepInterval > TimeSpan.Zero &&
        TimeZoneInfo.TryFindSystemTimeZoneById(HistoryTimeZone, out _);
}
