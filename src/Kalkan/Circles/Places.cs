namespace Kalkan.Circles;

/// <summary>How a call's position is written before it is sealed, and read back after.</summary>
static class Places
{
    public static string Format(double lat, double lon) => string.Create(CultureInfo.InvariantCulture, $"{lat:R},{lon:R}");

    public static (double Lat, double Lon)? Parse(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public static (double Lat, double Lon)? Of(double? lat, double? lon) => lat is { } a && lon is { } o ? (a, o) : null;
}
