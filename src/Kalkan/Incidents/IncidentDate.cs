namespace Kalkan.Incidents;

/// <summary>
/// When it happened, as exactly as the victim remembers: a day (2026-10-03), a month (2026-10) or
/// a year (2026). Kept as the span it covers, so a search by dates finds the approximate ones too.
/// </summary>
public readonly record struct IncidentDate(string Text, string Precision, DateOnly From, DateOnly To)
{
    public static IncidentDate? Parse(string? text, DateOnly today)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        IncidentDate? date = text.Length switch
        {
            10 when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) =>
                new(text, IncidentCodes.Day, day, day),
            7 when DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) =>
                new(text, IncidentCodes.Month, first, first.AddMonths(1).AddDays(-1)),
            4 when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1900 =>
                new(text, IncidentCodes.Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)),
            _ => null,
        };
        // A date that starts after today is a typing mistake, not a memory.
        return date is { } d && d.From.Year >= 1900 && d.From <= today ? d : null;
    }
}
