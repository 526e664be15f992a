using System.ComponentModel.DataAnnotations;

namespace Kalkan.Seal;

/// <summary>How hard the HTTP unseal is to guess at ("Unseal" section); refused at start when out of range, naming itself.</summary>
public sealed class UnsealOptions
{
    public const string Section = "Unseal";

    /// <summary>Unseal calls per minute, for everyone together (no address is kept to tell callers apart).</summary>
    [Range(1, 100)]
    public int PerMinute { get; set; } = 10;

    /// <summary>The longest pause after wrong passphrases in a row (it doubles from a quarter second up to this).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LongestBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
