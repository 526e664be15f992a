using System.ComponentModel.DataAnnotations;

namespace Kalkan.Circles;

/// <summary>Circles' settings ("Circles" section); each refused at start when out of range, naming itself.</summary>
public sealed class CirclesOptions
{
    public const string Section = "Circles";
    /// <summary>The longest note on an SOS or a check-in, as on an alert.</summary>
    public const int NoteMaxLength = 280;

    [Range(1, 50)]
    public int MaxCircle { get; set; } = 8;
    /// <summary>An SOS nobody answered, or a missed check-in nobody resolved, goes to every defender again, louder, after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>How long a resolved SOS call or check-in (done, or missed and resolved) is kept; then it is deleted whole.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
    /// <summary>How often due timers are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan TimerInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How many missed check-ins one claim takes and the streams get together (on PostgreSQL one transaction, its events in one insert).</summary>
    [Range(1, 100_000)]
    public int TimerBatch { get; set; } = 2000;
    /// <summary>After a start, phones get this long to reconnect their streams before timers that fell due meanwhile fire.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan StartupGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An optional note, trimmed, of at most <see cref="NoteMaxLength"/> characters: the one rule for SOS and check-in notes.</summary>
    public static string? Note(Validation errors, string? note)
    {
        if (string.IsNullOrWhiteSpace(note)) return null;
        if (note.Length > NoteMaxLength) errors.Add("note", $"At most {NoteMaxLength} characters.");
        return note.Trim();
    }
}
