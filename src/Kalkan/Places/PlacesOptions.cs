using System.ComponentModel.DataAnnotations;

namespace Kalkan.Places;

/// <summary>Places:*: how long a check holds before a place is shown as not checked lately.</summary>
public sealed class PlacesOptions
{
    public const string Section = "Places";

    /// <summary>A place not checked for this many days is marked so members know to call ahead.</summary>
    [Range(1, 3650)]
    public int StaleAfterDays { get; set; } = 90;
}
