using System.ComponentModel.DataAnnotations;

namespace Kalkan.Identity.Sessions;

public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>A session unused this long ends: a phone left signed in is a phone police can read.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "30.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>No session lives longer than this, however active.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A browser left untouched this long locks: the next page asks for her passphrase (a phone grabbed on the table).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan LockAfterIdle { get; set; } = TimeSpan.FromMinutes(5);
}
