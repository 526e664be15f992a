namespace Kalkan.Warnings;

public sealed class WarningOptions
{
    public const string Section = "Warnings";

    /// <summary>Checks one member may make in a UTC day; the next answers 429.</summary>
    public int ChecksPerDay { get; set; } = 30;

    /// <summary>How long a warning stays up after it is published or renewed.</summary>
    public int ValidMonths { get; set; } = 12;

    /// <summary>Phone numbers match on their last this many digits (decision 1701).</summary>
    public int PhoneDigits { get; set; } = 9;

    /// <summary>Reports one member may send for review in a day from her first (counted for every instance, decision 1603).</summary>
    public int ReportsPerDay { get; set; } = 5;

    /// <summary>Calls one member may make to the warnings API in a minute.</summary>
    public int RequestsPerMinute { get; set; } = 120;

    public bool IsValid() => ChecksPerDay > 0 && ValidMonths > 0 && PhoneDigits is >= 6 and <= 12 && ReportsPerDay > 0 && RequestsPerMinute > 0;
}
