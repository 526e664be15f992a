using System.Text.RegularExpressions;

namespace Kalkan.Identity.Members;

/// <summary>A handle is a chosen name: letters of any script, digits, and . _ - inside, 2 to 32 characters.</summary>
public static partial class Handles
{
    public static string? Problem(string? handle) => handle?.Trim() switch
    {
        null or "" => "Required.",
        { Length: < 2 or > 32 } => "A handle has 2 to 32 characters.",
        var h when !Pattern().IsMatch(h) => "Use letters, digits, and . _ - only.",
        _ => null,
    };

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}._-]*[\p{L}\p{N}]$")]
    private static partial Regex Pattern();
}
