using Microsoft.Extensions.Localization;

namespace Kalkan.Web;

/// <summary>
/// What a page shows for a time before its script puts it in her own zone (times.js): the clock in
/// UTC, saying so, and how long until or since, which needs no zone at all.
/// </summary>
public static class Times
{
    public static string Fallback(DateTimeOffset at, DateTimeOffset now, IStringLocalizer text)
    {
        var minutes = (int)Math.Round((at - now).TotalMinutes);
        var span = Math.Abs(minutes) < 60 ? text["{0} min", Math.Abs(minutes)] : text["{0} h {1} min", Math.Abs(minutes) / 60, Math.Abs(minutes) % 60];
        var relative = minutes >= 0 ? text["in {0}", span] : text["{0} ago", span];
        return $"{at.UtcDateTime:HH:mm} UTC · {relative}";
    }
}
