using System.ComponentModel.DataAnnotations;

namespace Kalkan.Places;

/// <summary>Places:*: how long a check holds before a place is shown as not checked lately, and how often a member may call.</summary>
public sealed class PlacesOptions
{
    public const string Section = "Places";

    /// <summary>A place not checked for this many days is marked so members know to call ahead.</summary>
    [Range(1, 3650)]
    public int StaleAfterDays { get; set; } = 90;

    /// <summary>Calls one member may make to the places API and page in a minute.</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 60;
}
